"""The secretariat looks up, downloads and erases a person's data in the admin."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.models import ModelLogEntry

from samhandling.events.models import Registration

from .helpers import EMAIL, sign_up

pytestmark = pytest.mark.django_db


def test_look_up_download_and_erase_with_a_reason(demo, admin_client):
    registration = sign_up(dietary_needs="Vegan")
    page = admin_client.post("/admin/personal-data/", {"email": EMAIL})
    text = page.content.decode()
    assert page.status_code == 200 and registration.event.title in text and "Vegan" in text

    download = admin_client.post("/admin/personal-data/download/", {"email": EMAIL})
    data = json.loads(download.content)
    assert data["sources"]["registrations"]["records"][0]["dietary_needs"] == "Vegan"

    refused = admin_client.post("/admin/personal-data/erase/", {"email": EMAIL, "reason": ""})
    assert refused.status_code == 400
    assert Registration.objects.get(pk=registration.pk).email == EMAIL

    done = admin_client.post(
        "/admin/personal-data/erase/", {"email": EMAIL, "reason": "Request by e-mail 3 Dec"}
    )
    assert done.status_code == 302
    assert Registration.objects.get(pk=registration.pk).is_erased
    entry = ModelLogEntry.objects.get(action="samhandling.personal_data.erase")
    assert entry.user_id == admin_client.user.pk and EMAIL not in json.dumps(entry.data)
    history = admin_client.get("/admin/reports/site-history/").content.decode()
    assert "Personopplysningar sletta" in history  # the admin speaks nynorsk


def test_only_the_secretariat_may(demo):
    user = get_user_model().objects.create_user("editor", "e@example.org", "pw")
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = Client()
    client.force_login(user)
    assert client.post("/admin/personal-data/", {"email": EMAIL}).status_code in (302, 403)
    assert client.post(
        "/admin/personal-data/erase/", {"email": EMAIL, "reason": "x"}
    ).status_code in (
        302,
        403,
    )


def test_bad_input_is_refused_with_a_message_and_nothing_erased(demo, admin_client):
    registration = sign_up()
    with_address = admin_client.post(
        "/admin/personal-data/erase/", {"email": EMAIL, "reason": f"Asked by {EMAIL}"}
    )
    assert with_address.status_code == 400
    assert "Ikkje skriv e-postadressa i grunnen" in with_address.content.decode()  # nynorsk admin
    bad = admin_client.post("/admin/personal-data/erase/", {"email": "nope", "reason": "x"})
    assert bad.status_code == 400
    assert admin_client.post("/admin/personal-data/", {"email": "nope"}).status_code == 200
    assert admin_client.post("/admin/personal-data/download/", {"email": ""}).status_code == 302
    assert Registration.objects.get(pk=registration.pk).email == EMAIL
    assert not ModelLogEntry.objects.filter(action="samhandling.personal_data.erase").exists()
