"""The documented production environment passes Django's deployment checks."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def production_env():
    # Only what production would have: no test-only switches (the browser tests set the async one).
    ignored = ("DATABASE_URL", "PAGE_CACHE_SECONDS", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {k: v for k, v in os.environ.items() if k not in ignored}
    for line in (ROOT / "bansos_portal" / "deploy" / "production.env").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, value = line.split("=", 1)
            env[name] = value
    env["SECRET_KEY"] = secrets.token_urlsafe(50)
    env.pop("TWO_FACTOR_REQUIRED", None)
    return env


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_passes_with_the_documented_production_environment():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())

    assert result.returncode == 0, result.stdout + result.stderr


def test_check_deploy_fails_without_https_settings():
    env = production_env()
    env["SECURE_HSTS_SECONDS"] = "0"

    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)

    assert result.returncode != 0 and "security.W004" in result.stdout + result.stderr


def test_production_requires_two_factor_and_hides_the_admin_path():
    code = (
        "from django.conf import settings; from django.urls import reverse; "
        "print(settings.TWO_FACTOR_REQUIRED, reverse('admin:index'), settings.CACHES['default']['BACKEND'])"
    )

    result = manage("shell", "--no-imports", "-c", code, env=production_env())

    assert result.stdout.split() == ["True", "/ruang-humas/", "bansos_portal.page_cache.redis.RedisCache"]
