import csv
import io

import pytest
from openapi_schema_validator import OAS31Validator
from openapi_spec_validator import validate as validate_spec


def assert_matches_document(client, data):
    document = client.get("/api/v1/openapi.json").json()
    validate_spec(document)
    ref = document["paths"]["/dinas-sosial/"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    schema = {**ref, "components": document["components"]}
    OAS31Validator(schema, format_checker=OAS31Validator.FORMAT_CHECKER).validate(data)


def test_api_lists_offices_with_the_source_and_date_of_every_detail(make_office, client):
    make_office("35.73")

    response = client.get("/api/v1/dinas-sosial/", {"provinsi": "jawa-timur", "q": "kota malang"})

    data = response.json()
    assert response.status_code == 200
    assert_matches_document(client, data)
    office = data["results"][0]
    assert office["region"]["code"] == "35.73" and office["phones"] == ["(0341) 123-456"]
    assert {source["detail"] for source in office["sources"]} == {"address", "phones"}
    assert all(source["verified_on"] for source in office["sources"])


def test_api_narrows_by_province_code_and_leaves_out_unsourced_details(make_office, client):
    make_office("32.73", verified=("address",), website="https://tidak-bersumber.example/")

    data = client.get("/api/v1/dinas-sosial/", {"provinsi": "32"}).json()

    assert [office["region"]["code"] for office in data["results"]] == ["32.73"]
    assert data["results"][0]["website"] == "" and data["results"][0]["phones"] == []


@pytest.mark.parametrize("query", [{"provinsi": "atlantis"}, {"provinsi": "jawa timur\x00"}, {"q": "x" * 300}])
def test_api_refuses_bad_parameters_with_a_json_400(regions, client, query):
    response = client.get("/api/v1/dinas-sosial/", query)

    assert response.status_code == 400 and "error" in response.json()


def test_open_data_offers_offices_as_csv_and_json(make_office, client):
    make_office("35.73")

    rows = list(csv.DictReader(io.StringIO(client.get("/data-terbuka/dinas-sosial.csv").content.decode("utf-8-sig"))))
    data = client.get("/data-terbuka/dinas-sosial.json").json()

    malang = next(row for row in rows if row["kode_wilayah"] == "35.73")
    assert malang["alamat"] == "Jl. Contoh No. 1, Kota Malang"
    assert "https://example.go.id/kontak" in malang["sumber_dan_tanggal_verifikasi"]
    assert any(row["kode_wilayah"] == "35.73" for row in data["data"])
    assert b"/data-terbuka/dinas-sosial.csv" in client.get("/data-terbuka/").content
