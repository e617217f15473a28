"""The read-only content API: shapes checked against the OpenAPI document it publishes."""

import pytest
from django.utils.http import http_date
from openapi_schema_validator import OAS31Validator
from openapi_spec_validator import validate as validate_spec

from bansos_portal.publishing import Status
from faq.models import Category, Question
from programs.models import Program, ProgramSource
from tests.conftest import (
    load_once,
    new_budget,
    new_category,
    new_clarification,
    new_component,
    new_program,
    new_question,
)


def _content():
    category = new_category()
    pkh = new_program(slug="pkh", name="Program Keluarga Harapan", acronym="PKH", eligibility="Keluarga miskin.")
    bpnt = new_program(slug="bpnt", name="Bantuan Pangan Non Tunai", acronym="BPNT")
    draft = new_program(slug="rahasia", status=Status.DRAFT)
    ProgramSource.objects.create(program=pkh, title="Kemensos", url="https://kemensos.go.id/pkh")
    new_component(pkh, amount=3_000_000)
    new_budget(program=pkh, year=2024, allocation=28_700_000_000_000, realisation=28_000_000_000_000)
    new_budget(program=draft, year=2024)
    new_budget(year=2019)
    other = Category.objects.create(name="Penyaluran", slug="penyaluran")
    question = new_question(slug="cara-daftar-pkh", category=category)
    question.programs.add(pkh, draft)
    new_question(slug="kapan-cair", category=other).programs.add(bpnt)
    new_question(slug="draf", status=Status.DRAFT, category=category)
    new_clarification(slug="hoaks-pkh", correction="Kemensos tidak membuka pendaftaran lewat tautan.").programs.add(pkh)
    new_clarification(slug="hoaks-draf", status=Status.DRAFT)


_api_content = load_once(_content, "_api_content")


@pytest.fixture
def content(db, _api_content):
    """Published and draft items of every kind, made once for the tests that ask for them."""
    return {"pkh": Program.objects.get(slug="pkh")}


def assert_matches(document, schema_name, data):
    schema = {"$ref": f"#/components/schemas/{schema_name}", "components": document["components"]}
    OAS31Validator(schema, format_checker=OAS31Validator.FORMAT_CHECKER).validate(data)


def operation_schema(document, path, status="200"):
    response = document["paths"][path]["get"]["responses"][status]
    return response["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]


def test_openapi_document_is_a_valid_openapi_31_document(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200 and response["Access-Control-Allow-Origin"] == "*"
    document = response.json()
    validate_spec(document)
    assert document["openapi"] == "3.1.0"


ENDPOINTS = [
    ("/api/v1/programs/", "/programs/"),
    ("/api/v1/programs/pkh/", "/programs/{slug}/"),
    ("/api/v1/faq/categories/", "/faq/categories/"),
    ("/api/v1/faq/questions/", "/faq/questions/"),
    ("/api/v1/faq/questions/?category=pendaftaran&program=pkh", "/faq/questions/"),
    ("/api/v1/clarifications/", "/clarifications/"),
    ("/api/v1/budgets/?year=2024", "/budgets/"),
    ("/api/v1/search/?q=keluarga", "/search/"),
]


@pytest.mark.parametrize(("url", "path"), ENDPOINTS)
def test_every_answer_matches_the_openapi_document(client, content, url, path):
    document = client.get("/api/v1/openapi.json").json()
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Access-Control-Allow-Origin"] == "*"
    assert_matches(document, operation_schema(document, path), response.json())


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/programs/?page=abc",
        "/api/v1/programs/?limit=0",
        "/api/v1/programs/?limit=1000",
        "/api/v1/faq/questions/?category=tidak-ada",
        "/api/v1/faq/questions/?program=rahasia",
        "/api/v1/budgets/?year=dua-ribu",
    ],
)
def test_bad_parameters_get_a_json_400(client, content, url):
    document = client.get("/api/v1/openapi.json").json()
    response = client.get(url)
    assert response.status_code == 400 and response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert_matches(document, "Error", response.json())


