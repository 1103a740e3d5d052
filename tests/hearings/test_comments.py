"""Comments on a section of a hearing's draft: the public form, the confirmation link, moderation
before or after publication, what each section shows, and bad input."""

import datetime
import re

import pytest
from django.core import mail
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from samhandling.hearings.choices import CommentModeration, CommentStatus, MailKind, MailStatus
from samhandling.hearings.comment_selectors import (
    published_comment_counts,
    published_comments_by_section,
)
from samhandling.hearings.comment_services import (
    CommentRefused,
    comment_confirm,
    comment_publish,
    comment_reject,
    comment_submit,
    comment_unpublish,
)
from samhandling.hearings.comments import SectionComment
from samhandling.hearings.mail import HearingMail
from tests.form_guard import guard_fields

from .factories import MR_HOST, make_hearing

pytestmark = pytest.mark.django_db
LINK = re.compile(r"https?://\S+/hoyring/kommentar/[\w-]+/")


def visitor() -> Client:
    return Client(HTTP_HOST=MR_HOST)


def form_url(hearing, key: str) -> str:
    return reverse("hearings:comment", args=[hearing.pk, key])


def post_comment(client, hearing, key, **fields):
    data = {"name": "Ola Nordmann", "email": "ola@example.org", "text": "Godt forslag."}
    data.update(fields)
    return client.post(form_url(hearing, key), {**data, **guard_fields()})


def the_link(message_body: str) -> str:
    match = LINK.search(message_body)
    assert match, message_body
    return match.group(0)


def path_of(url: str) -> str:
    return "/" + url.split("/", 3)[3]


@pytest.fixture
def hearing(demo):
    return make_hearing(comment_moderation=CommentModeration.BEFORE)


def first_key(hearing) -> str:
    return hearing.draft_sections[0].key


# The form and the link ----------------------------------------------------------------------


def test_the_form_shows_the_section_and_the_fields(hearing):
    response = visitor().get(form_url(hearing, first_key(hearing)))
    assert response.status_code == 200
    html = response.content.decode()
    assert "1. Del 1" in html and "Teksten i del 1." in html
    assert 'name="email"' in html and 'name="text"' in html and 'name="form_shown"' in html


def test_a_comment_waits_for_its_link_then_for_moderation(
    hearing, django_capture_on_commit_callbacks
):
    client = visitor()
    key = first_key(hearing)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_comment(client, hearing, key)
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    comment = SectionComment.objects.get()
    assert comment.status == CommentStatus.UNCONFIRMED and comment.section_key == key
    assert comment.link_expires_at > timezone.now()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ola@example.org"]
    link = path_of(the_link(message.body))
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert token not in comment.token_hash  # only the hash is kept
    # GET shows the comment and changes nothing.
    page = client.get(link)
    assert page.status_code == 200 and "Godt forslag." in page.content.decode()
    comment.refresh_from_db()
    assert comment.status == CommentStatus.UNCONFIRMED
    assert published_comments_by_section(hearing=hearing) == {}
    response = client.post(link, guard_fields())
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING and comment.confirmed_at
    assert comment.published_at is None
    assert published_comments_by_section(hearing=hearing) == {}
    assert client.get(response["Location"]).status_code == 200
    # A second press changes nothing.
    assert client.post(link, guard_fields()).status_code == 302
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING


def test_moderated_afterwards_a_comment_is_published_when_confirmed(demo):
    hearing = make_hearing(comment_moderation=CommentModeration.AFTER)
    comment, _token = submit(hearing)
    comment = comment_confirm(comment=comment)
    assert comment.status == CommentStatus.PUBLISHED and comment.published_at
    assert [c.pk for c in published_comments_by_section(hearing=hearing)[first_key(hearing)]] == [
        comment.pk
    ]


def submit(hearing, *, key=None, email="ola@example.org", text="Godt forslag.", **extra):
    return comment_submit(
        hearing=hearing,
        section_key=key or first_key(hearing),
        name="Ola Nordmann",
        email=email,
        text=text,
        language=extra.pop("language", "nn"),
        **extra,
    )


def test_the_confirmation_email_is_queued_once_and_sent_once(
    hearing, django_capture_on_commit_callbacks
):
    from samhandling.hearings.mail import send_mail_rows

    with django_capture_on_commit_callbacks(execute=True):
        comment, _token = submit(hearing)
    rows = HearingMail.objects.filter(comment=comment, kind=MailKind.COMMENT_CONFIRM)
    assert rows.count() == 1
    assert rows.get().status == MailStatus.SENT
    assert len(mail.outbox) == 1
    assert send_mail_rows() == 0  # the periodic run finds nothing left to send
    assert len(mail.outbox) == 1


