import gc
import io
import itertools
import sys

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bansos_portal.directory.models import Office, OfficeDetailSource, Region
from bansos_portal.editorial.roles import ensure_roles
from bansos_portal.publishing import Status
from faq.models import Category, Clarification, Question
from programs.models import BenefitComponent, Budget, Program
from tests.migrated_copy import migrations_from_copy
from tests.public_pages import load_demo_content

_numbers = itertools.count(1)

# pytest rewrites every test module's asserts on import and caches the result like bytecode; where the
# environment sets PYTHONDONTWRITEBYTECODE, each process would rewrite them all again (3-4 s per process).
sys.dont_write_bytecode = False
# Django's models, queries and templates make millions of short-lived objects; with Python's default
# thresholds the cycle collector runs so often that it takes about a twentieth of the run.
gc.set_threshold(50_000, 20, 20)


def is_transactional(item):
    marker = item.get_closest_marker("django_db")
    names = set(getattr(item, "fixturenames", ()))
    return bool((marker and marker.kwargs.get("transaction")) or {"transactional_db", "live_server"} & names)


# `pytest -m "not slow"` is the quick run while working; `make test` and CI run everything.
# Slow: a test that starts a server, a browser, Java or another process, or waits on a real clock.
SLOW_FIXTURES = {"live_server", "browser", "demo_site"}  # pytest-playwright's page and context need browser
SLOW_FOLDERS = ("tests/browser/",)
SLOW_TESTS = {
    "tests/site/test_html_validity.py": "Java (the Nu HTML Checker)",
    "tests/deploy/test_production.py": "manage.py check --deploy in new processes",
    "tests/search/test_benchmark.py": "the search benchmark",
    "tests/site/test_settings.py::test_production_refuses_to_start_without_a_secret_key": "a new process",
    "tests/site/test_settings.py::test_production_refuses_a_short_or_local_key": "new processes",
    "tests/site/test_settings.py::test_production_starts_with_a_real_key_and_local_work_needs_none": "new processes",
    "tests/site/test_settings.py::test_a_bad_debug_value_is_refused": "a new process",
    "tests/page_cache/test_faults.py::test_a_slow_database_still_renders_every_page": "sleeps in every query",
    # The search-quality command loads the whole demo content and runs the judged queries, like the benchmark.
    "tests/search/test_quality.py::test_command_prints_both_reports_and_leaves_the_database_empty": "evaluation",
    "tests/search/test_quality.py::test_command_ignores_and_keeps_existing_content": "evaluation",
    "tests/search/test_quality.py::test_command_fails_below_target_after_printing": "evaluation",
    "tests/search/test_quality.py::test_command_warns_about_judged_urls_missing_from_the_demo": "evaluation",
}


def is_slow(item):
    test = item.nodeid.split("[")[0]  # without the parameters
    return (
        bool(SLOW_FIXTURES & set(item.fixturenames))
        or test.startswith(SLOW_FOLDERS)
        or test in SLOW_TESTS
        or test.split("::")[0] in SLOW_TESTS
    )


def pytest_collection_modifyitems(items):
    """Marks the slow tests (see SLOW_TESTS), puts the tests sharing a load_once fixture side by side and
    serialises the database for transactional tests.

    A transactional test empties every table when it ends, rows made by data migrations included
    (the default search synonyms), and pytest-playwright's ordering can run one before ordinary tests
    that rely on those rows. Serialising the test database lets `pytest_runtest_teardown` put them back.
    Runs after pytest-django's own ordering (database tests first, transactional ones after)."""
    shared_loads_together(items)
    for item in items:
        if is_slow(item):
            item.add_marker(pytest.mark.slow)
        marker = item.get_closest_marker("django_db")
        if marker and marker.kwargs.get("transaction"):
            item.add_marker(pytest.mark.django_db(*marker.args, **{**marker.kwargs, "serialized_rollback": True}))
        elif is_transactional(item) and "django_db_serialized_rollback" not in item.fixturenames:
            item.fixturenames.append("django_db_serialized_rollback")


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings):
    """The SQLite test database is copied from a migrated one instead of migrated again (tests/migrated_copy.py)."""
    with migrations_from_copy():
        yield


