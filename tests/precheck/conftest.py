import json

import pytest

from bansos_portal.content_file.load import DEMO_CONTENT, import_content
from bansos_portal.precheck.demo import DEMO_RULES, load_demo
from bansos_portal.precheck.models import ExampleHousehold
from tests.conftest import load_once


def demo_programs():
    """The demo content's programs with their components (what the demo rules read amounts from) and the
    shared steps the programs refer to."""
    data = json.loads(DEMO_CONTENT.read_text(encoding="utf-8"))
    return {"shared_steps": data["shared_steps"], "programs": data["programs"]}


def _load_demo_rules():
    import_content(data=demo_programs())
    load_demo()


_demo_rules_loaded = load_once(_load_demo_rules, "_demo_rules_loaded")


@pytest.fixture
def demo_rules(db, _demo_rules_loaded):
    return ExampleHousehold.objects.all()


def example_names():
    return [entry["name"] for entry in json.loads(DEMO_RULES.read_text(encoding="utf-8"))["examples"]]


def api_body(example_answers):
    return {"household": {}, **example_answers}


@pytest.fixture
def no_rate_limit(monkeypatch):
    monkeypatch.setattr("bansos_portal.precheck.views.REQUESTS_PER_MINUTE", 10_000)


@pytest.fixture(autouse=True)
def _empty_cache():
    # The rate counter lives in the cache: each test starts with none.
    from django.core.cache import cache

    cache.clear()
