"""The secretariat's moderation of comments in the admin, and comments as personal data."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from samhandling.hearings.choices import CommentModeration, CommentStatus, MailKind
from samhandling.hearings.comment_services import comment_confirm, comment_submit
from samhandling.hearings.comments import SectionComment
from samhandling.hearings.mail import HearingMail
from samhandling.privacy.registry import sources
from tests.staff_login import admin_login

from .factories import make_hearing

pytestmark = pytest.mark.django_db


@pytest.fixture
def hearing(demo):
    return make_hearing(comment_moderation=CommentModeration.BEFORE)


def pending(hearing, *, email="ola@example.org", text="Godt forslag.", language="nn"):
    comment, _token = comment_submit(
        hearing=hearing,
        section_key=hearing.draft_sections[0].key,
        name="Ola Nordmann",
        email=email,
        text=text,
        language=language,
    )
    return comment_confirm(comment=comment)


def test_the_list_shows_a_hearings_comments_by_status(hearing, admin_client):
    waiting = pending(hearing, text="Eit <b>særmerkt</b> ord")
    response = admin_client.get(reverse("hearing_comments", args=[hearing.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Eit &lt;b&gt;særmerkt&lt;/b&gt; ord" in html
    assert reverse("hearing_comment_moderate", args=[waiting.pk, "publish"]) in html
    assert reverse("hearing_comment_moderate", args=[waiting.pk, "reject"]) in html
    published = admin_client.get(
        reverse("hearing_comments", args=[hearing.pk]) + "?status=published"
    )
    assert "særmerkt" not in published.content.decode()
    odd = admin_client.get(reverse("hearing_comments", args=[hearing.pk]) + "?status=<x>")
    assert odd.status_code == 200


def test_the_index_and_the_menu_count_the_comments_waiting(hearing, admin_client):
    pending(hearing)
    pending(hearing, email="kari@example.org")
    index = admin_client.get(reverse("hearing_comments_index"))
    assert index.status_code == 200
    assert hearing.title in index.content.decode()
    dashboard = admin_client.get(reverse("wagtailadmin_home"))
    assert "(2 " in dashboard.content.decode()  # "Comments on hearings (2 waiting)"


def test_the_hearing_page_in_the_admin_links_to_its_comments(hearing, admin_client):
    pending(hearing)
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[hearing.pk]))
    assert response.status_code == 200
    assert reverse("hearing_comments", args=[hearing.pk]) in response.content.decode()


def test_publishing_in_the_admin_records_who_and_tells_the_commenter(
    hearing, admin_client, django_capture_on_commit_callbacks
):
    comment = pending(hearing)
    url = reverse("hearing_comment_moderate", args=[comment.pk, "publish"])
    assert admin_client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, {"reason": ""})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PUBLISHED
    assert comment.moderated_by == admin_client.user
    assert HearingMail.objects.filter(comment=comment, kind=MailKind.COMMENT_DECISION).count() == 1


def test_declining_without_a_reason_is_refused_and_changes_nothing(hearing, admin_client):
    comment = pending(hearing)
    url = reverse("hearing_comment_moderate", args=[comment.pk, "reject"])
    response = admin_client.post(url, {"reason": "   "})
    assert response.status_code == 400
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING
    assert not HearingMail.objects.filter(kind=MailKind.COMMENT_DECISION).exists()
    response = admin_client.post(url, {"reason": "Inneheld personopplysningar"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == CommentStatus.REJECTED
    assert comment.moderation_reason == "Inneheld personopplysningar"


def test_a_decision_that_does_not_fit_the_status_is_refused(hearing, admin_client):
    comment = pending(hearing)
    response = admin_client.post(
        reverse("hearing_comment_moderate", args=[comment.pk, "unpublish"]), {"reason": "x"}
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING
    assert (
        admin_client.get(reverse("hearing_comment_moderate", args=[comment.pk, "tull"])).status_code
        == 404
    )


def test_staff_who_cannot_edit_the_hearing_cannot_moderate(hearing):
    comment = pending(hearing)
    user = get_user_model().objects.create_user("lesar", "l@example.org", "pw")
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = admin_login(Client(), user)
    url = reverse("hearing_comment_moderate", args=[comment.pk, "publish"])
    assert client.post(url, {"reason": ""}).status_code in (302, 403)
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING
    assert client.get(reverse("hearing_comments", args=[hearing.pk])).status_code in (302, 403)
    index = client.get(reverse("hearing_comments_index"))
    assert hearing.title not in index.content.decode()


def test_comments_are_found_by_email_and_erasure_deletes_them(hearing):
    comment = pending(hearing, email="Ola@Example.org")
    other = pending(hearing, email="kari@example.org")
    source = next(source for source in sources() if source.key == "hearing_comments")
    records = source.find(email="ola@example.org")
    assert len(records) == 1 and records[0].data["text"] == "Godt forslag."
    counts = source.erase(email="ola@example.org", now=None)
    assert counts["deleted"] == 1 and counts["messages_deleted"] == 1
    assert not SectionComment.objects.filter(pk=comment.pk).exists()
    assert SectionComment.objects.filter(pk=other.pk).exists()
    assert not HearingMail.objects.filter(to_email__iexact="ola@example.org").exists()
    assert source.find(email="ola@example.org") == []
