"""`load_demo` creates a superuser with a published password: production settings refuse it
(issue #12) unless the operator says explicitly that they mean it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import override_settings

from samhandling.core.demo.sites import DEMO_ADMIN

ROOT = Path(__file__).resolve().parent.parent


def _production_env(tmp_path: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "SAMHANDLING_DEMO_ALLOWED"}
    env.update(
        DJANGO_SETTINGS_MODULE="samhandling.settings.production",
        SECRET_KEY="x" * 60,
        ALLOWED_HOSTS="samhandling.example.no",
        DATABASE_URL=f"sqlite:///{tmp_path / 'production.sqlite3'}",
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    return env


def test_load_demo_under_production_settings_is_refused_and_touches_nothing(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "load_demo", "--port", "80"],
        cwd=ROOT,
        env=_production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "Refusing to load the demo" in result.stderr
    assert "--i-know-this-is-production" in result.stderr
    database = tmp_path / "production.sqlite3"
    assert not database.exists() or database.stat().st_size == 0


@pytest.mark.django_db
def test_load_demo_refused_where_the_demo_is_not_allowed_creates_no_admin():
    with override_settings(SAMHANDLING_DEMO_ALLOWED=False), pytest.raises(CommandError) as error:
        call_command("load_demo", "--port", "80", verbosity=0)
    assert "SAMHANDLING_DEMO_ALLOWED" in str(error.value)
    assert not get_user_model().objects.filter(username=DEMO_ADMIN["username"]).exists()


@pytest.mark.django_db
def test_load_demo_runs_where_refused_when_forced(demo):
    with override_settings(SAMHANDLING_DEMO_ALLOWED=False):
        call_command("load_demo", "--port", "80", "--i-know-this-is-production", verbosity=0)
    assert get_user_model().objects.filter(username=DEMO_ADMIN["username"]).exists()


def test_the_dev_demo_and_test_settings_allow_the_demo_and_production_does_not(tmp_path):
    code = (
        "import importlib, sys\n"
        "for name in sys.argv[1:]:\n"
        "    print(name, importlib.import_module(name).SAMHANDLING_DEMO_ALLOWED)\n"
    )
    modules = ["dev", "demo", "test", "production"]
    result = subprocess.run(
        [sys.executable, "-c", code, *(f"samhandling.settings.{m}" for m in modules)],
        cwd=ROOT,
        env=_production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    allowed = dict(line.split() for line in result.stdout.splitlines())
    assert allowed == {
        "samhandling.settings.dev": "True",
        "samhandling.settings.demo": "True",
        "samhandling.settings.test": "True",
        "samhandling.settings.production": "False",
    }
