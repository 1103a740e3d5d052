"""Comments on sections: rate limits, the links the outbox forgets once used, the purge of
comments never confirmed, and odd requests that must never give a server error."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samhandling.hearings.choices import CommentModeration, CommentStatus, MailKind
from samhandling.hearings.comment_services import (
    comment_confirm,
    comment_submit,
    comments_purge_unconfirmed,
)
from samhandling.hearings.comments import SectionComment
from samhandling.hearings.mail import HearingMail
from tests.form_guard import guard_fields

from .factories import MR_HOST, make_hearing

pytestmark = pytest.mark.django_db


@pytest.fixture
def hearing(demo):
    return make_hearing(comment_moderation=CommentModeration.AFTER)


def submit(hearing, email="ola@example.org"):
    return comment_submit(
        hearing=hearing,
        section_key=hearing.draft_sections[0].key,
        name="Ola",
        email=email,
        text="Tekst",
        language="nn",
    )


def test_the_comment_form_has_its_own_rate_limit(hearing, settings):
    settings.SAMHANDLING_RATE_LIMITS = {
        **settings.SAMHANDLING_RATE_LIMITS,
        "comment": {"client": "2/m"},
    }
    url = reverse("hearings:comment", args=[hearing.pk, hearing.draft_sections[0].key])
    client = Client(HTTP_HOST=MR_HOST)
    statuses = [
        client.post(
            url,
            {"name": "Ola", "email": f"o{n}@example.org", "text": "Hei", **guard_fields()},
        ).status_code
        for n in range(3)
    ]
    assert statuses == [302, 302, 429]
    assert SectionComment.objects.count() == 2


def test_once_confirmed_the_sent_email_no_longer_holds_the_link(
    hearing, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        comment, token = submit(hearing)
    assert token in mail.outbox[0].body
    stored = HearingMail.objects.get(comment=comment, kind=MailKind.COMMENT_CONFIRM)
    assert token in stored.body
    comment_confirm(comment=comment)
    stored.refresh_from_db()
    assert token not in stored.body and "[…]" in stored.body


def test_comments_never_confirmed_are_deleted_when_their_link_expires(hearing):
    old, _token = submit(hearing)
    fresh, _token = submit(hearing, email="kari@example.org")
    done, _token = submit(hearing, email="per@example.org")
    comment_confirm(comment=done)
    past = timezone.now() - datetime.timedelta(minutes=1)
    SectionComment.objects.filter(pk__in=[old.pk, done.pk]).update(link_expires_at=past)
    assert comments_purge_unconfirmed() == 1
    assert not SectionComment.objects.filter(pk=old.pk).exists()
    assert not HearingMail.objects.filter(to_email="ola@example.org").exists()
    assert SectionComment.objects.get(pk=fresh.pk).status == CommentStatus.UNCONFIRMED
    assert SectionComment.objects.get(pk=done.pk).status == CommentStatus.PUBLISHED
    out = io.StringIO()
    call_command("hearings_purge_unconfirmed", stdout=out)
    assert "0 unconfirmed" in out.getvalue()


def test_odd_requests_never_give_a_server_error(hearing):
    client = Client(HTTP_HOST=MR_HOST)
    key = hearing.draft_sections[0].key
    url = reverse("hearings:comment", args=[hearing.pk, key])
    odd_posts = [
        {},
        {"name": ["a", "b"], "email": ["x@example.org", "y"], "text": ["1", "2"]},
        {"name": "Ø" * 300, "email": "ø@ø.ø", "text": "\u202e" * 10},
        {"name": "Ola", "email": "ola@example.org", "text": "\x00"},
        {"name": "Ola", "email": "ola@example.org", "text": "x" * 100_000},
    ]
    for data in odd_posts:
        response = client.post(url, {**data, **guard_fields()})
        assert response.status_code < 500, data
    for path in (
        f"/hoyring/{hearing.pk}/kommentar/{'x' * 2000}/",
        "/hoyring/99999999999999999999999/kommentar/x/",
        f"/hoyring/{hearing.pk}/kommentar/%00/",
        f"/hoyring/kommentar/{'%F0%9F%92%A5' * 50}/",
        f"/hoyring/{hearing.pk}/kommentar/{key}/sendt/",
        "/hoyring/1/kommentar/tull/sendt/",
    ):
        assert client.get(path).status_code < 500, path
        assert client.post(path, guard_fields()).status_code < 500, path
    assert client.put(url).status_code == 405
    assert not SectionComment.objects.exists()
