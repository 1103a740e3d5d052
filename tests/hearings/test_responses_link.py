"""The private link of a hearing response: GET never changes anything; confirming (once, within
the deadline and the link's hours, one official response per organisation), the receipt page and
e-mail with the PDF, changing (a new version each time) and withdrawing until the deadline, and
nothing after it."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from samhandling.hearings.choices import MailKind, ResponseStatus
from samhandling.hearings.mail import HearingMail
from samhandling.hearings.receipt_pdf import response_pdf
from samhandling.hearings.responses import DeadlineExtension, HearingResponse, ResponseVersion
from samhandling.hearings.services import effective_deadline
from samhandling.organisations.models import Organisation, WrittenStandard

from .factories import confirmed_response, make_hearing
from .response_posts import (
    link_post,
    pdf_bytes,
    respond_url,
    response_post,
    token_from_mail,
    upload,
    visitor,
)


@pytest.fixture
def molde(demo):
    return Organisation.objects.get(municipality_number="1506")


@pytest.fixture
def hearing(demo):
    return make_hearing(questions=("Støttar de modellen?",))


def submit(hearing, capture, *, email="kari@example.org", files=None, **overrides):
    with capture(execute=True):
        page = visitor().post(
            respond_url(hearing), {**response_post(email=email, **overrides), **(files or {})}
        )
    assert page.status_code == 302, page.content.decode()[:3000]
    return token_from_mail(email)


def confirm(token, capture):
    with capture(execute=True):
        return visitor().post(f"/hoyring/svar/{token}/", link_post("confirm"))


def test_get_shows_what_was_sent_and_changes_nothing(hearing, django_capture_on_commit_callbacks):
    token = submit(hearing, django_capture_on_commit_callbacks, general_answer="Min tekst.")
    page = visitor().get(f"/hoyring/svar/{token}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Min tekst." in html and 'value="confirm"' in html
    assert page["Cache-Control"] == "private, no-store"
    assert HearingResponse.objects.get().status == ResponseStatus.UNCONFIRMED


def test_confirming_counts_the_response_and_sends_a_receipt_with_a_pdf(
    hearing, molde, django_capture_on_commit_callbacks
):
    token = submit(
        hearing,
        django_capture_on_commit_callbacks,
        kind="organisation",
        organisation=molde,
        files={"attachments": [upload("vedtak.pdf", pdf_bytes())]},
    )
    page = confirm(token, django_capture_on_commit_callbacks)
    assert page.status_code == 302
    assert page["Location"].startswith(f"/hoyring/svar/{token}/kvittering/")
    response = HearingResponse.objects.get()
    assert response.status == ResponseStatus.CONFIRMED
    assert response.received_at and response.confirmed_at
    version = response.versions.get()
    assert version.number == 1
    assert version.content["attachments"][0]["name"] == "vedtak.pdf"
    assert version.content["organisation"]["id"] == molde.pk
    receipt = mail.outbox[-1]
    assert receipt.attachments[0][0].endswith("-v1.pdf")
    assert receipt.attachments[0][1].startswith(b"%PDF-")
    assert HearingMail.objects.filter(response=response, kind=MailKind.RESPONSE_RECEIPT).count()
    shown = visitor().get(page["Location"].split("#")[0])
    assert shown.status_code == 200
    assert "vedtak.pdf" in shown.content.decode()


def test_a_second_confirm_changes_nothing(hearing, django_capture_on_commit_callbacks):
    token = submit(hearing, django_capture_on_commit_callbacks)
    confirm(token, django_capture_on_commit_callbacks)
    again = confirm(token, django_capture_on_commit_callbacks)
    assert again.status_code == 400
    assert ResponseVersion.objects.count() == 1


def test_two_unconfirmed_responses_of_one_organisation_only_one_counts(
    hearing, molde, django_capture_on_commit_callbacks
):
    first = submit(
        hearing, django_capture_on_commit_callbacks, kind="organisation", organisation=molde
    )
    second = submit(
        hearing,
        django_capture_on_commit_callbacks,
        email="stranger@example.org",
        kind="organisation",
        organisation=molde,
    )
    assert confirm(first, django_capture_on_commit_callbacks).status_code == 302
    refused = confirm(second, django_capture_on_commit_callbacks)
    assert refused.status_code == 400
    assert "already answered" in refused.content.decode() or "alt svart" in (
        refused.content.decode()
    )
    statuses = sorted(HearingResponse.objects.values_list("status", flat=True))
    assert statuses == ["confirmed", "unconfirmed"]
    assert ResponseVersion.objects.count() == 1


def test_the_constraint_refuses_even_when_the_early_check_is_skipped(
    hearing, molde, monkeypatch, django_capture_on_commit_callbacks
):
    from samhandling.hearings import services

    first = submit(
        hearing, django_capture_on_commit_callbacks, kind="organisation", organisation=molde
    )
    second = submit(
        hearing,
        django_capture_on_commit_callbacks,
        email="b@example.org",
        kind="organisation",
        organisation=molde,
    )
    monkeypatch.setattr(services, "organisation_has_answered", lambda **kwargs: False)
    confirm(first, django_capture_on_commit_callbacks)
    refused = confirm(second, django_capture_on_commit_callbacks)
    assert refused.status_code == 400
    assert HearingResponse.objects.filter(status="confirmed").count() == 1


def test_an_expired_link_says_so_and_offers_the_form_again(
    hearing, django_capture_on_commit_callbacks
):
    token = submit(hearing, django_capture_on_commit_callbacks)
    HearingResponse.objects.update(link_expires_at=timezone.now() - datetime.timedelta(minutes=1))
    page = visitor().get(f"/hoyring/svar/{token}/")
    assert page.status_code == 200
    assert respond_url(hearing) in page.content.decode()
    assert confirm(token, django_capture_on_commit_callbacks).status_code == 400
    assert HearingResponse.objects.get().status == ResponseStatus.UNCONFIRMED


def test_an_unknown_link_is_a_404_page_in_the_site_language(demo):
    page = visitor().get("/hoyring/svar/tull/")
    assert page.status_code == 404
    assert 'lang="nn"' in page.content.decode()
    assert visitor().post("/hoyring/svar/tull/", link_post("confirm")).status_code == 404


def test_confirming_after_the_deadline_saves_nothing(hearing, django_capture_on_commit_callbacks):
    token = submit(hearing, django_capture_on_commit_callbacks)
    today = timezone.localdate()
    hearing.deadline = today - datetime.timedelta(days=1)
    hearing.save()
    assert confirm(token, django_capture_on_commit_callbacks).status_code == 400
    assert HearingResponse.objects.get().status == ResponseStatus.UNCONFIRMED


def test_an_extended_deadline_lets_that_organisation_answer(demo, molde):
    today = timezone.localdate()
    closed = make_hearing(
        opens_on=today - datetime.timedelta(days=60), deadline=today - datetime.timedelta(days=1)
    )
    DeadlineExtension.objects.create(
        hearing=closed, organisation=molde, deadline=today + datetime.timedelta(days=5)
    )
    assert effective_deadline(hearing=closed, organisation=molde) > timezone.now()
    page = visitor().post(
        respond_url(closed), response_post(kind="organisation", organisation=molde)
    )
    assert page.status_code == 302
    other = visitor().post(respond_url(closed), response_post())
    assert other.status_code == 400
    assert HearingResponse.objects.filter(hearing=closed).count() == 1


def _confirmed(hearing, capture, **overrides):
    token = submit(hearing, capture, **overrides)
    confirm(token, capture)
    return token


def test_changing_makes_a_new_version_and_a_new_receipt(
    hearing, django_capture_on_commit_callbacks
):
    token = _confirmed(
        hearing,
        django_capture_on_commit_callbacks,
        files={"attachments": [upload("gammal.pdf", pdf_bytes())]},
    )
    form = visitor().get(f"/hoyring/svar/{token}/endre/")
    assert form.status_code == 200
    assert "Vi støttar utkastet." in form.content.decode()
    response = HearingResponse.objects.get()
    old = response.attachments.get()
    receipts = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        page = visitor().post(
            f"/hoyring/svar/{token}/endre/",
            {
                **link_post("change"),
                "general_answer": "Endra tekst.",
                "name": "Kari Nordmann",
                "remove_attachments": [str(old.pk)],
                "attachments": [upload("ny.pdf", pdf_bytes())],
            },
        )
    assert page.status_code == 302, page.content.decode()[:2000]
    response.refresh_from_db()
    assert response.general_answer == "Endra tekst."
    assert [a.original_name for a in response.attachments.all()] == ["ny.pdf"]
    assert list(response.versions.values_list("number", flat=True)) == [1, 2]
    assert response.versions.get(number=1).content["general_answer"] == "Vi støttar utkastet."
    assert len(mail.outbox) == receipts + 1
    assert mail.outbox[-1].attachments[0][0].endswith("-v2.pdf")
    assert response.email == "kari@example.org"


def test_a_change_may_not_empty_the_response(hearing, django_capture_on_commit_callbacks):
    token = _confirmed(hearing, django_capture_on_commit_callbacks)
    page = visitor().post(
        f"/hoyring/svar/{token}/endre/",
        {**link_post("change"), "general_answer": "", "name": "Kari"},
    )
    assert page.status_code == 400
    assert HearingResponse.objects.get().general_answer == "Vi støttar utkastet."
    assert ResponseVersion.objects.count() == 1


def test_withdrawing_asks_once_then_withdraws(hearing, django_capture_on_commit_callbacks):
    token = _confirmed(hearing, django_capture_on_commit_callbacks)
    asked = visitor().post(f"/hoyring/svar/{token}/", link_post("withdraw"))
    assert asked.status_code == 200
    assert HearingResponse.objects.get().status == ResponseStatus.CONFIRMED
    with django_capture_on_commit_callbacks(execute=True):
        done = visitor().post(f"/hoyring/svar/{token}/", link_post("withdraw", confirmed="1"))
    assert done.status_code == 302
    response = HearingResponse.objects.get()
    assert response.status == ResponseStatus.WITHDRAWN and response.withdrawn_at
    assert HearingMail.objects.filter(kind=MailKind.RESPONSE_WITHDRAWN).count() == 1


def test_after_the_deadline_the_response_is_read_only(hearing, django_capture_on_commit_callbacks):
    token = _confirmed(hearing, django_capture_on_commit_callbacks)
    hearing.deadline = timezone.localdate() - datetime.timedelta(days=1)
    hearing.save()
    page = visitor().get(f"/hoyring/svar/{token}/")
    assert page.status_code == 200
    assert 'value="withdraw"' not in page.content.decode()
    assert visitor().get(f"/hoyring/svar/{token}/endre/").status_code == 302
    changed = visitor().post(
        f"/hoyring/svar/{token}/endre/",
        {**link_post("change"), "general_answer": "Seint.", "name": "Kari"},
    )
    assert changed.status_code == 302
    withdrawn = visitor().post(f"/hoyring/svar/{token}/", link_post("withdraw", confirmed="1"))
    assert withdrawn.status_code == 400
    response = HearingResponse.objects.get()
    assert response.status == ResponseStatus.CONFIRMED
    assert response.general_answer == "Vi støttar utkastet."


def test_the_receipt_follows_the_municipalitys_written_standard(
    hearing, molde, django_capture_on_commit_callbacks
):
    molde.written_standard = WrittenStandard.BOKMAL
    molde.save()
    token = submit(
        hearing, django_capture_on_commit_callbacks, kind="organisation", organisation=molde
    )
    confirm(token, django_capture_on_commit_callbacks)
    languages = set(HearingMail.objects.values_list("language", flat=True))
    assert languages == {"nb"}  # the form was in nynorsk


def test_the_pdf_escapes_what_was_typed(hearing):
    response = confirmed_response(hearing, general_answer="<b>fet</b> & <script>x</script>")
    assert response_pdf(response=response).startswith(b"%PDF-")
    version = response.versions.get()
    assert response_pdf(response=response, version=version).startswith(b"%PDF-")


def test_once_confirmed_the_outbox_keeps_no_working_link(
    hearing, django_capture_on_commit_callbacks
):
    token = submit(hearing, django_capture_on_commit_callbacks)
    confirm(token, django_capture_on_commit_callbacks)
    sent = HearingMail.objects.get(kind=MailKind.RESPONSE_CONFIRM)
    assert token not in sent.body and token not in sent.html
    assert "/hoyring/svar/[…]/" in sent.body
