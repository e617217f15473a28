import pytest
from django.urls import reverse

from bansos_portal.search import engine
from bansos_portal.search.models import BestBet

API = "/api/v1/search/"


@pytest.fixture
def content(make_program, make_question):
    pkh = make_program(name="Program Keluarga Harapan", acronym="PKH", slug="pkh", summary="Bantuan tunai bersyarat.")
    questions = [make_question(question=f"Bantuan PKH tahap {number}?") for number in range(1, 5)]
    questions[0].programs.add(pkh)
    return {"pkh": pkh, "questions": questions}


def test_api_returns_the_documented_shape_with_absolute_urls(client, content):
    response = client.get(API, {"q": "bantuan pkh"})

    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    data = response.json()
    assert set(data) == {"query", "total", "suggestion", "results"}
    assert data["query"] == "bantuan pkh" and data["total"] == 5 and data["suggestion"] is None
    first = data["results"][0]
    assert set(first) == {"type", "slug", "title", "url", "snippet"}
    assert all(result["url"].startswith("http://testserver/") for result in data["results"])
    assert "<mark>" not in first["snippet"] and "<" not in first["title"]


def test_api_order_matches_the_search_page(client, content):
    BestBet.objects.create(query="bantuan pkh", question=content["questions"][3])

    data = client.get(API, {"q": "bantuan pkh"}).json()
    results = engine.search("bantuan pkh")

    expected = [entry.url for entry in [*results.best_bets, *results.entries]]
    assert [result["url"].removeprefix("http://testserver") for result in data["results"]] == expected
    assert data["results"][0]["slug"] == content["questions"][3].slug


def test_api_filters_and_limit(client, content):
    programs = client.get(API, {"q": "bantuan", "type": "program"}).json()
    in_pkh = client.get(API, {"q": "bantuan", "program": "pkh"}).json()
    two = client.get(API, {"q": "bantuan", "limit": "2"}).json()

    assert [result["type"] for result in programs["results"]] == ["program"]
    assert {result["slug"] for result in in_pkh["results"]} == {"pkh", content["questions"][0].slug}
    assert len(two["results"]) == 2 and two["total"] == 5


def test_api_suggests_a_spelling(client, content):
    assert client.get(API, {"q": "bantun"}).json()["suggestion"] == "bantuan"


def test_api_allows_any_origin_for_get(client, content):
    response = client.get(API, {"q": "pkh"}, headers={"Origin": "https://dinsos.example.go.id"})

    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({}, "q"),
        ({"q": "   "}, "q"),
        ({"q": "pkh", "type": "berita"}, "type"),
        ({"q": "pkh", "limit": "0"}, "limit"),
        ({"q": "pkh", "limit": "abc"}, "limit"),
        ({"q": "pkh", "limit": "²"}, "limit"),
        ({"q": "pkh", "limit": "1000"}, "limit"),
        ({"q": "pkh", "program": "tidak-ada"}, "Program"),
        ({"q": "pkh", "program": "\x00"}, "Program"),
    ],
)
def test_bad_parameters_get_a_json_400(client, content, params, message):
    response = client.get(API, params)

    assert response.status_code == 400
    assert message in response.json()["error"]
    assert response["Access-Control-Allow-Origin"] == "*"


def test_only_get_is_allowed(client, db):
    response = client.post(API, {"q": "pkh"})

    assert response.status_code == 405 and "error" in response.json()


@pytest.mark.parametrize("query", ["pkh\x00", "'; DROP TABLE x; --", "😀", "a" * 10_000, "title_stems : x*"])
def test_hostile_queries_never_break_the_api(client, content, query):
    assert client.get(API, {"q": query}).status_code == 200


def test_api_is_named_in_the_url_conf():
    assert reverse("api_search") == API
