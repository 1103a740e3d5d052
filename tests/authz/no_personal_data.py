"""The views of the project that show no personal data, each with the reason (the
authorisation matrix's completeness test accepts them without a row)."""

NO_PERSONAL_DATA: dict[str, str] = {
    "sok/": "public search over published pages",
    "sprak/": "sets the language cookie",
    "organisasjonar/<id:organisation_id>/": "redirects to the organisation's page (a row)",
    "admin/contacts/": "the secretariat's communities (names only), or a redirect to its one",
    "innlogging/": "the login page: the providers to choose from",
    "innlogging/start/<slug:provider>/": "sends the visitor on to the identity provider",
    "innlogging/tilbake/": "the provider's answer: logs the visitor in as the person the provider "
    "names (tests/oidc prove every refusal), then redirects; shows no one's records",
    "innlogging/demo/": "the demo's password login (refused outside the demo); logs in only the "
    "person whose password is given",
    "innlogging/logg-ut/": "ends the visitor's own session",
    "innlogging/utlogga/": "'you are logged out'",
    "innlogging/utlogging/frontkanal/": "front-channel logout: ends the sessions the provider "
    "names; shows nothing",
    "innlogging/utlogging/bakkanal/": "back-channel logout: a signed token from the provider ends "
    "the sessions it names; answers with a status only",
    "csp-report/": "receives the browser's CSP reports; shows nothing",
    "^api/": "the API's 404 for unknown addresses",
    "arrangement/kalender.ics": "published events of the site",
    "arrangement/<id:page_id>.ics": "a published event",
    "arrangement/<id:page_id>/pamelding/": "the empty sign-up form",
    "arrangement/kvittering/": "the receipt of the visitor's own sign-up, found by the signed "
    "cookie set on that sign-up (no id in the address)",
    "personvern/": "the privacy policy",
    "personvern/innsyn/": "the empty form asking for a link by e-mail",
    "personvern/innsyn/sendt/": "'look in your inbox'",
    "personvern/innsyn/sletta/": "'your data is erased'",
    "hoyring/<id:page_id>/svar/": "the empty response form",
    "hoyring/svar/sendt/": "'look in your inbox'",
    "hoyring/<id:page_id>/kommentar/<str:section_key>/": "the empty comment form",
    "hoyring/<id:page_id>/kommentar/<str:section_key>/sendt/": "'look in your inbox'",
    "hoyring/vedlegg/<id:attachment_id>/": "attachments of published responses only "
    "(tests/hearings/test_responses_privacy.py)",
    "hoyring/<id:page_id>.ics": "a published hearing's deadline",
    "nyhendebrev/": "the empty subscribe form",
    "send-inn/": "the empty proposal form",
    "send-inn/sendt/": "'look in your inbox'",
    "admin/second-factor/": "the signed-in member of staff's own code page",
    "admin/second-factor/enrol/": "the signed-in member of staff's own authenticator",
    "admin/account/second-factor/": "the signed-in member of staff's own settings",
    "admin/account/second-factor/recovery-codes/": "the member of staff's own recovery codes",
    "admin/account/second-factor/replace/": "the member of staff's own authenticator",
    "admin/account/second-factor/replace/confirm/": "the member of staff's own authenticator",
    "api/sites": "public list of sites",
    "api/events": "published events (never sign-ups)",
    "api/committees": "published committees",
    "api/meetings": "published meetings",
    "api/meetings/<id:meeting_id>": "a published meeting",
    "api/agreements": "published agreements",
    "api/agreements/<id:agreement_id>": "a published agreement",
    "api/hearings": "published hearings",
    "api/measures": "published measures",
    "api/measures/<id:measure_id>": "a published measure",
    "api/organisations": "the public register of organisations",
    "api/news": "published news",
    "api/news/<id:article_id>": "a published article",
}

# Admin screens of our apps' reference data, not people: every route under these prefixes.
NO_PERSONAL_DATA_PREFIXES: dict[str, str] = {
    "admin/images/": "the image library (our image model); pictures, no records of people",
    "admin/snippets/inputs/theme/": "themes for input, per community",
    "admin/snippets/choose/inputs/theme/": "themes for input, per community",
    "admin/snippets/inputs/topic/": "open topics for input, per site",
    "admin/snippets/choose/inputs/topic/": "open topics for input, per site",
    "admin/snippets/organisations/organisation/": "the public register of organisations",
    "admin/snippets/choose/organisations/organisation/": "the public register of organisations",
    "admin/snippets/organisations/healthcommunity/": "the communities themselves",
    "admin/snippets/choose/organisations/healthcommunity/": "the communities themselves",
    "admin/snippets/agreements/agreementversion/": "published agreement versions",
    "admin/snippets/choose/agreements/agreementversion/": "published agreement versions",
}