# Moderation ---------------------------------------------------------------------------------


def confirmed(hearing, **fields):
    comment, _token = submit(hearing, **fields)
    return comment_confirm(comment=comment)


def test_publish_decline_and_take_down_record_who_when_and_why(
    hearing, admin_client, django_capture_on_commit_callbacks
):
    from samhandling.audit.models import AuditLogEntry

    user = admin_client.user
    comment = confirmed(hearing)
    with django_capture_on_commit_callbacks(execute=True):
        comment = comment_publish(comment=comment, actor=user)
    assert comment.status == CommentStatus.PUBLISHED and comment.published_at
    assert comment.moderated_by == user and comment.moderated_at
    decision = HearingMail.objects.get(kind=MailKind.COMMENT_DECISION)
    assert "publisert" in decision.subject  # nynorsk, the form's language
    with pytest.raises(CommentRefused):
        comment_unpublish(comment=comment, actor=user, reason="  ")
    comment = comment_unpublish(comment=comment, actor=user, reason="Personopplysningar")
    assert comment.status == CommentStatus.REJECTED and comment.published_at is None
    assert comment.moderation_reason == "Personopplysningar"
    assert published_comments_by_section(hearing=hearing) == {}
    last = HearingMail.objects.filter(kind=MailKind.COMMENT_DECISION).last()
    assert "Personopplysningar" in last.body
    entries = AuditLogEntry.objects.for_instance(comment)
    actions = list(entries.order_by("timestamp", "pk").values_list("action", flat=True))
    assert actions == [
        "samhandling.comment.create",
        "samhandling.comment.confirm",
        "samhandling.comment.publish",
        "samhandling.comment.unpublish",
    ]
    for entry in entries:
        assert "Ola" not in entry.label and "ola@" not in str(entry.data)


def test_declining_needs_a_reason_and_the_commenter_is_told_in_their_language(hearing):
    comment = confirmed(hearing, language="en")
    with pytest.raises(CommentRefused):
        comment_reject(comment=comment, reason="")
    comment = comment_reject(comment=comment, reason="Off topic")
    assert comment.status == CommentStatus.REJECTED
    decision = HearingMail.objects.get(kind=MailKind.COMMENT_DECISION)
    assert decision.language == "en"
    assert decision.subject.startswith("Your comment is not published")
    assert "Off topic" in decision.body


def test_an_unconfirmed_comment_cannot_be_published(hearing):
    comment, _token = submit(hearing)
    with pytest.raises(CommentRefused):
        comment_publish(comment=comment)


# What each section shows --------------------------------------------------------------------


def test_sections_show_their_published_comments_and_counts_in_one_query(
    hearing, django_assert_num_queries
):
    one, two = hearing.draft_sections[0].key, hearing.draft_sections[1].key
    for n in range(3):
        comment_publish(comment=confirmed(hearing, key=one, email=f"a{n}@example.org"))
    comment_publish(comment=confirmed(hearing, key=two))
    confirmed(hearing, key=two)  # waits for moderation: not shown
    submit(hearing, key=two)  # unconfirmed: not shown
    with django_assert_num_queries(1):
        by_section = published_comments_by_section(hearing=hearing)
    assert {key: len(comments) for key, comments in by_section.items()} == {one: 3, two: 1}
    assert published_comment_counts(hearing=hearing) == {one: 3, two: 1}


def render_include(hearing, section, comments, language="nn"):
    with translation.override(language):
        return render_to_string(
            "hearings/includes/section_comments.html",
            {"hearing": hearing, "section": section, "comments": comments},
        )


def test_the_include_shows_the_count_the_escaped_text_and_the_link(hearing):
    section = hearing.draft_sections[0]
    comment = comment_publish(
        comment=confirmed(hearing, text="<script>alert(1)</script>\nAndre linje")
    )
    html = render_include(hearing, section, [comment], language="en")
    assert "1 comment" in html
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<br>" in html  # line breaks kept
    assert "Ola Nordmann" in html
    assert form_url(hearing, section.key) in html
    assert "Comment on this section" in html
    many = render_include(hearing, section, [comment, comment], language="nn")
    assert "2 kommentarar" in many


def test_the_include_has_no_form_link_once_the_hearing_is_closed(demo):
    today = timezone.localdate()
    hearing = make_hearing(
        opens_on=today - datetime.timedelta(weeks=9), deadline=today - datetime.timedelta(days=1)
    )
    html = render_include(hearing, hearing.draft_sections[0], [], language="en")
    assert "No comments yet." in html
    assert "Comment on this section" not in html


# Bad input ----------------------------------------------------------------------------------


