"""POST /api/v1/cek-bantuan/: the pre-check as JSON, refused clearly when the body is wrong."""

import json

import pytest
from django.urls import reverse

BODY = {
    "household": {"ibu_hamil": 1, "anak_sd": 2},
    "terdaftar_dtsen": "ya",
    "desil": 3,
    "rumah_tidak_layak_huni": False,
}


def post(client, body, **extra):
    return client.post(reverse("api_precheck"), json.dumps(body), content_type="application/json", **extra)


def test_answer_has_programs_amounts_next_steps_and_the_disclaimer(client, demo_rules, no_rate_limit):
    response = post(client, BODY)

    data = response.json()
    pkh = next(program for program in data["programs"] if program["slug"] == "pkh")
    assert response.status_code == 200
    assert pkh["verdict"] == "kemungkinan-besar"
    assert (pkh["amount_per_year"], pkh["amount_per_period"], pkh["period"]) == (4_800_000, 1_200_000, "stage")
    assert pkh["next_steps"][0] == {
        "text": "Cek status penerima di Cek Bansos Kemensos.",
        "url": "https://cekbansos.kemensos.go.id/",
    }
    assert pkh["next_steps"][-1]["url"] == "http://testserver/program/pkh/"
    assert data["disclaimer"] == "Ini perkiraan, bukan keputusan. Penetapan penerima berdasarkan DTSEN."


def test_answer_is_never_stored_sets_no_cookie_and_allows_any_origin(client, demo_rules, no_rate_limit):
    response = post(client, BODY)

    assert response["Cache-Control"] == "no-store"
    assert not response.cookies
    assert response["Access-Control-Allow-Origin"] == "*"


def test_preflight_allows_a_json_post_from_any_origin(client):
    response = client.options(reverse("api_precheck"))

    assert response.status_code == 204
    assert "POST" in response["Access-Control-Allow-Methods"]
    assert "Content-Type" in response["Access-Control-Allow-Headers"]


def test_get_is_answered_with_json_405(client):
    response = client.get(reverse("api_precheck"))

    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert "error" in response.json()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({**BODY, "nama": "Siti"}, "nama"),
        ({**BODY, "household": {"anak_sd": -1}}, "anak_sd"),
        ({**BODY, "household": {"lansia": 21}}, "lansia"),
        ({**BODY, "household": {"kakek": 1}}, "kakek"),
        ({**BODY, "desil": 11}, "desil"),
        ({**BODY, "terdaftar_dtsen": "mungkin"}, "terdaftar_dtsen"),
        ({**BODY, "catatan": "3201234567890123"}, "catatan"),
        ({**BODY, "terdaftar_dtsen": "0812-3456-7890"}, "terdaftar_dtsen"),
        ({**BODY, "household": {"anak_sd": 3201234567890123}}, "household.anak_sd"),
    ],
)
def test_bad_body_gets_a_json_400_naming_the_field(client, demo_rules, no_rate_limit, body, field):
    response = post(client, body)

    assert response.status_code == 400
    assert field in response.json()["error"]


def test_personal_number_is_refused_as_such(client, demo_rules, no_rate_limit):
    response = post(client, {**BODY, "nik": "3201 2345 6789 0123"})

    assert "NIK" in response.json()["error"]


def test_body_that_is_not_json_gets_a_400(client, demo_rules, no_rate_limit):
    response = client.post(reverse("api_precheck"), "{household", content_type="application/json")

    assert response.status_code == 400


def test_rate_limit_answers_429_in_json(client, demo_rules, monkeypatch):
    monkeypatch.setattr("bansos_portal.precheck.views.REQUESTS_PER_MINUTE", 1)

    statuses = [post(client, BODY).status_code for _ in range(2)]

    assert statuses == [200, 429]


def test_openapi_document_describes_the_post(client):
    document = client.get(reverse("api_openapi")).json()

    operation = document["paths"]["/cek-bantuan/"]["post"]
    assert operation["operationId"] == "precheck"
    assert "requestBody" in operation
    assert "PrecheckAnswer" in json.dumps(operation["responses"]["200"])
