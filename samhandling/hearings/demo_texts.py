"""The texts of the demo hearings: the revised samarbeidsavtale of Møre og Romsdal (nynorsk, seed
002) and Helse Nord's plan for funksjons- og oppgavedeling (bokmål, seed 000). The drafts follow
the usual parts of such documents; their content is made up for the demo."""

# --- Møre og Romsdal: the revised samarbeidsavtale (nynorsk) ----------------------------------

MR_INDEX_LEAD = "Utkast som Helsefellesskap Møre og Romsdal sender på høyring."
MR_INDEX_INTRO = (
    "<p>Her finn du utkasta som er på høyring, og kva som vart utfallet av tidlegare høyringar. "
    "Kommunane og helseføretaket er høyringsinstansar, men alle kan svare: organisasjonar, "
    "brukarrepresentantar og privatpersonar.</p>"
    "<p>Høyringssvara vert publiserte med namnet til den som svarar når fristen er ute. "
    "Kontaktopplysningane til privatpersonar vert aldri publiserte.</p>"
)

MR_LEAD = (
    "Forhandlingsutvalet har lagt fram eit revidert utkast til samarbeidsavtale mellom Helse "
    "Møre og Romsdal HF og kommunane. Kommunane, helseføretaket og andre kan no seie si meining."
)
MR_ASKED = (
    "<p>Vi ber om svar på utkastet del for del, og på dei to høyringsspørsmåla. Svar gjerne "
    "etter politisk eller administrativ handsaming, og oppgi i så fall kva organ som har vedteke "
    "svaret. Har de ingen merknader, kan de svare det.</p>"
    "<p>Innspela vert lagde fram for forhandlingsutvalet, som legg fram endeleg utkast for "
    "Strategisk samarbeidsutval (SSU) før partane vedtek avtalen.</p>"
    "<p><i>Demo: utkastet er forenkla og oppdikta.</i></p>"
)
MR_CONTACT = {
    "contact_name": "Felles samarbeidssekretariat",
    "contact_email": "sekretariat@more-og-romsdal.helsefellesskap.example",
    "contact_phone": "",
}
MR_INVITED_OTHERS = (
    "Fylkesrådet for personar med funksjonsnedsetjing\nBrukarutvalet i Helse Møre og Romsdal"
)