_migrated_rows = {}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    # Kept here: browser tests run in another context, whose connection objects lack the copy.
    for connection in connections.all():
        _migrated_rows[connection.alias] = getattr(connection, "_test_serialized_contents", None)
    yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    yield  # every fixture is torn down by now, the flush of a transactional test included
    from pytest_django.plugin import blocking_manager_key

    if _Shared.name is not None and (nextitem is None or shared_load(nextitem) != _Shared.name):
        close_shared_load(item.config.stash[blocking_manager_key])
    if not is_transactional(item) or not _migrated_rows:
        return
    from django.apps import apps
    from django.core.management import call_command
    from django.core.management.color import no_style
    from django.db import connections

    with item.config.stash[blocking_manager_key].unblock():
        for alias, contents in _migrated_rows.items():
            if contents:
                # Empty again without re-creating content types, so the saved rows keep their keys.
                call_command("flush", database=alias, interactive=False, inhibit_post_migrate=True, verbosity=0)
                connection = connections[alias]
                connection.creation.deserialize_db_from_string(contents)
                # The flush restarted the id sequences (PostgreSQL); move them past the restored rows.
                with connection.cursor() as cursor:
                    for sql in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
                        cursor.execute(sql)


# name -> load function, for the fixtures made by load_once.
SHARED_LOADS = {}


def shared_load(item):
    """The name of the load_once fixture a test asks for, or None."""
    names = SHARED_LOADS.keys() & set(getattr(item, "fixturenames", ()))
    if len(names) > 1:
        raise pytest.UsageError(f"{item.nodeid} asks for {sorted(names)}; load_once serves one per test")
    return next(iter(names), None)


class _Shared:
    """The load_once transaction now open: its name and what its load returned."""

    name = None
    value = None
    atomic = None


def load_once(load, name):
    """A fixture for rows many tests only read (the demo content, every region). `load()` runs once, before
    the first of the tests that ask for it, inside a transaction rolled back after the last of them: those
    tests run side by side, across modules (pytest_collection_modifyitems), so a pytest-xdist worker loads
    the rows once, not once per module. Each test runs in a savepoint above it (pytest-django's `db`), so
    what one test changes is gone for the next while the loaded rows stay. Not for transactional tests,
    which empty the tables."""
    if SHARED_LOADS.setdefault(name, load) is not load:
        raise ValueError(f"two different loads are named {name}")

    # Module scope: set up before pytest-django's `db`, whose transaction then nests inside this one.
    @pytest.fixture(scope="module", name=name)
    def loaded(django_db_setup, django_db_blocker):
        if _Shared.name != name:
            close_shared_load(django_db_blocker)
            with django_db_blocker.unblock():
                _Shared.atomic = transaction.atomic()
                _Shared.atomic.__enter__()
                _Shared.name, _Shared.value = name, load()
        return _Shared.value

    return loaded


def close_shared_load(django_db_blocker):
    if _Shared.atomic is None:
        return
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        _Shared.atomic.__exit__(None, None, None)
    _Shared.name = _Shared.value = _Shared.atomic = None


def shared_loads_together(items):
    """The tests asking for one load_once fixture run one after another, from where the first of them
    stood (all are plain database tests, so they stay before the transactional ones)."""
    groups = {}
    for item in items:
        if name := shared_load(item):
            if is_transactional(item):
                raise pytest.UsageError(f"{item.nodeid}: a transactional test would empty the {name} rows")
            groups.setdefault(name, []).append(item)
    ordered = []
    for item in items:
        name = shared_load(item)
        if name is None:
            ordered.append(item)
        elif name in groups:
            ordered += groups.pop(name)
    items[:] = ordered


