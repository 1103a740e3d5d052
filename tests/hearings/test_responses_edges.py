"""Edges of the hearing-response form: files reach the form (an upload path) but not the other
public forms, forged choices, a link used on another site, files cleaned up when saving fails,
the e-mail in the form's language, and the withdrawn response's page."""

import pytest
from django.core.files.storage import default_storage
from django.test import Client

from samhandling.hearings import services
from samhandling.hearings.mail import HearingMail
from samhandling.hearings.responses import HearingResponse, ResponseAttachment

from .factories import make_hearing
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
def hearing(demo):
    return make_hearing(questions=("Støttar de modellen?",))


def test_a_two_megabyte_attachment_reaches_the_form(hearing):
    page = visitor().post(
        respond_url(hearing),
        {**response_post(), "attachments": [upload("stor.pdf", pdf_bytes(2 * 1024 * 1024))]},
    )
    assert page.status_code == 302
    assert ResponseAttachment.objects.get().size > 2 * 1024 * 1024


def test_other_public_forms_still_refuse_files(hearing):
    page = visitor().post(
        f"/hoyring/{hearing.pk}/kommentar/x/", {"attachments": upload("a.pdf", pdf_bytes())}
    )
    assert page.status_code == 413
    page = visitor().post("/hoyring/svar/abc/", {"f": upload("a.pdf", pdf_bytes())})
    assert page.status_code == 413


@pytest.mark.parametrize(
    "field,value", [("kind", "admin"), ("no_comments", "maybe"), ("decision_date", "31.02.2026")]
)
def test_forged_or_bad_values_are_refused(hearing, field, value):
    page = visitor().post(respond_url(hearing), response_post(**{field: value}))
    assert page.status_code in (200, 302, 400)
    if field != "no_comments":  # a checkbox reads any value as ticked
        assert page.status_code == 400
        assert not HearingResponse.objects.exists()


def test_a_forged_question_choice_is_refused(hearing):
    question = hearing.questions.get()
    page = visitor().post(respond_url(hearing), response_post(**{f"question_{question.pk}": "x"}))
    assert page.status_code == 400
    assert not HearingResponse.objects.exists()


def test_files_are_deleted_when_saving_fails(hearing, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(services, "audit_log", broken)
    with pytest.raises(RuntimeError):
        visitor().post(
            respond_url(hearing),
            {**response_post(), "attachments": [upload("borte.pdf", pdf_bytes())]},
        )
    assert not HearingResponse.objects.exists()
    folder = f"hearings/{hearing.pk}"
    if default_storage.exists(folder):
        for sub in default_storage.listdir(folder)[0]:
            names = default_storage.listdir(f"{folder}/{sub}")[1]
            assert not [name for name in names if name.startswith("borte")]


def test_a_link_opened_on_another_site_is_not_found(hearing, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        visitor().post(respond_url(hearing), response_post())
    token = token_from_mail()
    assert (
        Client(HTTP_HOST="helse-nord.localhost").get(f"/hoyring/svar/{token}/").status_code == 404
    )
    assert visitor().get(f"/hoyring/svar/{token}/").status_code == 200


def test_the_e_mail_is_in_the_language_the_form_was_shown_in(
    hearing, django_capture_on_commit_callbacks
):
    client = visitor()
    client.cookies["django_language"] = "en"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(respond_url(hearing), response_post())
    response = HearingResponse.objects.get()
    assert response.language == "en"
    mail = HearingMail.objects.get()
    assert mail.language == "en" and mail.subject.startswith("Confirm your hearing response")


def test_a_withdrawn_response_shows_as_withdrawn(hearing, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        visitor().post(respond_url(hearing), response_post())
    token = token_from_mail()
    with django_capture_on_commit_callbacks(execute=True):
        visitor().post(f"/hoyring/svar/{token}/", link_post("confirm"))
        visitor().post(f"/hoyring/svar/{token}/", link_post("withdraw", confirmed="1"))
    page = visitor().get(f"/hoyring/svar/{token}/?trukke=1")
    assert page.status_code == 200
    assert 'value="withdraw"' not in page.content.decode()
    assert visitor().get(f"/hoyring/svar/{token}/kvittering/").status_code == 302
    assert visitor().get(f"/hoyring/svar/{token}/endre/").status_code == 302


def test_a_body_larger_than_all_attachments_may_be_is_refused_before_it_is_read(hearing, settings):
    settings.PUBLIC_UPLOAD_MAX_BODY_SIZE = 50_000
    page = visitor().post(
        respond_url(hearing),
        {**response_post(), "attachments": [upload("stor.pdf", pdf_bytes(100_000))]},
    )
    assert page.status_code == 413
    assert not HearingResponse.objects.exists()
