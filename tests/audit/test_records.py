"""The audit trail of people, memberships, organisations, minutes and decisions: who did what and
when, on the object's own history and in the site history, with field names, never values."""

import datetime
import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.log_actions import LogContext
from wagtail.log_actions import registry as log_registry
from wagtail.models import ModelLogEntry, PageLogEntry

from samhandling.audit.models import AuditLogEntry
from samhandling.audit.services import audit_log
from samhandling.committees.pages import CommitteePage, MeetingPage
from samhandling.committees.people import Membership, Person
from samhandling.committees.services import follow_up_update, meeting_minutes_publish
from samhandling.events.models import Registration
from samhandling.events.services import (
    registration_cancel,
    registration_create,
    registration_mark_attended,
    registration_move,
    registration_update,
)
from samhandling.organisations.models import Organisation
from tests.committees.factories import MembershipFactory, PersonFactory, committee, structure
from tests.committees.factories import admin_client as english_admin
from tests.events.factories import event, series

pytestmark = pytest.mark.django_db

RESULTS = reverse("wagtailadmin_reports:site_history_results")


@pytest.fixture
def user(demo):
    return get_user_model().objects.create_superuser("sekretariat", "s@example.org", "pw")


@pytest.fixture
def secretariat(user):
    return english_admin(user)


def plain(response) -> str:
    assert response.status_code == 200
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def actions(instance) -> list[tuple[str, list, str | None]]:
    return [
        (e.action, e.data.get("fields", []), e.user.username if e.user else None)
        for e in log_registry.get_logs_for_instance(instance).order_by("timestamp", "pk")
    ]


def form_data(instance, user) -> dict:
    """The admin form of a snippet (and its inline forms) as the editor would send it back
    unchanged."""
    form_class = type(instance).snippet_viewset.get_edit_handler().get_form_class()
    form = form_class(instance=instance, for_user=user)
    data = {name: form[name].value() for name in form.fields}
    for prefix, formset in form.formsets.items():
        data[f"{prefix}-TOTAL_FORMS"] = str(len(formset.forms))
        data[f"{prefix}-INITIAL_FORMS"] = str(formset.initial_form_count())
        data[f"{prefix}-MIN_NUM_FORMS"], data[f"{prefix}-MAX_NUM_FORMS"] = "0", "1000"
        for i, child in enumerate(formset.forms):
            for name in child.fields:
                data[f"{prefix}-{i}-{name}"] = child[name].value()
    return {name: "" if value in (None, False) else value for name, value in data.items()}


def test_memberships_added_changed_ended_and_deleted_on_a_person_are_logged(secretariat, user):
    ssu = committee(structure(), "ssu")
    data = {
        "name": "Kari Nordmann",
        "title": "Kommunalsjef",
        "email": "kari@example.org",
        "memberships-TOTAL_FORMS": "1",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
        "memberships-0-committee": str(ssu.pk),
        "memberships-0-role": "member",
        "memberships-0-represents": "kommune",
        "memberships-0-organisation": "",
        "memberships-0-term_start": "2024-01-01",
        "memberships-0-term_end": "",
        "memberships-0-id": "",
        "memberships-0-DELETE": "",
    }
    assert secretariat.post("/admin/snippets/committees/person/add/", data).status_code == 302
    person = Person.objects.get(email="kari@example.org")
    membership = person.memberships.get()
    assert actions(person) == [("wagtail.create", [], "sekretariat")]
    assert actions(membership) == [("samhandling.membership.create", [], "sekretariat")]

    edit = f"/admin/snippets/committees/person/edit/{person.pk}/"
    data = form_data(person, user)
    data["memberships-0-term_end"] = "2025-12-31"
    data["title"] = "Kommunaldirektør"
    assert secretariat.post(edit, data).status_code == 302
    assert actions(person)[-1] == ("samhandling.record.change", ["title"], "sekretariat")
    assert actions(membership)[-1] == ("samhandling.membership.end", ["term_end"], "sekretariat")

    # The membership's own screen: one entry per change, no second one from Wagtail.
    membership.refresh_from_db()
    url = reverse("wagtailsnippets_committees_membership:edit", args=[membership.pk])
    data = form_data(membership, user)
    data["role"] = "leader"
    assert secretariat.post(url, data).status_code == 302
    assert actions(membership)[-1] == ("samhandling.membership.change", ["role"], "sekretariat")
    assert len(actions(membership)) == 3

    delete = reverse("wagtailsnippets_committees_membership:delete", args=[membership.pk])
    assert secretariat.post(delete).status_code == 302
    assert AuditLogEntry.objects.filter(
        action="samhandling.membership.delete", object_id=str(membership.pk), user=user
    ).exists()

    history = plain(
        secretariat.get(reverse("wagtailsnippets_committees_person:history", args=[person.pk]))
    )
    assert "Changed: title" in history and "sekretariat" in history
    report = plain(secretariat.get(RESULTS))
    assert f"Medlemskap #{membership.pk} Membership Membership: ended: term end" in report
    assert f"Person #{person.pk} Person Changed: title sekretariat" in report


