"""The demo's admin can change its admin language at once: account settings ask for a name before
they save anything, and the demo admin has one."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.users.models import UserProfile

from samhandling.core.demo.sites import DEMO_ADMIN, ensure_admin_user
from tests.staff_login import admin_login

pytestmark = pytest.mark.django_db


def _form_data(html: str) -> dict:
    form = BeautifulSoup(html, "html.parser").select_one("form[method=post]")
    data = {}
    for field in form.select("input[name], select[name], textarea[name]"):
        kind = field.get("type", "")
        if kind in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data[field["name"]] = field.get("value", "on")
        elif field.name == "select":
            chosen = field.select_one("option[selected]") or field.select_one("option")
            data[field["name"]] = chosen.get("value", "") if chosen else ""
        elif kind != "file":
            data[field["name"]] = field.get("value", "") if field.name == "input" else field.text
    return data


def test_the_demo_admin_changes_its_language_without_filling_in_a_name(demo):
    ensure_admin_user()
    user = get_user_model().objects.get(username=DEMO_ADMIN["username"])
    assert user.first_name and user.last_name
    client = admin_login(Client(), user)
    page = client.get("/admin/account/")
    data = _form_data(page.content.decode())
    language_field = next(name for name in data if name.endswith("preferred_language"))
    data[language_field] = "nb"
    response = client.post("/admin/account/", data)
    assert response.status_code == 302, BeautifulSoup(response.content, "html.parser").select(
        ".error-message"
    )
    assert UserProfile.get_for_user(user).preferred_language == "nb"


def test_an_older_demo_admin_without_a_name_gets_one(demo):
    get_user_model().objects.create_superuser(
        DEMO_ADMIN["username"], DEMO_ADMIN["email"], DEMO_ADMIN["password"]
    )
    ensure_admin_user()
    user = get_user_model().objects.get(username=DEMO_ADMIN["username"])
    assert (user.first_name, user.last_name) == ("Demo", "Sekretariat")