def test_unknown_things_get_a_json_404_and_writes_a_405(client, content):
    for url in ("/api/v1/programs/rahasia/", "/api/v1/programs/tidak-ada/", "/api/v1/programs/?page=99", "/api/v1/x"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "error" in response.json(), url
    response = client.post("/api/v1/programs/")
    assert response.status_code == 405 and response.json()["error"] == "Hanya GET yang didukung."


def test_only_published_content_appears(client, content):
    programs = client.get("/api/v1/programs/").json()
    assert [program["slug"] for program in programs["results"]] == ["bpnt", "pkh"]
    questions = client.get("/api/v1/faq/questions/").json()["results"]
    assert {question["slug"] for question in questions} == {"cara-daftar-pkh", "kapan-cair"}
    assert next(q for q in questions if q["slug"] == "cara-daftar-pkh")["programs"] == ["pkh"]
    clarifications = client.get("/api/v1/clarifications/").json()["results"]
    assert [c["slug"] for c in clarifications] == ["hoaks-pkh"]
    assert clarifications[0]["correction"] == "Kemensos tidak membuka pendaftaran lewat tautan."
    budgets = client.get("/api/v1/budgets/").json()["results"]
    assert {budget["program"] for budget in budgets} == {"pkh", None}


def test_program_carries_components_budgets_and_absolute_links(client, content):
    program = client.get("/api/v1/programs/pkh/").json()
    assert program["components"][0]["amount"] == 3_000_000
    assert program["budgets"][0]["allocation"] == 28_700_000_000_000
    assert program["url"] == "http://testserver/program/pkh/"
    assert program["leaflet_url"] == "http://testserver/program/pkh/leaflet/"
    assert program["sections"][0]["url"] == "http://testserver/program/pkh/#syarat"
    assert program["sources"] == [{"title": "Kemensos", "url": "https://kemensos.go.id/pkh"}]


def test_filters_by_category_and_program(client, content):
    by_category = client.get("/api/v1/faq/questions/?category=penyaluran").json()["results"]
    assert [q["slug"] for q in by_category] == ["kapan-cair"]
    by_program = client.get("/api/v1/faq/questions/?program=pkh").json()["results"]
    assert [q["slug"] for q in by_program] == ["cara-daftar-pkh"]
    assert client.get("/api/v1/faq/categories/").json()["count"] == 2


def test_paging_links_are_absolute_and_keep_filters(client, content):
    first = client.get("/api/v1/programs/?limit=1").json()
    assert first["count"] == 2 and first["pages"] == 2 and first["previous"] is None
    assert first["next"] == "http://testserver/api/v1/programs/?limit=1&page=2"
    second = client.get(first["next"]).json()
    assert second["next"] is None and second["previous"].endswith("limit=1&page=1")
    assert first["results"][0]["slug"] != second["results"][0]["slug"]


def test_etag_gives_304_until_the_content_changes(client, content):
    first = client.get("/api/v1/programs/pkh/")
    etag = first["ETag"]
    again = client.get("/api/v1/programs/pkh/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and not again.content
    assert again["ETag"] == etag and again["Access-Control-Allow-Origin"] == "*"
    content["pkh"].budgets.update(allocation=1)  # a budget figure changes, the program row does not
    changed = client.get("/api/v1/programs/pkh/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_last_modified_tells_the_newest_edit_but_only_the_etag_earns_a_304(client, content):
    response = client.get("/api/v1/programs/pkh/")
    assert response["Last-Modified"] == http_date(content["pkh"].updated_at.timestamp())
    assert response["Cache-Control"] == "public, no-cache"
    # A budget row has no edit time of its own: a 304 on the date alone could hide this change.
    content["pkh"].budgets.update(allocation=2)
    fresh = client.get("/api/v1/programs/pkh/", HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert fresh.status_code == 200 and fresh.json()["budgets"][0]["allocation"] == 2
    both = client.get(
        "/api/v1/programs/pkh/", HTTP_IF_MODIFIED_SINCE=fresh["Last-Modified"], HTTP_IF_NONE_MATCH=fresh["ETag"]
    )
    assert both.status_code == 304
    listing = client.get("/api/v1/faq/questions/")
    newest = max(Question.objects.published().values_list("updated_at", flat=True))
    assert listing["Last-Modified"] == http_date(newest.timestamp())


def test_cors_preflight_allows_revalidation_from_other_sites(client, db):
    response = client.options(
        "/api/v1/programs/", HTTP_ORIGIN="https://dinsos.example.go.id", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "If-None-Match" in response["Access-Control-Allow-Headers"]
    assert "ETag" in client.get("/api/v1/programs/")["Access-Control-Expose-Headers"]


def test_api_sets_no_cookies(client, content):
    for url, _ in ENDPOINTS:
        assert not client.get(url).cookies, url


@pytest.mark.parametrize("value", ["\x00", "²", "9" * 30, "-1", "1.5", "%", "a b", "pkh\x00"])
@pytest.mark.parametrize("name", ["page", "limit", "year", "program", "category"])
def test_odd_parameters_are_refused_cleanly_never_a_500(client, content, name, value):
    url = "/api/v1/budgets/" if name == "year" else "/api/v1/faq/questions/"
    response = client.get(url, {name: value})
    assert response.status_code in (400, 404), (name, value)
    assert "error" in response.json()


def test_address_without_final_slash_redirects_to_the_endpoint(client, content):
    response = client.get("/api/v1/programs?limit=1")
    assert response.status_code == 301 and response["Location"] == "/api/v1/programs/?limit=1"
    assert client.get("/api/v1/tidak-ada").status_code == 404
