import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

ROOT = Path(__file__).resolve().parents[2]


def start_django(**env):
    """Load the settings in a fresh interpreter, the way a server process would."""
    clean = {key: value for key, value in os.environ.items() if key not in ("SECRET_KEY", "DEBUG")}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('ok')"],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "bansos_portal.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = start_django(DEBUG="False")

    assert result.returncode != 0 and "SECRET_KEY is not set" in result.stderr


def test_production_refuses_a_short_or_local_key():
    assert start_django(DEBUG="False", SECRET_KEY="pendek").returncode != 0
    assert start_django(DEBUG="False", SECRET_KEY="django-insecure-local-development-only").returncode != 0


def test_production_starts_with_a_real_key_and_local_work_needs_none():
    assert start_django(DEBUG="False", SECRET_KEY="x" * 50).stdout.strip() == "ok"
    assert start_django(DEBUG="True").stdout.strip() == "ok"


def test_a_bad_debug_value_is_refused():
    result = start_django(DEBUG="yes", SECRET_KEY="x" * 50)

    assert "DEBUG must be 'True' or 'False'" in result.stderr


def test_site_settings_are_indonesian(settings):
    assert settings.LANGUAGE_CODE == "id" and settings.TIME_ZONE == "Asia/Jakarta"


def test_demo_account_is_never_created_with_debug_off(db, settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="hanya dibuat untuk pengembangan lokal"):
        call_command("create_demo_account")
    assert not User.objects.exists()


def test_demo_account_can_edit_content_locally(db, settings, client):
    settings.DEBUG = True

    call_command("create_demo_account", stdout=None)

    user = User.objects.get(username="humas")
    assert user.is_staff and not user.is_superuser
    assert user.has_perm("programs.change_program") and user.has_perm("faq.add_question")
    # Locally the demo account holds the Administrator role, so every Humas journey can be tried.
    assert user.groups.filter(name="Administrator").exists()
    assert user.has_perm("programs.publish_program") and user.has_perm("faq.publish_clarification")


def test_load_demo_fills_an_empty_database_once(db, settings):
    from io import StringIO

    from programs.models import Program

    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    Program.objects.filter(slug="pkh").update(summary="Diubah Humas.")
    output = StringIO()

    call_command("load_demo", stdout=output)

    assert "tidak dimuat ulang" in output.getvalue()
    assert Program.objects.get(slug="pkh").summary == "Diubah Humas."
