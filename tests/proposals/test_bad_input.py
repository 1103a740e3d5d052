"""Bad and hostile input on the proposal form and its link: a clear message in the visitor's
language, nothing saved (or half-saved), nothing typed in an e-mail header, never a 5xx."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from samhandling.proposals.models import Proposal, ProposalMail, ProposalStatus
from samhandling.proposals.services import proposal_submit
from tests.form_guard import guard_fields

from .helpers import (
    HN_HOST,
    MR_HOST,
    committed,
    mails_to,
    path_of,
    post_proposal,
    the_link,
    visitor,
)

pytestmark = pytest.mark.django_db


def nothing_saved(email: str) -> None:
    assert not Proposal.objects.filter(email__icontains=email.strip()[:40]).exists()
    assert not ProposalMail.objects.filter(to_email__icontains=email.strip()[:40]).exists()
    assert not mails_to(email)


def test_html_and_script_are_kept_as_typed_and_shown_as_text(demo):
    text = (
        'Sjå <script>alert("x")</script> og <b>feit</b> & "sitat".\n\n'
        "Andre avsnitt <img src=x onerror=alert(1)>"
    )
    title = "<i>Fagdag</i> & <script>"
    client = visitor()
    assert post_proposal(client, title=title, text=text, kind="news", date="").status_code == 302
    proposal = Proposal.objects.get(email="kari.forslag@example.org")
    assert proposal.title == title and proposal.text == text
    message = mails_to("kari.forslag@example.org")[-1]
    assert "<script>" not in message.subject and "Fagdag" not in message.subject
    link = path_of(the_link(message.body))
    shown = client.get(link).content.decode()
    assert '<script>alert("x")</script>' not in shown
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in shown
    client.post(link, guard_fields())
    proposal.refresh_from_db()
    page = proposal.page.specific
    assert page.title == title
    assert page.lead.startswith("Sjå <script>")  # a plain-text field, escaped where shown
    body = page.body.raw_data[0]["value"]
    assert "<script" not in body and "<img" not in body and "<b>" not in body
    assert "&lt;img src=x onerror=alert(1)&gt;" in body
    # The draft's preview escapes the lead and title too.
    from django.test import RequestFactory

    request = RequestFactory().get("/", HTTP_HOST=MR_HOST)
    html = page.serve(request).render().content.decode()
    assert "<script>alert" not in html and "&lt;i&gt;Fagdag&lt;/i&gt;" in html


@pytest.mark.parametrize(
    "email",
    [
        "kari@example.org\r\nBcc: offer@example.org",
        "kari@example.org\nSubject: hei",
        "a" * 10_000 + "@example.org",
        "ikkje-ei-adresse",
        "",
    ],
)
def test_a_bad_address_is_refused_with_a_message_and_nothing_is_saved(demo, email):
    response = post_proposal(email=email)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Rett opp dette" in page and 'href="#id_email"' in page
    assert not Proposal.objects.filter(title="Fagdag om kvardagsrehabilitering").exists()
    assert not mail.outbox


def test_ten_thousand_characters_are_refused_with_the_limit_named(demo):
    response = post_proposal(text="x" * 10_000)
    assert response.status_code == 400
    assert "Teksten er for lang: høgst 5000 teikn (han har 10000)" in response.content.decode()
    nothing_saved("kari.forslag@example.org")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"date": ""}, "Skriv datoen for møtet, konferansen eller fristen."),
        ({"date": "31.02.2031"}, "Oppgje ein gyldig dato."),
        ({"link": "javascript:alert(1)"}, "Oppgje ei gyldig nettadresse."),
        ({"organisation": "other", "organisation_other": ""}, "Skriv namnet på organisasjonen"),
        ({"organisation": "999999999"}, "Velg eit gyldig valg"),
        ({"kind": "spam"}, "Velg eit gyldig valg"),
        ({"title": "Fag\x00dag"}, "Fjern dei usynlege kontrollteikna"),
        ({"text": "   "}, "Feltet er påkravd."),
    ],
)
def test_invalid_fields_get_a_message_in_nynorsk_and_nothing_is_saved(demo, fields, message):
    response = post_proposal(**fields)
    assert response.status_code == 400
    assert message in response.content.decode()
    nothing_saved("kari.forslag@example.org")


def test_the_honeypot_and_a_form_sent_too_fast_are_refused(demo):
    honeypot = post_proposal(guard={**guard_fields(), "website": "http://spam.example"})
    assert honeypot.status_code == 400
    assert "fylt ut eit felt som folk ikkje ser" in honeypot.content.decode()
    too_fast = post_proposal(guard=guard_fields(seconds_ago=0.5))
    assert too_fast.status_code == 400
    assert "raskare enn eit menneske fyller det ut" in too_fast.content.decode()
    no_stamp = post_proposal(guard={"website": ""})
    assert no_stamp.status_code == 400
    nothing_saved("kari.forslag@example.org")


def test_the_rate_limits_per_address_and_per_client_answer_429(demo, settings):
    settings.SAMHANDLING_RATE_LIMITS = {
        **settings.SAMHANDLING_RATE_LIMITS,
        "proposal": {"client": "2/m", "email": "2/h"},
    }
    client = visitor(REMOTE_ADDR="192.0.2.10")
    for number in range(2):
        assert post_proposal(client, title=f"Forslag {number}").status_code == 302
    by_address = post_proposal(visitor(REMOTE_ADDR="192.0.2.11"), title="Forslag 3")
    assert by_address.status_code == 429
    assert "for mange gonger" in by_address.content.decode()
    assert by_address["Retry-After"]
    by_client = post_proposal(client, title="Forslag 4", email="annan@example.org")
    assert by_client.status_code == 429
    assert Proposal.objects.filter(title__startswith="Forslag ").count() == 2


def test_the_same_form_sent_twice_makes_one_proposal_and_one_email(demo):
    client = visitor()
    assert post_proposal(client).status_code == 302
    assert post_proposal(client).status_code == 302
    assert Proposal.objects.filter(email="kari.forslag@example.org").count() == 1
    assert len(mails_to("kari.forslag@example.org")) == 1


def test_the_same_form_sent_again_later_sends_a_new_link_and_the_old_one_stops_working(demo):
    site = demo[MR_HOST]
    earlier = timezone.now() - dt.timedelta(hours=1)
    fields = {
        "site": site,
        "kind": "news",
        "title": "Nytt frå Aukra",
        "text": "Tekst.",
        "name": "Per",
        "email": "per.aukra@example.org",
        "language": "nn",
    }
    with committed():
        first, old_token = proposal_submit(**fields, now=earlier)
    ProposalMail.objects.filter(proposal=first).update(created=earlier)
    with committed():
        again, _token = proposal_submit(**fields)
    assert again.pk == first.pk
    assert len(mails_to("per.aukra@example.org")) == 2
    client = visitor()
    assert client.get(f"/send-inn/stadfest/{old_token}/").status_code == 404
    new_link = path_of(the_link(mails_to("per.aukra@example.org")[-1].body))
    assert client.get(new_link).status_code == 200


def test_forged_foreign_expired_and_replayed_links(demo):
    client = visitor()
    forged = client.get("/send-inn/stadfest/ikkje-ein-ekte-lenkje/")
    assert forged.status_code == 404 and "Lenkja er ikkje gyldig" in forged.content.decode()
    assert client.post("/send-inn/stadfest/x/", guard_fields()).status_code == 404
    assert client.get("/send-inn/stadfest/" + "a" * 5000 + "/").status_code == 404

    post_proposal(client)
    link = path_of(the_link(mails_to("kari.forslag@example.org")[-1].body))
    # Another site's host does not know the link.
    assert visitor(HN_HOST).post(link, guard_fields()).status_code == 404
    proposal = Proposal.objects.get(email="kari.forslag@example.org")
    assert proposal.status == ProposalStatus.UNCONFIRMED

    Proposal.objects.filter(pk=proposal.pk).update(
        link_expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    expired = client.post(link, guard_fields())
    assert expired.status_code == 410 and "Lenkja har gått ut" in expired.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.UNCONFIRMED and proposal.page is None

    Proposal.objects.filter(pk=proposal.pk).update(
        link_expires_at=timezone.now() + dt.timedelta(days=1)
    )
    assert client.post(link, guard_fields()).status_code == 302
    replay = visitor().post(link, guard_fields())  # another browser, the same link again
    assert replay.status_code == 302
    assert Proposal.objects.get(pk=proposal.pk).status == ProposalStatus.PENDING
    assert "Ventar på sekretariatet" in visitor().get(link).content.decode()


WEIRD = [
    "\u202e\u0000",
    "𝕳𝖊𝖎" * 100,
    "' OR 1=1 --",
    "%00%0d%0a",
    '=HYPERLINK("http://x")',
    "\u00ad\u200b",
    "A" * 300,
]


@pytest.mark.parametrize("value", WEIRD)
def test_odd_values_in_every_field_never_give_a_server_error(demo, value):
    for field in (
        "kind",
        "title",
        "text",
        "date",
        "time",
        "place",
        "link",
        "name",
        "organisation",
        "organisation_other",
        "email",
    ):
        response = post_proposal(**{field: value})
        assert response.status_code < 500, (field, value)