def test_a_membership_saved_unchanged_is_not_logged_again(demo):
    membership = MembershipFactory(committee=committee(structure(), "ssu"))
    before = AuditLogEntry.objects.count()
    membership.save()
    Membership.objects.get(pk=membership.pk).save()
    assert AuditLogEntry.objects.count() == before


def test_organisations_created_changed_and_deleted_are_logged_with_the_fields(secretariat, user):
    organisation = Organisation.objects.get(municipality_number="1506")  # Molde
    url = reverse("wagtailsnippets_organisations_organisation:edit", args=[organisation.pk])
    data = form_data(organisation, user)
    data["county"] = "Møre og Romsdal fylke"
    assert secretariat.post(url, data).status_code == 302
    assert actions(organisation)[-1] == ("samhandling.record.change", ["county"], "sekretariat")
    entry = AuditLogEntry.objects.for_instance(organisation).get()
    assert entry.label == "Molde"  # an organisation is named; people never are
    history = plain(
        secretariat.get(
            reverse("wagtailsnippets_organisations_organisation:history", args=[organisation.pk])
        )
    )
    assert "Changed: county" in history

    add = reverse("wagtailsnippets_organisations_organisation:add")
    data.update(name="Testorganisasjon", kind="other", municipality_number="", county="")
    data["organisation_number"] = ""  # Molde's is in the reference data, and unique
    data["written_standard"] = ""
    assert secretariat.post(add, data).status_code == 302
    new = Organisation.objects.get(name="Testorganisasjon")
    delete = reverse("wagtailsnippets_organisations_organisation:delete", args=[new.pk])
    assert secretariat.post(delete).status_code == 302
    assert [a for a, _f, _u in actions(new)] == ["wagtail.create", "wagtail.delete"]


def test_minutes_published_and_follow_up_changed_are_on_the_meetings_history(user):
    from samhandling.committees.agenda import AgendaItem

    item = AgendaItem.objects.filter(committee__slug="ssu", follow_up=True).first()
    follow_up_update(
        item_key=item.key, status="done", owner=item.follow_up_owner, due=None, user=user
    )
    meeting = MeetingPage.objects.get(pk=item.meeting_id)
    entry = PageLogEntry.objects.filter(page=meeting, action="samhandling.decision.follow_up").get()
    assert entry.user == user
    expected = {"follow_up_status": "done", "follow_up_due": None}
    changed = [name for name, value in expected.items() if getattr(item, name) != value]
    assert entry.data["fields"] == sorted(changed) and changed
    assert entry.data["case"] == item.case_number
    with translation.override("en"):
        assert str(entry.message).startswith("Follow-up of a decision changed: ")

    september = MeetingPage.objects.get(slug="2023-09-20")
    draft = september.get_latest_revision_as_object()
    draft.minutes_published = False
    draft.save_revision().publish()
    september.refresh_from_db()
    with LogContext(user=None):
        meeting_minutes_publish(meeting=september, user=user)
    entry = PageLogEntry.objects.filter(page=september, action="samhandling.minutes.publish").get()
    assert entry.user == user and entry.label == september.title


def test_no_name_e_mail_or_need_is_left_in_the_log_after_a_full_journey(secretariat, user):
    """A participant signs up, changes, is moved and checked in, then cancelled; a person with a
    membership is created, changed and deleted. No log entry anywhere holds their name, e-mail
    address or needs."""
    parent = series(max_per_organisation=None)
    tromso, bodo = event(parent, capacity=5), event(parent, capacity=5)
    secrets = ["Ragnhild Sørensen", "ragnhild@example.org", "Glutenfri", "Rullestol", "Eirik Aas"]
    registration = registration_create(
        event=tromso,
        name=secrets[0],
        email=secrets[1],
        consent=True,
        dietary_needs=secrets[2],
    ).registration
    registration_update(
        registration=registration, data={"accessibility_needs": secrets[3], "phone": "99887766"}
    )
    registration_move(registration=registration, to_event=bodo, actor=user)
    registration_mark_attended(registration=registration, attended=True, actor=user)
    url = reverse("wagtailsnippets_events_registration:edit", args=[registration.pk])
    registration.refresh_from_db()
    data = form_data(registration, user)
    data["job_title"] = "Sjukepleiar"
    assert secretariat.post(url, data).status_code == 302
    registration_cancel(registration=registration, actor=user)

    person = PersonFactory(name=secrets[4], email="eirik@example.org")
    with LogContext(user=user):
        membership = MembershipFactory(person=person, committee=CommitteePage.objects.first())
        membership.term_end = datetime.date(2030, 1, 1)
        membership.save()
    person_url = reverse("wagtailsnippets_committees_person:delete", args=[person.pk])
    assert secretariat.post(person_url).status_code == 302

    rows = []
    for model in (AuditLogEntry, ModelLogEntry, PageLogEntry):
        rows += list(model.objects.values("label", "data"))
    dump = json.dumps(rows, ensure_ascii=False, default=str)
    for secret in [*secrets, "eirik@example.org", "99887766", "Sjukepleiar"]:
        assert secret not in dump
    mine = AuditLogEntry.objects.for_instance(registration).values_list("action", flat=True)
    assert sorted(mine) == sorted(
        [
            "samhandling.registration.create",
            "samhandling.registration.change",
            "samhandling.registration.move",
            "samhandling.registration.check_in",
            "samhandling.registration.change",
            "samhandling.registration.cancel",
        ]
    )
    # The report shows them all without a 500, and without the person.
    report = plain(secretariat.get(RESULTS, {"label": f"#{registration.pk}"}))
    assert f"Påmelding #{registration.pk}" in report and secrets[0] not in report
    assert not Registration.objects.filter(pk=registration.pk, name="").exists()