# heading, text
MR_SECTIONS = [
    (
        "Formål og verkeområde",
        "<p>Avtalen skal setje partane i stand til å gi pasientar og brukarar heilskaplege og "
        "samanhengande helse- og omsorgstenester. Han skal sikre at pasientane får rett hjelp på "
        "rett stad til rett tid, og at oppgåvene vert fordelte slik lov og forskrift seier.</p>"
        "<p>Avtalen gjeld samarbeidet mellom Helse Møre og Romsdal HF og dei 26 kommunane i "
        "opptaksområdet, og er inngått etter helse- og omsorgstenestelova § 6-1 og "
        "spesialisthelsetenestelova § 2-1 e.</p>",
    ),
    (
        "Partane og ansvaret deira",
        "<p>Partane er kvar kommune og helseføretaket. Kvar part har ansvar for sine eigne "
        "tenester, og skal ikkje skyve oppgåver over på den andre parten utan avtale.</p>"
        "<ul><li>Kommunane har ansvar for helse- og omsorgstenester i kommunen, medrekna "
        "fastlegeordninga og legevakt.</li><li>Helseføretaket har ansvar for "
        "spesialisthelsetenester, og for rettleiing av kommunane.</li></ul>",
    ),
    (
        "Samarbeidsområde og delavtalar",
        "<p>Samarbeidet er utdjupa i fem delavtalar som følgjer minstekrava i helse- og "
        "omsorgstenestelova § 6-2: innlegging og utskriving, døgnopphald for øyeblikkeleg hjelp, "
        "kunnskapsoverføring og informasjonsutveksling, forsking og utdanning, og førebygging og "
        "beredskap.</p><p>Utkastet slår saman dei tidlegare retningslinene til dei fem "
        "delavtalane, og flyttar detaljerte rutinar til eit felles rutinearkiv som SSU "
        "godkjenner.</p>",
    ),
    (
        "Organisering av samarbeidet",
        "<p>Partnarskapsmøtet set retning for helsefellesskapet. Strategisk samarbeidsutval "
        "(SSU) leier samarbeidet mellom møta og følgjer opp den felles handlingsplanen.</p>"
        "<p>Faglege samarbeidsutval (FSU) arbeider med dei prioriterte pasientgruppene. Lokale "
        "samarbeidsutval (LSU) ved kvart sjukehus vert vidareførte, med representantar frå "
        "kommunane i området, sjukehuset, fastlegane og brukarane.</p>",
    ),
    (
        "Avvik og usemje",
        "<p>Brot på avtalen vert melde som samhandlingsavvik i det felles avvikssystemet. "
        "Avvika vert handsama der dei oppstår, og LSU går gjennom samla avvik kvart halvår.</p>"
        "<p>Usemje om forståinga av avtalen skal først løysast mellom partane. Lukkast ikkje "
        "det, kan kvar part be SSU om å handsame saka, og deretter den nasjonale "
        "nemnda for løysing av tvistar.</p>",
    ),
    (
        "Iverksetjing, revisjon og oppseiing",
        "<p>Avtalen tek til å gjelde når alle partane har vedteke han, og erstattar avtalen frå "
        "2019. Han vert revidert kvart fjerde år, eller oftare dersom ein part ber om det.</p>"
        "<p>Avtalen kan seiast opp med eitt års varsel. Kommunane og helseføretaket skal "
        "informere tilsette om avtalen og gjere han kjend i eigne tenester.</p>",
    ),
]
MR_QUESTIONS = [
    (
        "Er de samde i at detaljerte rutinar vert flytta frå delavtalane til eit felles "
        "rutinearkiv?",
        "Sjå del 3, Samarbeidsområde og delavtalar.",
    ),
    (
        "Er de samde i at LSU går gjennom samhandlingsavvika kvart halvår?",
        "Sjå del 5, Avvik og usemje.",
    ),
]

# municipality number, person, role, e-mail, decision reference, days after opening the
# decision was made (None: no decision), days after opening the response came,
# general answer, {section number: answer}, [(question number, choice, reason)]
MR_RESPONSES = [
    (
        "1506",
        "Bjørn Ulvestad",
        "Helse- og omsorgssjef",
        "bjorn.ulvestad@molde.kommune.example",
        "Formannskapet i Molde, sak 41/24",
        9,
        10,
        "Molde kommune støttar hovudtrekka i utkastet, og meiner det er eit godt grunnlag for "
        "eit tettare samarbeid.",
        {
            3: "Eit felles rutinearkiv gjer det lettare for dei tilsette å finne gjeldande "
            "rutinar. SSU må sikre at kommunane er med når rutinane vert endra.",
            4: "Vi støttar at LSU vert vidareførte. Fastlegane bør ha fast plass i alle LSU.",
        },
        [
            (0, "agree", "Rutinane må vere lette å finne for dei tilsette."),
            (1, "agree", ""),
        ],
    ),
    (
        "1577",
        "Nils Vartdal",
        "Kommunalsjef",
        "nils.vartdal@volda.kommune.example",
        "",
        None,
        6,
        "Volda kommune har nokre merknader til avvikshandteringa.",
        {
            5: "Halvårleg gjennomgang i LSU er for sjeldan for alvorlege avvik. Vi foreslår at "
            "alvorlege avvik vert tekne opp i første LSU-møte etter at dei er melde.",
        },
        [
            (0, "partly", "Rutinearkivet må vere klart før avtalen tek til å gjelde."),
            (1, "disagree", "Alvorlege avvik må handsamast raskare enn kvart halvår."),
        ],
    ),
    (
        "1505",
        "Marit Hoem Sande",
        "Kommunalsjef",
        "marit.sande@kristiansund.kommune.example",
        "",
        None,
        12,
        "Kristiansund kommune sluttar seg til utkastet, med ein merknad om iverksetjinga.",
        {
            6: "Kommunane treng tid til opplæring av tilsette. Vi ber om at avtalen tek til å "
            "gjelde tidlegast tre månader etter at siste part har vedteke han.",
        },
        [(0, "agree", ""), (1, "partly", "")],
    ),
]

