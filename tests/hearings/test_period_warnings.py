"""The hearing page's period in the editor: a warning under three months (the norm), and under
six weeks an error unless the reason is given."""

import datetime

import pytest
from django.utils import translation
from wagtail.users.models import UserProfile

from samhandling.hearings.admin_forms import (
    months_after,
    period_is_too_short,
    period_warning,
)

from .factories import make_hearing

DAY = datetime.date(2024, 3, 1)


def test_the_warning_tells_the_norm_under_three_months():
    eight_weeks = DAY + datetime.timedelta(weeks=8)
    with translation.override("en"):
        assert "three months" in period_warning(opens_on=DAY, deadline=eight_weeks)
    with translation.override("nn"):
        assert "tre månader" in period_warning(opens_on=DAY, deadline=eight_weeks)
    assert period_warning(opens_on=DAY, deadline=months_after(DAY, 3)) == ""
    assert months_after(datetime.date(2024, 11, 30), 3) == datetime.date(2025, 2, 28)


def test_under_six_weeks_is_too_short():
    assert period_is_too_short(opens_on=DAY, deadline=DAY + datetime.timedelta(days=41))
    assert not period_is_too_short(opens_on=DAY, deadline=DAY + datetime.timedelta(weeks=6))


@pytest.fixture
def admin_client(admin_client):
    """The admin in English (the messages below are matched in English)."""
    profile = UserProfile.get_for_user(admin_client.user)
    profile.preferred_language = "en"
    profile.save()
    return admin_client


def _post_edit(admin_client, hearing, **changes):
    from django.urls import reverse
    from wagtail.test.utils.form_data import (
        inline_formset,
        nested_form_data,
        rich_text,
        streamfield,
    )

    data = {
        "title": hearing.title,
        "slug": hearing.slug,
        "lead": hearing.lead,
        "asked": rich_text(""),
        "sections": streamfield(
            [("section", {"heading": "Del 1", "text": rich_text("<p>Tekst</p>")})]
        ),
        "questions": inline_formset([]),
        "invited": inline_formset([]),
        "opens_on": hearing.opens_on.isoformat(),
        "deadline": hearing.deadline.isoformat(),
        "short_period_reason": "",
        "publication": hearing.publication,
        "comment_moderation": hearing.comment_moderation,
        "invite_members": "on",
        "outcome": "",
    }
    data.update(changes)
    return admin_client.post(
        reverse("wagtailadmin_pages:edit", args=[hearing.pk]),
        nested_form_data(data),
        follow=True,
    )


def test_saving_an_eight_week_hearing_shows_the_warning(demo, admin_client):
    hearing = make_hearing()
    answer = _post_edit(admin_client, hearing)
    messages = [str(m) for m in answer.context["messages"]]
    assert any("three months" in m for m in messages), messages


def test_under_six_weeks_without_a_reason_is_refused(demo, admin_client):
    hearing = make_hearing()
    short = hearing.opens_on + datetime.timedelta(weeks=4)
    refused = _post_edit(admin_client, hearing, deadline=short.isoformat())
    assert "shorter than six weeks" in refused.content.decode()
    hearing.refresh_from_db()
    assert hearing.deadline != short
    accepted = _post_edit(
        admin_client,
        hearing,
        deadline=short.isoformat(),
        short_period_reason="Lovpålagd frist frå departementet.",
    )
    messages = [str(m) for m in accepted.context["messages"]]
    assert any("three months" in m for m in messages), messages
    hearing.refresh_from_db()
    assert hearing.get_latest_revision().as_object().deadline == short
