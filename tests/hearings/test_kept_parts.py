"""The hearing page's parts that only editors change (what is asked, the questions, the document,
the invited bodies) are rendered once and kept (`{% kept_for_page %}`): an edit published, or a
new organisation, shows at the next view."""

import pytest
from django.test import Client

from samhandling.hearings.pages import HearingPage, HearingQuestion, InvitedOrganisation
from samhandling.organisations.models import Organisation
from tests.conftest import MR_HOST


def _view(hearing) -> str:
    response = Client(HTTP_HOST=MR_HOST).get(hearing.url)
    assert response.status_code == 200
    return response.content.decode()


def _hearing():
    return next(h for h in HearingPage.objects.live() if h.get_site().hostname == MR_HOST)


@pytest.mark.django_db
def test_a_question_and_an_invited_body_published_show_at_once(demo):
    hearing = _hearing()
    _view(hearing)
    html = _view(hearing)  # from the kept parts
    assert "Kva meiner de om tidsplanen?" not in html
    organisation = Organisation.objects.create(
        name="Testforeininga for høyringar", kind="brukarorganisasjon"
    )
    page = HearingPage.objects.get(pk=hearing.pk)
    page.questions.add(HearingQuestion(text="Kva meiner de om tidsplanen?"))
    page.invited.add(InvitedOrganisation(organisation=organisation))
    page.save_revision().publish()
    html = _view(hearing)
    assert "Kva meiner de om tidsplanen?" in html
    assert "Testforeininga for høyringar" in html


@pytest.mark.django_db
def test_an_invited_organisation_renamed_shows_at_once(demo):
    hearing = _hearing()
    organisation = Organisation.objects.create(
        name="Gammalt namn på lag", kind="brukarorganisasjon"
    )
    page = HearingPage.objects.get(pk=hearing.pk)
    page.invited.add(InvitedOrganisation(organisation=organisation))
    page.save_revision().publish()
    assert "Gammalt namn på lag" in _view(hearing)
    assert "Gammalt namn på lag" in _view(hearing)  # kept
    organisation.name = "Nytt namn på lag"
    organisation.save()
    html = _view(hearing)
    assert "Nytt namn på lag" in html and "Gammalt namn på lag" not in html