# section number, name, e-mail, text, published (else waiting for moderation), days after opening
MR_COMMENTS = [
    (
        1,
        "Solveig Myklebust",
        "solveig.myklebust@brukar.example",
        "Det er bra at formålet seier at pasientane skal få rett hjelp på rett stad. Det bør "
        "òg stå at brukarane skal vere med og utforme tenestene.",
        True,
        2,
    ),
    (
        4,
        "Anders Fjørtoft",
        "anders.fjortoft@legekontor.example",
        "Som fastlege saknar eg at praksiskonsulentordninga er nemnd under organiseringa.",
        True,
        5,
    ),
    (
        5,
        "Gunn Strand",
        "gunn.strand@legekontor.example",
        "Avvikssystemet må vere enkelt å bruke for fastlegane, elles vert avvika ikkje melde.",
        True,
        8,
    ),
    (
        2,
        "Per Olav Brattvåg",
        "per.olav.brattvag@epost.example",
        "Kven har ansvaret når ein pasient ventar på kommunal plass etter utskriving?",
        False,
        13,
    ),
]

# --- Helse Nord: the plan for funksjons- og oppgavedeling (bokmål) ----------------------------

HN_INDEX_LEAD = "Planer og utkast som Helse Nord sender på høring."
HN_INDEX_INTRO = (
    "<p>Her finner du høringene til Helse Nord, med høringsutkast, høringsinstanser og "
    "høringssvar. Alle kan svare på en høring: kommuner, helseforetak, organisasjoner og "
    "privatpersoner.</p>"
    "<p>Høringssvarene publiseres med navnet til avsenderen etter høringsfristen. "
    "Kontaktopplysningene til privatpersoner publiseres aldri.</p>"
)

HN_LEAD = (
    "Styret i Helse Nord RHF behandlet planen for funksjons- og oppgavedeling 20. desember "
    "2023 og sendte høringsutkastet på en åtte ukers bred høring."
)
HN_ASKED = (
    "<p>Helse Nord har som første helseregion i Norge fått i oppdrag fra Helse- og "
    "omsorgsdepartementet å utrede funksjons- og oppgavedeling i landsdelen. Vi ber om svar på "
    "høringsutkastet del for del, og på høringsspørsmålene.</p>"
    "<p>Innspillene fra dialogkonferansene i Tromsø og Bodø høsten 2023 er brukt i "
    "utredningsarbeidet.</p>"
    "<p><i>Demo: høringsutkastet er forenklet og oppdiktet.</i></p>"
)
HN_CONTACT = {
    "contact_name": "Koordineringsgruppa for funksjons- og oppgavedeling",
    "contact_email": "funksjonsdeling@helse-nord.helsefellesskap.example",
    "contact_phone": "",
}
HN_DECISION_NOTE = (
    "Styret i Helse Nord RHF har behandlet den endelige planen for funksjons- og oppgavedeling. "
    "Høringssvarene ble oppsummert i saksframlegget, og planen ble justert etter høringen."
)
HN_DOCUMENT_TITLE = "Høringsutkast: Plan for funksjons- og oppgavedeling i Helse Nord"
HN_DOCUMENT_LINES = [
    "Plan for funksjons- og oppgavedeling i Helse Nord",
    "Høringsutkast, desember 2023",
    "",
    "Demo: plassholder for høringsutkastet.",
]

