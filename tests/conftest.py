import itertools

import pytest

from bansos_portal.publishing import Status
from faq.models import Category, Clarification, Question
from programs.models import BenefitComponent, Budget, Program

_numbers = itertools.count(1)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run the tests that flush the database (live server, transaction=True) after all the others.

    pytest-django orders them last, but pytest then regroups items by the browser parameter and
    can pull a browser test ahead of ordinary tests. Its flush deletes the rows data migrations
    made (default synonyms, the Humas roles), which ordinary tests rely on.
    """

    def flushes_database(item):
        marker = item.get_closest_marker("django_db")
        transactional = bool(marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")))
        fixtures = getattr(item, "fixturenames", [])
        return transactional or "live_server" in fixtures or "transactional_db" in fixtures

    items.sort(key=flushes_database)


@pytest.fixture(autouse=True)
def _fast_settings(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Manifest storage needs collectstatic; tests don't run it.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def make_program(db):
    def make(**fields):
        number = next(_numbers)
        fields.setdefault("name", f"Program Uji {number}")
        fields.setdefault("slug", f"program-uji-{number}")
        fields.setdefault("summary", "Bantuan untuk keluarga yang membutuhkan.")
        fields.setdefault("status", Status.PUBLISHED)
        return Program.objects.create(**fields)

    return make


@pytest.fixture
def make_component(db):
    def make(program, **fields):
        fields.setdefault("name", "Ibu hamil")
        fields.setdefault("amount", 3_000_000)
        fields.setdefault("period", BenefitComponent.Period.YEAR)
        fields.setdefault("year", 2025)
        return BenefitComponent.objects.create(program=program, **fields)

    return make


@pytest.fixture
def make_budget(db):
    def make(**fields):
        fields.setdefault("year", 2019)
        fields.setdefault("allocation", 58_900_000_000_000)
        fields.setdefault("source", "Sekjen Kemensos, Februari 2019")
        return Budget.objects.create(**fields)

    return make


@pytest.fixture
def category(db):
    return Category.objects.create(name="Pendaftaran", slug="pendaftaran")


@pytest.fixture
def make_question(category):
    def make(**fields):
        number = next(_numbers)
        fields.setdefault("question", f"Pertanyaan uji nomor {number}?")
        fields.setdefault("slug", f"pertanyaan-uji-{number}")
        fields.setdefault("answer", "Jawaban uji.")
        fields.setdefault("category", category)
        fields.setdefault("status", Status.PUBLISHED)
        return Question.objects.create(**fields)

    return make


@pytest.fixture
def make_clarification(db):
    def make(**fields):
        number = next(_numbers)
        fields.setdefault("claim", f"Pesan berantai uji nomor {number}")
        fields.setdefault("slug", f"klaim-uji-{number}")
        fields.setdefault("verdict", Clarification.Verdict.HOAX)
        fields.setdefault("explanation", "Kemensos tidak pernah membuat tautan pendaftaran.")
        fields.setdefault("date", "2024-03-26")
        fields.setdefault("status", Status.PUBLISHED)
        return Clarification.objects.create(**fields)

    return make
