"""Responding to a hearing: the form, what is saved unconfirmed, the confirmation e-mail, and
bad input (empty, forged ids, lying or oversize files, script, long answers, outside the
period): a clear message, nothing half-saved, never a 5xx."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from samhandling.hearings.choices import MailKind, ResponderKind, ResponseStatus
from samhandling.hearings.mail import HearingMail
from samhandling.hearings.pages import InvitedOrganisation
from samhandling.hearings.responses import HearingResponse, ResponseAttachment, hash_token
from samhandling.organisations.models import Organisation

from .factories import confirmed_response, make_hearing
from .response_posts import (
    docx_bytes,
    odt_bytes,
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


def send(hearing, data, *, files=None, capture=None):
    payload = {**data, **(files or {})}
    return visitor().post(respond_url(hearing), payload)


def test_the_form_lists_invited_bodies_first_then_the_registry(hearing, molde):
    outsider = Organisation.objects.exclude(pk=molde.pk).filter(is_active=True).last()
    InvitedOrganisation.objects.create(hearing=hearing, organisation=outsider)
    page = visitor().get(respond_url(hearing))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'enctype="multipart/form-data"' in html
    invited_group = html.index('optgroup label="')
    others_group = html.index("optgroup", invited_group + 10)
    assert invited_group < html.index(f'value="{outsider.pk}"') < others_group
    for section in hearing.draft_sections:
        assert f'name="section_{section.key}"' in html
    question = hearing.questions.get()
    assert f'name="question_{question.pk}"' in html
    assert 'name="website"' in html  # the form guard


def test_a_municipality_answers_and_gets_a_confirmation_link(
    hearing, molde, django_capture_on_commit_callbacks
):
    key = hearing.draft_sections[0].key
    question = hearing.questions.get()
    data = response_post(
        kind="organisation",
        organisation=molde,
        decision_reference="Formannskapet, sak 23/45",
        decision_date="2026-03-12",
        **{f"section_{key}": "Om del 1.", f"question_{question.pk}": "partly"},
        **{f"question_{question.pk}_r": "Delvis."},
    )
    with django_capture_on_commit_callbacks(execute=True):
        page = send(hearing, data, files={"attachments": [upload("vedtak.pdf", pdf_bytes())]})
    assert page.status_code == 302
    response = HearingResponse.objects.get(hearing=hearing)
    assert response.status == ResponseStatus.UNCONFIRMED
    assert response.organisation == molde
    assert response.decision_reference == "Formannskapet, sak 23/45"
    assert response.section_answers.get().text == "Om del 1."
    assert response.question_answers.get().choice == "partly"
    assert response.attachments.get().original_name == "vedtak.pdf"
    assert response.link_expires_at > timezone.now() + datetime.timedelta(hours=71)
    assert response.versions.count() == 0
    token = token_from_mail("kari@example.org")
    assert response.token_hash == hash_token(token)
    assert token not in response.token_hash
    sent = mail.outbox[-1]
    assert "Kari" not in sent.subject and hearing.title in sent.subject
    assert HearingMail.objects.get(response=response).kind == MailKind.RESPONSE_CONFIRM


def test_the_page_after_sending_shows_what_was_sent(hearing):
    client = visitor()
    page = client.post(respond_url(hearing), response_post(general_answer="Min tekst."))
    assert page.status_code == 302
    shown = client.get(page["Location"].split("#")[0])
    html = shown.content.decode()
    assert "Min tekst." in html
    assert "kari@example.org" in html
    assert shown["Cache-Control"] == "private, no-store"


def test_a_private_person_answers_with_phone_and_address(hearing):
    data = response_post(phone="99 99 99 99", address="Storgata 1")
    assert send(hearing, data).status_code == 302
    response = HearingResponse.objects.get(hearing=hearing)
    assert response.kind == ResponderKind.PRIVATE
    assert (response.phone, response.address, response.organisation) == (
        "99 99 99 99",
        "Storgata 1",
        None,
    )


def test_another_organisation_is_named_in_free_text(hearing):
    data = response_post(kind="other_organisation", organisation_name="Pasientforeininga")
    assert send(hearing, data).status_code == 302
    response = HearingResponse.objects.get(hearing=hearing)
    assert response.responder_name == "Pasientforeininga"
    missing = send(hearing, response_post(kind="other_organisation"))
    assert missing.status_code == 400
    assert HearingResponse.objects.filter(hearing=hearing).count() == 1


@pytest.mark.parametrize("files", [["b.docx"], ["c.odt"], ["a.pdf", "b.docx", "c.odt"]])
def test_pdf_docx_and_odt_are_taken_several_at_once(hearing, files):
    contents = {"pdf": pdf_bytes(), "docx": docx_bytes(), "odt": odt_bytes()}
    uploads = [upload(name, contents[name.rsplit(".")[-1]]) for name in files]
    page = send(hearing, response_post(general_answer=""), files={"attachments": uploads})
    assert page.status_code == 302
    assert ResponseAttachment.objects.filter(response__hearing=hearing).count() == len(files)


def test_no_comments_alone_is_an_answer(hearing):
    assert send(hearing, response_post(general_answer="", no_comments="on")).status_code == 302
    assert HearingResponse.objects.get(hearing=hearing).no_comments


def test_an_answered_question_alone_is_an_answer(hearing):
    question = hearing.questions.get()
    data = response_post(general_answer="", **{f"question_{question.pk}": "agree"})
    assert send(hearing, data).status_code == 302


# --- bad input -----------------------------------------------------------------------------


def _nothing_saved(hearing):
    assert not HearingResponse.objects.filter(hearing=hearing).exists()
    assert not ResponseAttachment.objects.filter(response__hearing=hearing).exists()
    assert not HearingMail.objects.filter(hearing=hearing).exists()


def test_an_empty_response_is_refused_with_a_message(hearing):
    page = send(hearing, response_post(general_answer="   "))
    assert page.status_code == 400
    assert "The response is empty" in page.content.decode() or "tomt" in page.content.decode()
    _nothing_saved(hearing)


def test_a_file_that_lies_about_its_type_is_refused(hearing):
    fake = upload("vedtak.pdf", b"MZ\x90\x00 this is an exe")
    page = send(hearing, response_post(), files={"attachments": [fake]})
    assert page.status_code == 400
    assert "vedtak.pdf" in page.content.decode()
    _nothing_saved(hearing)


def test_a_file_of_another_type_is_refused(hearing):
    page = send(hearing, response_post(), files={"attachments": [upload("a.exe", b"MZ")]})
    assert page.status_code == 400
    _nothing_saved(hearing)


def test_an_oversize_file_is_refused(hearing, settings):
    settings.HEARINGS_ATTACHMENT_MAX_SIZE = 1000
    page = send(hearing, response_post(), files={"attachments": [upload("a.pdf", pdf_bytes(2000))]})
    assert page.status_code == 400
    assert "MB" in page.content.decode()
    _nothing_saved(hearing)


def test_attachments_too_large_together_are_refused(hearing, settings):
    settings.HEARINGS_ATTACHMENTS_MAX_TOTAL = 3000
    files = [upload(f"{n}.pdf", pdf_bytes(1500)) for n in range(3)]
    assert send(hearing, response_post(), files={"attachments": files}).status_code == 400
    _nothing_saved(hearing)


def test_a_forged_organisation_id_is_refused(hearing):
    page = send(hearing, response_post(kind="organisation", organisation="999999999"))
    assert page.status_code == 400
    _nothing_saved(hearing)
    page = send(hearing, response_post(kind="organisation", organisation="abc"))
    assert page.status_code == 400
    _nothing_saved(hearing)


def test_an_organisation_answer_without_an_organisation_is_refused(hearing):
    assert send(hearing, response_post(kind="organisation")).status_code == 400
    _nothing_saved(hearing)


def test_a_forged_section_key_is_refused(hearing):
    page = send(hearing, response_post(section_forged="Hei"))
    assert page.status_code == 400
    assert "section or question" in page.content.decode() or "del" in page.content.decode()
    _nothing_saved(hearing)


def test_a_forged_question_id_is_refused(hearing):
    assert send(hearing, response_post(question_999999="agree")).status_code == 400
    _nothing_saved(hearing)


def test_html_and_script_are_kept_as_text_and_escaped(hearing, django_capture_on_commit_callbacks):
    script = '<script>alert("x")</script><b>fet</b>'
    client = visitor()
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(respond_url(hearing), response_post(general_answer=script, name=script))
    assert page.status_code == 302
    response = HearingResponse.objects.get(hearing=hearing)
    assert response.general_answer == script
    shown = client.get(page["Location"].split("#")[0]).content.decode()
    assert "<script>alert" not in shown
    assert "&lt;script&gt;alert" in shown
    body = mail.outbox[-1].alternatives[0][0]
    assert "<script>alert" not in body


def test_ten_thousand_characters_are_taken_and_twenty_thousand_one_are_not(hearing):
    long = "æ" * 10_000
    key = hearing.draft_sections[0].key
    assert (
        send(hearing, response_post(general_answer=long, **{f"section_{key}": long})).status_code
        == 302
    )
    assert HearingResponse.objects.get(hearing=hearing).general_answer == long
    HearingResponse.objects.all().delete()
    HearingMail.objects.all().delete()
    page = send(hearing, response_post(general_answer="a" * 20_001))
    assert page.status_code == 400
    assert "20000" in page.content.decode().replace("\xa0", "").replace(" ", "")
    _nothing_saved(hearing)


def test_control_characters_are_refused(hearing):
    assert send(hearing, response_post(name="Kari\x00")).status_code == 400
    _nothing_saved(hearing)


def test_a_second_official_response_is_refused_early(hearing, molde):
    confirmed_response(hearing, organisation=molde)
    page = send(
        hearing, response_post(kind="organisation", organisation=molde, email="x@example.org")
    )
    assert page.status_code == 400
    assert HearingResponse.objects.filter(hearing=hearing).count() == 1


def test_after_the_deadline_the_form_says_so_and_saves_nothing(demo):
    today = timezone.localdate()
    closed = make_hearing(
        opens_on=today - datetime.timedelta(days=60), deadline=today - datetime.timedelta(days=1)
    )
    page = visitor().get(respond_url(closed))
    assert page.status_code == 200
    assert 'name="general_answer"' not in page.content.decode()
    posted = send(closed, response_post())
    assert posted.status_code == 400
    _nothing_saved(closed)


def test_before_the_opening_the_form_says_so_and_saves_nothing(demo):
    upcoming = make_hearing(opens_on=timezone.localdate() + datetime.timedelta(days=3))
    assert 'name="general_answer"' not in visitor().get(respond_url(upcoming)).content.decode()
    assert send(upcoming, response_post()).status_code == 400
    _nothing_saved(upcoming)


def test_an_unknown_hearing_is_404(demo):
    assert visitor().get("/hoyring/999999/svar/").status_code == 404


def test_a_post_without_the_form_guard_is_refused(hearing):
    data = response_post()
    data.pop("form_shown")
    assert send(hearing, data).status_code == 400
    _nothing_saved(hearing)
