"""When minutes are published, the committee's members with an e-mail address are told, once:
after commit, through a task, in the committee's site language, as plain text and HTML."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from samhandling.committees.emails import minutes_notice_send, minutes_notices_retry
from samhandling.committees.notices import MinutesNotice, MinutesPublication, NoticeStatus
from samhandling.committees.pages import MeetingPage
from samhandling.core.outbox import lease
from tests.conftest import MR_HOST

from .factories import MembershipFactory, PersonFactory, admin_client, committee, oslo, structure

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(demo):
    """A committee on the nynorsk Møre og Romsdal site that tells its members, with: two current
    members with an address (one of them with two roles), one without, and one former member."""
    root = Site.objects.get(hostname=MR_HOST).root_page
    page = committee(
        structure(root, slug="varsel-utval"),
        "varsel",
        title="Varselutvalet",
        notify_members_of_minutes=True,
    )
    kari = PersonFactory(name="Kari Nordmann", email="kari@kommune.example")
    MembershipFactory(person=kari, committee=page)
    MembershipFactory(person=kari, committee=page, role="secretary")
    MembershipFactory(person=PersonFactory(name="Ola Li", email="OLA@hf.example"), committee=page)
    MembershipFactory(person=PersonFactory(name="Utan Adresse", email=""), committee=page)
    MembershipFactory(
        person=PersonFactory(name="Gått Ut", email="gatt@kommune.example"),
        committee=page,
        term_end=datetime.date(2023, 6, 30),
    )
    return page


def held_meeting(parent, slug="2024-02-01", **fields) -> MeetingPage:
    page = MeetingPage(
        slug=slug,
        title=fields.pop("title", "Møte i Varselutvalet 1. februar 2024"),
        start=oslo(2024, 2, 1, 10, 0),
        end=oslo(2024, 2, 1, 12, 0),
        minutes="<p>Til stades: alle.</p>",
        **fields,
    )
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def publish_minutes(client, meeting, capture):
    with capture(execute=True):
        return client.post(reverse("committees_meeting_publish_minutes", args=[meeting.pk]))


def recipients() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


def test_publishing_minutes_tells_each_current_member_once(
    board, django_capture_on_commit_callbacks
):
    meeting = held_meeting(board)
    client = admin_client()
    page = client.get(reverse("committees_meeting_publish_minutes", args=[meeting.pk]))
    assert (
        "Publishing e-mails the 2 current members with an e-mail address" in page.content.decode()
    )
    mail.outbox.clear()

    response = publish_minutes(client, meeting, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("2 members are told by e-mail." in m for m in messages)
    # Kari (two roles) once, Ola; not the member without an address, not the former member.
    assert recipients() == ["OLA@hf.example", "kari@kommune.example"]

    message = next(m for m in mail.outbox if m.to == ["kari@kommune.example"])
    # In the site's language (nynorsk), with the meeting and a link to it.
    assert message.subject == "Referat publisert: Møte i Varselutvalet 1. februar 2024"
    assert message.body.startswith("Hei, Kari Nordmann!")
    assert "Referatet frå «Møte i Varselutvalet 1. februar 2024» (Varselutvalet)" in message.body
    assert "1. februar 2024 kl. 10.00–12.00" in message.body
    url = MeetingPage.objects.get(pk=meeting.pk).get_full_url()
    assert url.startswith("http://") and f"Les referatet: {url}" in message.body
    assert "Du får denne e-posten fordi du er medlem av Varselutvalet." in message.body
    ((html, mimetype),) = message.alternatives
    assert mimetype == "text/html"
    assert '<html lang="nn">' in html and f'href="{url}"' in html and "Les referatet" in html
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"
    assert MinutesNotice.objects.filter(status=NoticeStatus.SENT).count() == 2


def test_a_re_publish_or_corrected_minutes_send_nothing(board, django_capture_on_commit_callbacks):
    meeting = held_meeting(board)
    publish_minutes(admin_client(), meeting, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2
    mail.outbox.clear()

    meeting = MeetingPage.objects.get(pk=meeting.pk)
    meeting.minutes = "<p>Til stades: alle. Retta skrivefeil.</p>"
    with django_capture_on_commit_callbacks(execute=True):
        meeting.save_revision().publish()
    # Unpublished and published again: still the same publication.
    meeting.minutes_published = False
    meeting.save_revision().publish()
    meeting.minutes_published = True
    with django_capture_on_commit_callbacks(execute=True):
        meeting.save_revision().publish()
    minutes_notices_retry(stale_after=datetime.timedelta(0))
    assert mail.outbox == []
    assert MinutesPublication.objects.filter(meeting=meeting).count() == 1
    assert MinutesNotice.objects.filter(publication__meeting=meeting).count() == 2


def test_minutes_published_in_the_editor_tell_the_members_too(
    board, django_capture_on_commit_callbacks
):
    meeting = held_meeting(board, minutes_published=False)
    assert mail.outbox == []
    meeting.minutes_published = True
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        meeting.save_revision().publish()
        assert mail.outbox == []  # nothing is sent inside the transaction
    assert callbacks and recipients() == ["OLA@hf.example", "kari@kommune.example"]


def test_a_committee_that_does_not_tell_its_members_sends_nothing(
    board, django_capture_on_commit_callbacks
):
    board.notify_members_of_minutes = False
    board.save_revision().publish()
    meeting = held_meeting(board)
    client = admin_client()
    page = client.get(reverse("committees_meeting_publish_minutes", args=[meeting.pk]))
    assert "The committee does not e-mail its members" in page.content.decode()
    publish_minutes(client, meeting, django_capture_on_commit_callbacks)
    assert mail.outbox == []
    assert MeetingPage.objects.get(pk=meeting.pk).minutes_published
    # Turning it on later does not announce minutes that were published before.
    board.notify_members_of_minutes = True
    board.save_revision().publish()
    meeting = MeetingPage.objects.get(pk=meeting.pk)
    with django_capture_on_commit_callbacks(execute=True):
        meeting.save_revision().publish()
    assert mail.outbox == []


def test_the_demos_committees_do_not_tell_their_members_by_default(demo):
    from samhandling.committees.pages import CommitteePage

    assert not CommitteePage().notify_members_of_minutes
    # The demo's minutes were published when it was loaded: recorded, nobody e-mailed.
    assert MinutesPublication.objects.filter(meeting__slug="2023-09-20").exists()
    assert not MinutesNotice.objects.exists()


def test_a_notice_claimed_by_one_worker_is_not_sent_by_another(
    board, django_capture_on_commit_callbacks
):
    meeting = held_meeting(board)
    publish_minutes(admin_client(), meeting, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    notice = MinutesNotice.objects.get(to_email="kari@kommune.example")
    # Sent already: a second task or the retry skips it.
    assert minutes_notice_send(notice_id=notice.pk) == "skipped"
    # Held by a worker that is still within its lease: skipped; once the lease has lapsed (the
    # worker died before marking it), the retry sends it.
    MinutesNotice.objects.filter(pk=notice.pk).update(
        status=NoticeStatus.SENDING, claimed_at=timezone.now(), lease_until=timezone.now() + lease()
    )
    assert minutes_notices_retry(stale_after=datetime.timedelta(0)) == 0
    assert mail.outbox == []
    MinutesNotice.objects.filter(pk=notice.pk).update(lease_until=timezone.now() - lease())
    assert minutes_notices_retry() == 1
    assert recipients() == ["kari@kommune.example"]
    assert minutes_notices_retry() == 0


def test_a_failing_mail_server_keeps_the_minutes_and_the_retry_sends_later(
    board, django_capture_on_commit_callbacks, settings
):
    meeting = held_meeting(board)
    settings.EMAIL_BACKEND = "tests.committees.test_minutes_notices.BrokenBackend"
    response = publish_minutes(admin_client(), meeting, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert MeetingPage.objects.get(pk=meeting.pk).minutes_published
    failed = MinutesNotice.objects.filter(status=NoticeStatus.FAILED)
    assert failed.count() == 2 and "ConnectionRefusedError" in failed.first().last_error

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("committees_send_notices", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert recipients() == ["OLA@hf.example", "kari@kommune.example"]
    assert minutes_notices_retry() == 0


def test_minutes_withdrawn_before_the_task_runs_are_not_announced(
    board, django_capture_on_commit_callbacks
):
    meeting = held_meeting(board)
    # Published, but the task has not run yet (the test's transaction never commits).
    admin_client().post(reverse("committees_meeting_publish_minutes", args=[meeting.pk]))
    assert MinutesNotice.objects.filter(status=NoticeStatus.QUEUED).count() == 2
    meeting = MeetingPage.objects.get(pk=meeting.pk)
    meeting.minutes_published = False
    meeting.save_revision().publish()
    assert minutes_notices_retry(stale_after=datetime.timedelta(0)) == 0
    assert mail.outbox == []
    assert set(MinutesNotice.objects.values_list("status", flat=True)) == {NoticeStatus.WITHDRAWN}


def test_a_copied_meeting_starts_with_its_minutes_unpublished(board):
    meeting = held_meeting(board, minutes_published=True)
    copy = meeting.copy(update_attrs={"slug": "kopi", "title": "Kopi"}, keep_live=True)
    assert not copy.specific.minutes_published
    assert not MinutesPublication.objects.filter(meeting_id=copy.pk).exists()


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")
