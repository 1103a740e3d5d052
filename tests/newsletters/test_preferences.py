"""The preference page by private link: lists and language, and unsubscribing from all."""

import pytest
from django.urls import reverse
from django.utils import timezone

from samhandling.newsletters.models import MailingList, Subscriber
from samhandling.newsletters.subscribing import subscribe
from samhandling.newsletters.tokens import subscriber_token
from tests.form_guard import guard_fields

from .subscribe_helpers import community, mr_lists, visitor

pytestmark = pytest.mark.django_db


def confirmed(email: str) -> Subscriber:
    person = subscribe(
        community=community(), email=email, language="nn", lists=[mr_lists()["nyhendebrev"]]
    )
    person.confirmed_at = timezone.now()
    person.save()
    return person


def preferences_path(person) -> str:
    return reverse("newsletters:preferences", args=[subscriber_token(person)])


def test_the_page_shows_the_choices_and_saves_lists_and_language(demo):
    person = confirmed("prefs@example.no")
    client = visitor()
    page = client.get(preferences_path(person))
    assert page.status_code == 200
    html = page.content.decode()
    assert "prefs@example.no" in html and "Invitasjonar til dialogkonferansar" in html
    assert page["Cache-Control"] == "private, no-store"
    lists = mr_lists()
    response = client.post(
        preferences_path(person),
        {"lists": [lists["invitasjonar"].pk], "language": "nb", **guard_fields()},
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.language == "nb"
    assert list(person.lists.values_list("slug", flat=True)) == ["invitasjonar"]
    assert "Innstillingane dine er lagra" in client.get(response["Location"]).content.decode()


def test_no_list_is_a_message_not_an_erasure(demo):
    person = confirmed("empty-prefs@example.no")
    response = visitor().post(preferences_path(person), {"language": "nn", **guard_fields()})
    assert response.status_code == 400
    assert "Meld av alt" in response.content.decode()
    assert list(person.lists.values_list("slug", flat=True)) == ["nyhendebrev"]


def test_bad_choices_are_refused(demo):
    person = confirmed("bad-prefs@example.no")
    other = MailingList.objects.exclude(community=community()).first()
    for data in [
        {"lists": [other.pk], "language": "nn"},
        {"lists": ["x"], "language": "nn"},
        {"lists": [mr_lists()["nyhendebrev"].pk], "language": "<b>"},
        {"lists": [str(2**70)], "language": "nn"},
    ]:
        response = visitor().post(preferences_path(person), {**data, **guard_fields()})
        assert response.status_code == 400
    person.refresh_from_db()
    assert person.language == "nn"
    assert list(person.lists.values_list("slug", flat=True)) == ["nyhendebrev"]


def test_the_unsubscribe_button_on_the_page_erases(demo):
    person = confirmed("prefs-out@example.no")
    html = visitor().get(preferences_path(person)).content.decode()
    unsubscribe = reverse("newsletters:unsubscribe", args=[subscriber_token(person)])
    assert f'action="{unsubscribe}"' in html
    assert visitor().post(unsubscribe).status_code == 200
    assert not Subscriber.objects.filter(pk=person.pk).exists()
    gone = visitor().get(preferences_path(person))
    assert gone.status_code == 404
    assert "meld av" in gone.content.decode()


def test_a_forged_preference_link(demo):
    response = visitor().get(reverse("newsletters:preferences", args=["forged:link"]))
    assert response.status_code == 404
    assert "Lenkja verkar ikkje" in response.content.decode()
