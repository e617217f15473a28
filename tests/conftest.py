import itertools

import pytest

from bansos_portal.publishing import Status
from faq.models import Category, Clarification, Question
from programs.models import BenefitComponent, Budget, Program

_numbers = itertools.count(1)


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


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Browser tests last. They flush the database when they end (live_server needs real transactions),
    which also removes rows that data migrations ship, such as the default synonyms. pytest-django sorts
    them after the other database tests, but pytest's grouping by the session-scoped `browser_name`
    parameter moves them back in between; this runs after both."""
    items.sort(key=lambda item: "live_server" in getattr(item, "fixturenames", ()))