def test_the_erasure_action_is_registered_for_the_privacy_app(user):
    registration = registration_create(
        event=event(), name="Per", email="per@example.org", consent=True
    ).registration
    entry = audit_log(
        instance=registration,
        action="samhandling.personal_data.erase",
        actor=user,
        fields=["name", "email", "phone"],
    )
    assert entry.label == f"Påmelding #{registration.pk}"
    with translation.override("en"):
        assert str(entry.message) == "Personal data erased: e-mail, name, phone"
    with translation.override("nn"):
        fresh = AuditLogEntry.objects.get(pk=entry.pk)  # the message is cached per object
        assert str(fresh.message) == "Personopplysningar sletta: e-post, namn, telefon"


def test_log_entries_older_than_the_retention_period_are_deleted(demo, settings):
    registration = registration_create(
        event=event(), name="Per", email="per@example.org", consent=True
    ).registration
    old = AuditLogEntry.objects.for_instance(registration).get()
    old.timestamp = timezone.now() - datetime.timedelta(days=1096)
    AuditLogEntry.objects.filter(pk=old.pk).update(timestamp=old.timestamp)
    recent = audit_log(instance=registration, action="samhandling.registration.change")
    pages = PageLogEntry.objects.count()
    settings.SAMHANDLING_AUDIT_RETENTION_DAYS = 1095
    call_command("audit_purge_entries", verbosity=0)
    assert not AuditLogEntry.objects.filter(pk=old.pk).exists()
    assert AuditLogEntry.objects.filter(pk=recent.pk).exists()
    assert PageLogEntry.objects.count() == pages  # Wagtail's page history is kept
    jobs = {job["command"] for job in settings.SAMHANDLING_PERIODIC_JOBS}
    assert "audit_purge_entries" in jobs


def test_entries_wagtail_wrote_before_are_moved_and_lose_the_name(demo):
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    from samhandling.audit.legacy import adopt_wagtail_entries

    registration = Registration.objects.create(
        event=event(), name="Kari Gammal", email="kari.gammal@example.org"
    )
    molde = Organisation.objects.get(municipality_number="1506")
    for instance, label in ((registration, "Kari Gammal (1)"), (molde, "Molde")):
        ModelLogEntry.objects.create(
            content_type=ContentType.objects.get_for_model(instance),
            object_id=str(instance.pk),
            label=label,
            action="wagtail.edit",
            timestamp=timezone.now(),
        )
    assert adopt_wagtail_entries(apps) >= 2
    assert not ModelLogEntry.objects.filter(label__in=["Kari Gammal (1)", "Molde"]).exists()
    moved = AuditLogEntry.objects.for_instance(registration).get(action="wagtail.edit")
    assert moved.label == f"Påmelding #{registration.pk}"
    assert AuditLogEntry.objects.for_instance(molde).get(action="wagtail.edit").label == "Molde"


def test_minutes_and_follow_up_published_in_the_editor_are_logged(user):
    from wagtail import hooks

    from samhandling.committees.services import meeting_published_log
    from samhandling.committees.wagtail_hooks import log_minutes_and_follow_up

    assert log_minutes_and_follow_up in hooks.get_hooks("after_publish_page")
    september = MeetingPage.objects.get(slug="2023-09-20")
    draft = september.get_latest_revision_as_object()
    draft.minutes_published = False
    draft.save_revision().publish()
    draft = MeetingPage.objects.get(pk=september.pk).get_latest_revision_as_object()
    items = list(draft.agenda_items.all())
    followed = next(item for item in items if item.follow_up)
    followed.follow_up_status = "done" if followed.follow_up_status != "done" else "open"
    draft.agenda_items, draft.minutes_published = items, True
    draft.save_revision(user=user).publish(user=user)
    september = MeetingPage.objects.get(pk=september.pk)
    meeting_published_log(meeting=september, user=user)
    logged = PageLogEntry.objects.filter(page=september, user=user, action__startswith="samh")
    assert sorted(logged.values_list("action", flat=True)) == [
        "samhandling.decision.follow_up",
        "samhandling.minutes.publish",
    ]
    follow_up = logged.get(action="samhandling.decision.follow_up")
    assert follow_up.data["fields"] == ["follow_up_status"]
    assert follow_up.data["case"] == followed.case_number
    history = plain(
        english_admin(user).get(reverse("wagtailadmin_pages:history", args=[september.pk]))
    )
    assert "Minutes published" in history
    assert "Follow-up of a decision changed: follow-up status" in history
