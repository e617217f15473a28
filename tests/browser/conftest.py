"""Real-browser tests: Playwright driving the system Chromium against pytest-django's live server."""

import json
import os
import shutil
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection

from tests.browser.screenshots import OUTPUT_DIR
from tests.browser.site_server import PRODUCTION_STATIC, collect_static, serve_site
from tests.public_pages import load_demo_content

# Playwright's sync API runs an event loop in the test thread; the ORM calls that set up data in
# the test body are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    executable = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    return {**browser_type_launch_args, "executable_path": executable}


@pytest.fixture
def phone_page(browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="id-ID")
    yield context.new_page()
    context.close()


# --- The demo portal served like production, shared by one test module. ---
@pytest.fixture(scope="session")
def collected_static(tmp_path_factory):
    """Static files collected once per session, hashed and compressed as in production."""
    static_root = tmp_path_factory.mktemp("staticfiles")
    collect_static(static_root)
    return static_root


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker, collected_static):
    """The demo content served like production, loaded once for every test in a module."""
    # The server thread queries the database during the whole module, so it stays unblocked.
    with django_db_blocker.unblock():
        # Tests that run later expect what the migrations put in (default synonyms): restore it after.
        before = connection.creation.serialize_db_to_string()
        load_demo_content()
        try:
            with serve_site(collected_static) as url:
                yield url
        finally:
            call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
            connection.creation.deserialize_db_from_string(before)
            restart_sequences()


@pytest.fixture(autouse=True)
def _production_static_in_demo_site(request, _fast_settings, settings):
    # tests/conftest.py switches off the manifest storage for tests that never collect static.
    if "demo_site" in request.fixturenames:
        settings.STATIC_ROOT = request.getfixturevalue("collected_static")
        settings.STORAGES = PRODUCTION_STATIC


def restart_sequences():
    # Rows restored with their ids leave PostgreSQL's sequences behind (as after loaddata).
    statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


@pytest.fixture
def desktop_page(browser):
    context = browser.new_context(viewport=DESKTOP, locale="id-ID")
    yield context.new_page()
    context.close()


@pytest.fixture
def phone_page_no_js(browser):
    context = browser.new_context(
        viewport=PHONE, is_mobile=True, has_touch=True, locale="id-ID", java_script_enabled=False
    )
    yield context.new_page()
    context.close()


_page_weights = {}


@pytest.fixture(scope="session")
def page_weights():
    """Page name -> [(url, bytes transferred)], printed after the run (see pytest_terminal_summary)."""
    return _page_weights


def pytest_terminal_summary(terminalreporter):
    if not _page_weights:
        return
    terminalreporter.section("page weight (bytes on the wire, first visit)")
    report = {}
    for name, weights in _page_weights.items():
        total = sum(size for _, size in weights)
        report[name] = {"total_bytes": total, "requests": dict(weights)}
        terminalreporter.write_line(f"{name}: {total / 1024:.1f} KB in {len(weights)} requests")
        for url, size in weights:
            address = urlsplit(url)
            terminalreporter.write_line(
                f"    {size / 1024:6.1f} KB  {address.path}{'?' if address.query else ''}{address.query}"
            )
    OUTPUT_DIR.mkdir(exist_ok=True)
    (OUTPUT_DIR / "page-weight.json").write_text(json.dumps(report, indent=2))