HN_SECTIONS = [
    (
        "Innledning og mål for planen",
        "<p>Vi kan ikke lenger drive spesialisthelsetjenesten i Nord-Norge på samme måte som nå. "
        "Mangel på helsepersonell, lange avstander og en aldrende befolkning krever at "
        "oppgavene fordeles på nytt mellom sykehusene, og mellom sykehusene og kommunene.</p>"
        "<p>Planen skal gi likeverdige tjenester av god kvalitet i hele landsdelen, og "
        "bærekraftige fagmiljøer.</p>",
    ),
    (
        "Akuttkirurgi og traumebehandling",
        "<p>Akuttkirurgi samles ved sykehus med et tilstrekkelig pasientgrunnlag og nok "
        "spesialister i vakt. Sykehus uten akuttkirurgi beholder akuttmottak for indremedisin "
        "og stabilisering før videre transport.</p>"
        "<p>Traumesystemet i regionen videreføres med Universitetssykehuset Nord-Norge som "
        "regionalt traumesenter.</p>",
    ),
    (
        "Fødetilbud",
        "<p>Fødeavdelinger skal ha minst 500 fødsler i året eller en særskilt begrunnelse for "
        "lavere tall. Fødestuer videreføres der reiseavstanden gjør det nødvendig, med "
        "jordmorvakt og følgetjeneste.</p>",
    ),
    (
        "Psykisk helsevern og rusbehandling",
        "<p>Døgnbehandling samles i færre enheter, mens de distriktspsykiatriske sentrene "
        "styrker ambulante team og poliklinikk nær der pasientene bor.</p>",
    ),
    (
        "Prehospitale tjenester og pasientreiser",
        "<p>Ambulansetjenesten og luftambulansen dimensjoneres etter de nye pasientstrømmene. "
        "Pasientreiser skal planlegges slik at ingen pasient må reise lenger enn nødvendig.</p>",
    ),
    (
        "Samhandling med kommunene og oppfølging",
        "<p>Endringene gjennomføres i samarbeid med kommunene gjennom helsefellesskapene. "
        "Kommunene får veiledning fra spesialisthelsetjenesten når oppgaver flyttes nærmere "
        "pasienten, og planen evalueres etter tre år.</p>",
    ),
]
HN_QUESTIONS = [
    (
        "Støtter dere at akuttkirurgien samles ved færre sykehus?",
        "Se del 2, Akuttkirurgi og traumebehandling.",
    ),
    ("Støtter dere forslaget til fødetilbud i regionen?", "Se del 3, Fødetilbud."),
    (
        "Gir planen kommunene god nok mulighet til å påvirke gjennomføringen?",
        "Se del 6, Samhandling med kommunene og oppfølging.",
    ),
]
HN_EXTENSION_REASON = "Bystyret behandler høringssvaret i sitt møte i slutten av februar."
HN_REDACTION_REASON = (
    "Svaret nevner en navngitt pasient og opplysninger om helsen hans (personopplysninger om "
    "en annen person); delen publiseres ikke."
)

