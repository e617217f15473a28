"""HTTP manners every /api/v1/ address shares: methods, CORS preflight, and a JSON 503 when the database is down."""

import pytest
from django.db.backends.utils import CursorWrapper
from django.db.utils import OperationalError
from django.test import Client

ROUTES = [
    "/api/v1/programs/",
    "/api/v1/programs/pkh/",
    "/api/v1/faq/categories/",
    "/api/v1/faq/questions/",
    "/api/v1/clarifications/",
    "/api/v1/budgets/",
    "/api/v1/search/?q=keluarga",
    "/api/v1/openapi.json",
]


@pytest.fixture
def content(make_program, make_question, make_clarification, make_budget):
    program = make_program(slug="pkh", name="Program Keluarga Harapan")
    make_question().programs.add(program)
    make_clarification()
    make_budget(program=program)


@pytest.mark.parametrize("url", ROUTES)
def test_every_route_answers_head_like_get(client, content, url):
    got = client.get(url)

    head = client.head(url)

    assert head.status_code == 200, url
    assert head["ETag"] == got["ETag"] and head["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("url", ROUTES)
def test_every_route_answers_a_cors_preflight(client, content, url):
    response = client.options(
        url, headers={"Origin": "https://dinsos.example.go.id", "Access-Control-Request-Method": "GET"}
    )

    assert response.status_code == 204, url
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "If-None-Match" in response["Access-Control-Allow-Headers"]


@pytest.mark.parametrize("url", ROUTES)
def test_a_write_from_another_site_gets_the_json_405_not_a_csrf_page(content, url):
    browser = Client(enforce_csrf_checks=True)

    response = browser.post(url, headers={"Origin": "https://dinsos.example.go.id"})

    assert response.status_code == 405, url
    assert response.json() == {"error": "Hanya GET yang didukung."}
    assert response["Allow"] == "GET, HEAD" and response["Access-Control-Allow-Origin"] == "*"


def _database_down(*args, **kwargs):
    raise OperationalError("server closed the connection unexpectedly")


@pytest.mark.parametrize("url", ROUTES[:-1])
def test_database_down_gives_a_json_503_that_no_cache_keeps(client, content, monkeypatch, url):
    with monkeypatch.context() as patch:
        patch.setattr(CursorWrapper, "execute", _database_down)
        response = client.get(url, headers={"Origin": "https://dinsos.example.go.id"})

    assert response.status_code == 503, url
    assert response["Content-Type"] == "application/json"
    assert "error" in response.json()
    assert response["Retry-After"] == "30" and response["Cache-Control"] == "no-store"
    assert response["Access-Control-Allow-Origin"] == "*"