@pytest.fixture(autouse=True)
def _fast_settings(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Manifest storage needs collectstatic; tests don't run it.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # As in a fresh checkout, no collected static files: after a `collectstatic` (make serve, make bench)
    # whitenoise would otherwise index every file in staticfiles/ again for each test client (~70 ms).
    settings.STATIC_ROOT = None


@pytest.fixture
def page_store(settings):
    """The server-side page cache on (tests run with it off), empty and believed up."""
    from django.core.cache import cache

    from bansos_portal.page_cache import store

    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    store.CacheDown.down_until = 0.0
    store.CacheDown.missed_invalidation = False
    yield
    cache.clear()


def queries_for(client, url, data=None):
    """(the response to a GET of `url`, how many queries answering it ran)."""
    with CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as queries:
        response = client.get(url, data)
    return response, len(queries)


# The factories below also fill rows that a load_once fixture shares; tests ask for the make_* fixtures.
def new_program(**fields):
    number = next(_numbers)
    fields.setdefault("name", f"Program Uji {number}")
    fields.setdefault("slug", f"program-uji-{number}")
    fields.setdefault("summary", "Bantuan untuk keluarga yang membutuhkan.")
    fields.setdefault("status", Status.PUBLISHED)
    return Program.objects.create(**fields)


def new_component(program, **fields):
    fields.setdefault("name", "Ibu hamil")
    fields.setdefault("amount", 3_000_000)
    fields.setdefault("period", BenefitComponent.Period.YEAR)
    fields.setdefault("year", 2025)
    return BenefitComponent.objects.create(program=program, **fields)


def new_budget(**fields):
    fields.setdefault("year", 2019)
    fields.setdefault("allocation", 58_900_000_000_000)
    fields.setdefault("source", "Sekjen Kemensos, Februari 2019")
    return Budget.objects.create(**fields)


def new_category():
    return Category.objects.create(name="Pendaftaran", slug="pendaftaran")


def new_question(*, category, **fields):
    number = next(_numbers)
    fields.setdefault("question", f"Pertanyaan uji nomor {number}?")
    fields.setdefault("slug", f"pertanyaan-uji-{number}")
    fields.setdefault("answer", "Jawaban uji.")
    fields.setdefault("status", Status.PUBLISHED)
    return Question.objects.create(category=category, **fields)


def new_clarification(**fields):
    number = next(_numbers)
    fields.setdefault("claim", f"Pesan berantai uji nomor {number}")
    fields.setdefault("slug", f"klaim-uji-{number}")
    fields.setdefault("verdict", Clarification.Verdict.HOAX)
    fields.setdefault("explanation", "Kemensos tidak pernah membuat tautan pendaftaran.")
    fields.setdefault("date", "2024-03-26")
    fields.setdefault("status", Status.PUBLISHED)
    return Clarification.objects.create(**fields)


@pytest.fixture
def make_program(db):
    return new_program


@pytest.fixture
def make_component(db):
    return new_component


@pytest.fixture
def make_budget(db):
    return new_budget


@pytest.fixture
def category(db):
    return new_category()


@pytest.fixture
def make_question(category):
    def make(**fields):
        fields.setdefault("category", category)
        return new_question(**fields)

    return make


@pytest.fixture
def make_clarification(db):
    return new_clarification


def _load_regions():
    call_command("load_regions", stdout=io.StringIO())


_regions_loaded = load_once(_load_regions, "_regions_loaded")


@pytest.fixture
def regions(db, _regions_loaded):
    """Every province and kabupaten/kota, as `load_regions` loads them (with the verified offices)."""
    return Region.objects


@pytest.fixture
def make_office(regions):
    def make(code, *, status=Status.PUBLISHED, verified=("address", "phones"), **fields):
        region = Region.objects.get(code=code)
        fields.setdefault("name", region.office_name())
        fields.setdefault("address", f"Jl. Contoh No. 1, {region.name}")
        fields.setdefault("phones", "(0341) 123-456")
        office = Office.objects.create(region=region, status=status, **fields)
        for detail in verified:
            OfficeDetailSource.objects.create(office=office, detail=detail, url="https://example.go.id/kontak")
        return office

    return make


_demo_site_loaded = load_once(load_demo_content, "_demo_site_loaded")


@pytest.fixture
def demo_content(db, _demo_site_loaded):
    """What `load_demo` puts in a fresh database (programs, answers, pre-check rules, regions, offices),
    loaded once for all the tests that ask for it (see load_once)."""


@pytest.fixture
def demo_import(db, _demo_site_loaded):
    """The demo content as `demo_content` loads it, for tests of the import: the counts per kind that
    importing the content file returned."""
    return _demo_site_loaded


def login_as(role, username):
    """A signed-in client for a user who has only the given Humas role (group from the migration)."""
    user = User.objects.create_user(username, password="kata-sandi-yang-panjang", is_staff=True)
    user.first_name = username.capitalize()
    user.save()
    group = Group.objects.filter(name=role).first()
    if group is None:  # a flushed database (browser tests) lost the groups the migration made
        group = ensure_roles(Group, Permission)[role]
    user.groups.add(group)
    client = Client()
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def penulis(db):
    return login_as("Penulis", "wulan")


@pytest.fixture
def penyunting(db):
    return login_as("Penyunting", "yusuf")