# The responses to Helse Nord's hearing (opened 21.12.2023, deadline 15.02.2024). "org" is a
# municipality number or an organisation's reference key; "received" is (year, month, day, hour)
# in Europe/Oslo; "earlier" is the general answer of a first version that was later changed;
# "attachment" is (file name, lines of a one-page PDF); "redact" is a section number whose answer
# the secretariat blanked from publication (HN_REDACTION_REASON).
HN_RESPONSES = [
    {
        "org": "5501",
        "name": "Hanne Karlsen",
        "role": "Kommunedirektør",
        "email": "postmottak@tromso.kommune.example",
        "decision_reference": "Formannskapet i Tromsø, sak 18/24",
        "decision_date": (2024, 2, 7),
        "received": (2024, 2, 9, 10),
        "earlier": (
            (2024, 1, 30, 14),
            "Tromsø kommune støtter planen, men ber om at konsekvensene for kommunene utredes "
            "nærmere. Endelig svar kommer etter behandling i formannskapet.",
        ),
        "general": "Tromsø kommune støtter hovedgrepene i planen. Kommunene må få ressurser når "
        "oppgaver flyttes fra sykehusene til kommunene.",
        "sections": {
            1: "Vi deler beskrivelsen av utfordringsbildet. Mangelen på helsepersonell rammer "
            "kommunene like hardt som sykehusene.",
            6: "Veiledningen fra spesialisthelsetjenesten må være forpliktende og finansiert, "
            "ikke bare en intensjon.",
        },
        "questions": [
            (0, "agree", "Et robust traumesenter i Tromsø er viktig for hele regionen."),
            (1, "partly", ""),
            (2, "partly", "Helsefellesskapene må få en tydelig rolle i gjennomføringen."),
        ],
        "attachment": (
            "tromso-kommune-horingssvar.pdf",
            [
                "Høringssvar fra Tromsø kommune",
                "Plan for funksjons- og oppgavedeling i Helse Nord",
                "",
                "Vedtatt i formannskapet 7. februar 2024, sak 18/24.",
                "Demo: plassholder for det fullstendige høringssvaret.",
            ],
        ),
    },
    {
        "org": "1804",
        "name": "Rune Eriksen",
        "role": "Kommunalsjef helse og omsorg",
        "email": "postmottak@bodo.kommune.example",
        "decision_reference": "Bystyret i Bodø, sak 24/9",
        "decision_date": (2024, 2, 8),
        "received": (2024, 2, 12, 9),
        "general": "Bodø kommune er positiv til at oppgavedelingen gjøres tydeligere, men har "
        "merknader til fødetilbudet og ambulansetjenesten.",
        "sections": {
            3: "Kvinner i distriktene må sikres trygg følgetjeneste. Avstanden til nærmeste "
            "fødeavdeling må veie tyngre enn antallet fødsler.",
            5: "Ambulansetjenesten må styrkes før endringene i akuttkirurgien trer i kraft.",
        },
        "questions": [
            (0, "partly", "Forutsetter styrket ambulansetjeneste."),
            (1, "disagree", "Fødestuene må beholdes der reiseveien er lang."),
            (2, "partly", ""),
        ],
    },
    {
        "org": "5601",
        "name": "Siri Mathisen",
        "role": "Helse- og omsorgssjef",
        "email": "postmottak@alta.kommune.example",
        "received": (2024, 2, 14, 15),
        "general": "Alta kommune mener planen må ta større hensyn til Finnmarks avstander og "
        "til samisk språk og kultur i tjenestene.",
        "sections": {
            2: "Pasienter fra Vest-Finnmark får lang vei til akuttkirurgi. Planen må beskrive "
            "hvordan transporttiden holdes forsvarlig.",
        },
        "questions": [
            (0, "disagree", "Avstandene i Finnmark er for store."),
            (1, "partly", ""),
            (2, "disagree", "Kommunene er ikke tatt med tidlig nok."),
        ],
    },
    {
        "org": "1806",
        "name": "Tor Arne Pedersen",
        "role": "Kommunalsjef",
        "email": "postmottak@narvik.kommune.example",
        "decision_reference": "Bystyret i Narvik, sak 15/24",
        "decision_date": (2024, 2, 29),
        "received": (2024, 3, 1, 11),
        "late": (2024, 3, 1),
        "general": "Narvik kommune slutter seg til planen, men ber om at tilbudet ved "
        "sykehuset i Narvik omtales særskilt i den videre gjennomføringen.",
        "sections": {
            2: "Nytt sykehus i Narvik må få en tydelig rolle i akuttberedskapen i Ofoten.",
        },
        "questions": [(0, "partly", ""), (1, "agree", ""), (2, "agree", "")],
    },
    {
        "org": "5540",
        "name": "Elle Márjá Hætta",
        "role": "Rådgiver",
        "email": "postmottak@kafjord.kommune.example",
        "received": (2024, 2, 2, 13),
        "no_comments": True,
        "general": "",
    },
    {
        "org": "unn-hf",
        "name": "Kristin Solheim",
        "role": "Fagdirektør",
        "email": "postmottak@unn.example",
        "received": (2024, 2, 15, 12),
        "general": "Universitetssykehuset Nord-Norge HF støtter planen, og påtar seg rollen som "
        "regionalt traumesenter og støttespiller for lokalsykehusene.",
        "sections": {
            2: "UNN vil bistå lokalsykehusene med kompetanse og hospitering når "
            "akuttkirurgien samles.",
            4: "Ambulante team krever stabil rekruttering av psykologer og psykiatere; "
            "utdanningsstillinger bør økes.",
        },
        "questions": [(0, "agree", ""), (1, "agree", ""), (2, "agree", "")],
    },
    {
        "org": "nordlandssykehuset-hf",
        "name": "Geir Olsen",
        "role": "Administrerende direktør",
        "email": "postmottak@nordlandssykehuset.example",
        "received": (2024, 2, 13, 16),
        "general": "Nordlandssykehuset HF støtter målene i planen, og ber om en realistisk "
        "tidsplan for omstillingen i Lofoten og Vesterålen.",
        "sections": {
            6: "Omstillingen må planlegges sammen med kommunene i Lofoten og Vesterålen.",
        },
        "questions": [(0, "agree", ""), (1, "partly", ""), (2, "agree", "")],
    },
    {
        "kind": "other_organisation",
        "organisation_name": "FFO Nordland",
        "name": "Liv Johansen",
        "role": "Leder",
        "email": "nordland@ffo.example",
        "received": (2024, 2, 10, 20),
        "general": "FFO Nordland ber om at brukerne involveres i hver enkelt endring, og at "
        "pasientreisene vurderes ut fra pasientenes behov, ikke bare kostnadene.",
        "sections": {
            5: "Lange pasientreiser er en stor belastning for kronisk syke. Planen må ha en "
            "egen vurdering av reisebelastning.",
        },
        "questions": [(0, "partly", ""), (1, "disagree", ""), (2, "partly", "")],
        "attachment": (
            "ffo-nordland-horingsuttalelse.pdf",
            [
                "Høringsuttalelse fra FFO Nordland",
                "Plan for funksjons- og oppgavedeling i Helse Nord",
                "",
                "Demo: plassholder for den fullstendige uttalelsen.",
            ],
        ),
    },
    {
        "kind": "private",
        "name": "Johan Nilsen",
        "email": "johan.nilsen@epost.example",
        "phone": "+47 900 00 123",
        "address": "Storgata 12, 8300 Svolvær",
        "received": (2024, 1, 18, 21),
        "general": "Jeg bor i Lofoten og er bekymret for lengre vei til akuttkirurgi.",
        "sections": {
            2: "Naboen min, Ola, fikk hjerteinfarkt i fjor og hadde ikke overlevd en lengre "
            "transport. Han har fortsatt store plager etter operasjonen.",
            5: "Luftambulansen kan ikke fly i all slags vær. Det må planen ta høyde for.",
        },
        "questions": [(0, "disagree", "For lang vei i dårlig vær."), (1, "no_opinion", "")],
        "redact": 2,
    },
]

# The secretariat's summaries for the board: section number (0: the general part), text.
HN_SUMMARIES = [
    (
        0,
        "Ni høringssvar kom inn: fem kommuner, to helseforetak, FFO Nordland og én "
        "privatperson. De fleste støtter målene i planen, men mange ber om at kommunene får "
        "ressurser og en tydelig rolle i gjennomføringen.",
    ),
    (
        2,
        "Helseforetakene støtter at akuttkirurgien samles. Alta kommune og en privatperson i "
        "Lofoten er bekymret for transporttiden; Narvik ber om en tydelig rolle for sykehuset i "
        "Narvik.",
    ),
    (
        3,
        "Bodø kommune og FFO Nordland går imot å legge ned fødestuer der reiseveien er lang.",
    ),
]