def test_a_comment_of_ten_thousand_characters_is_refused_clearly(hearing):
    response = post_comment(visitor(), hearing, first_key(hearing), text="x" * 10_000)
    assert response.status_code == 400
    assert "Kommentaren er for lang: høgst 5000 teikn (han har 10000)" in response.content.decode()
    assert not SectionComment.objects.exists()


def test_html_is_kept_as_text_and_escaped_on_the_link_page(
    hearing, django_capture_on_commit_callbacks
):
    client = visitor()
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, hearing, first_key(hearing), text='<img src=x onerror="alert(1)">')
    page = client.get(path_of(the_link(mail.outbox[0].body)))
    html = page.content.decode()
    assert "<img src=x" not in html and "&lt;img src=x" in html


def test_after_the_deadline_the_form_saves_nothing(demo):
    today = timezone.localdate()
    hearing = make_hearing(
        opens_on=today - datetime.timedelta(weeks=9), deadline=today - datetime.timedelta(days=1)
    )
    key = first_key(hearing)
    page = visitor().get(form_url(hearing, key))
    assert page.status_code == 200 and 'name="text"' not in page.content.decode()
    response = post_comment(visitor(), hearing, key)
    assert response.status_code == 409
    assert not SectionComment.objects.exists() and not HearingMail.objects.exists()
    with pytest.raises(CommentRefused):
        submit(hearing)


def test_a_hearing_without_comments_takes_none(demo):
    hearing = make_hearing(comment_moderation=CommentModeration.OFF)
    response = post_comment(visitor(), hearing, first_key(hearing))
    assert response.status_code == 409
    assert not SectionComment.objects.exists()


@pytest.mark.parametrize("key", ["tull", "0" * 64, "a" * 500, "%3Cscript%3E"])
def test_a_forged_section_is_not_found(hearing, key):
    assert visitor().get(form_url(hearing, key)).status_code == 404
    assert post_comment(visitor(), hearing, key).status_code == 404
    assert not SectionComment.objects.exists()
    with pytest.raises(CommentRefused):
        submit(hearing, key=key)


def test_a_hearing_of_another_site_is_not_found(hearing):
    response = Client(HTTP_HOST="helse-nord.localhost").get(form_url(hearing, first_key(hearing)))
    assert response.status_code == 404


def test_an_empty_form_shows_what_is_missing(hearing):
    response = post_comment(visitor(), hearing, first_key(hearing), name="", email="tull", text=" ")
    assert response.status_code == 400
    assert not SectionComment.objects.exists()


def test_control_characters_are_refused(hearing):
    response = post_comment(visitor(), hearing, first_key(hearing), name="Ola\x00")
    assert response.status_code == 400
    assert not SectionComment.objects.exists()


def test_a_post_without_the_form_guard_is_refused(hearing):
    response = visitor().post(
        form_url(hearing, first_key(hearing)),
        {"name": "Bot", "email": "bot@example.org", "text": "spam"},
    )
    assert response.status_code == 400
    assert not SectionComment.objects.exists()


def test_an_expired_link_says_so_and_confirms_nothing(hearing):
    comment, token = submit(hearing)
    SectionComment.objects.filter(pk=comment.pk).update(
        link_expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    link = reverse("hearings:comment_link", args=[token])
    page = visitor().get(link)
    assert page.status_code == 410 and "Lenka har gått ut" in page.content.decode()
    assert visitor().post(link, guard_fields()).status_code == 410
    comment.refresh_from_db()
    assert comment.status == CommentStatus.UNCONFIRMED


@pytest.mark.parametrize("token", ["tull", "x" * 300, "a" * 43])
def test_an_unknown_link_is_not_found(demo, token):
    link = reverse("hearings:comment_link", args=[token])
    assert visitor().get(link).status_code == 404
    assert visitor().post(link, guard_fields()).status_code == 404


def test_a_link_confirmed_after_the_deadline_confirms_nothing(hearing):
    comment, token = submit(hearing)
    later = hearing.closes_at + datetime.timedelta(minutes=1)
    SectionComment.objects.filter(pk=comment.pk).update(link_expires_at=later)
    with pytest.raises(CommentRefused):
        comment_confirm(comment=comment, now=later)
    comment.refresh_from_db()
    assert comment.status == CommentStatus.UNCONFIRMED


def test_a_hearing_being_processed_takes_no_comments_even_before_its_deadline(demo):
    from samhandling.hearings.choices import Outcome

    hearing = make_hearing(outcome=Outcome.PROCESSING)
    response = post_comment(visitor(), hearing, first_key(hearing))
    assert response.status_code == 409
    assert not SectionComment.objects.exists()
