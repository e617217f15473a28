"""The citizen's page: answers in, results out, and nothing kept anywhere."""

from django.apps import apps
from django.core.cache import cache
from django.urls import reverse

from bansos_portal.precheck import views
from bansos_portal.precheck.forms import PERSONAL_REFUSAL

FAMILY = {
    "ibu_hamil": 1,
    "anak_sd": 1,
    "terdaftar_dtsen": "ya",
    "desil": "2",
    "rumah_tidak_layak_huni": "tidak",
}


def row_counts():
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def cache_keys():
    return set(cache._cache.keys())


def test_blank_form_asks_no_personal_identifier(client, demo_rules):
    response = client.get(reverse("precheck:form"))

    page = response.content.decode()
    assert response.status_code == 200
    for word in ('name="nik"', 'name="nama"', 'name="telepon"', "Nomor KK"):
        assert word not in page
    assert "Ini perkiraan, bukan keputusan. Penetapan penerima berdasarkan DTSEN." in page


def test_check_shows_verdicts_reasons_amounts_and_next_steps(client, demo_rules, no_rate_limit):
    page = client.post(reverse("precheck:form"), FAMILY).content.decode()

    assert 'PKH</a>: <span class="precheck-verdict">Kemungkinan besar sesuai' in page
    assert "Keluarga di desil 2, termasuk sasaran desil 1–4." in page
    assert "<strong>Rp3.900.000</strong> setahun, Rp975.000 per tahap" in page
    assert "https://cekbansos.kemensos.go.id/" in page


def test_htmx_request_gets_only_the_result(client, demo_rules, no_rate_limit):
    response = client.post(reverse("precheck:form"), FAMILY, headers={"HX-Request": "true"})

    assert b"<html" not in response.content
    assert b'id="precheck-result"' in response.content
    assert "HX-Request" in response["Vary"]


def test_check_writes_no_row_stores_nothing_in_the_cache_but_its_counter_and_sets_no_cookie(
    client, demo_rules, no_rate_limit
):
    rows, keys = row_counts(), cache_keys()

    response = client.post(reverse("precheck:form"), FAMILY)
    printed = client.post(reverse("precheck:print"), FAMILY)

    assert row_counts() == rows
    new_keys = cache_keys() - keys
    assert len(new_keys) == 1 and "precheck-rate" in next(iter(new_keys))
    assert cache.get(next(iter(new_keys)).split(":", 2)[-1]) == 2  # only the count of checks
    for answer in (response, printed):
        assert not answer.cookies
        assert "no-store" in answer["Cache-Control"]


def test_check_without_csrf_cookie_is_answered(demo_rules, no_rate_limit):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(reverse("precheck:form"), FAMILY)

    assert response.status_code == 200


def test_extra_field_that_looks_like_a_personal_number_is_refused(client, demo_rules, no_rate_limit):
    for extra in ({"nik": "1"}, {"catatan": "3201 2345 6789 0123"}, {"no_hp": "0812-3456-7890"}):
        response = client.post(reverse("precheck:form"), {**FAMILY, **extra})

        page = response.content.decode()
        assert PERSONAL_REFUSAL in page
        assert "precheck-verdict" not in page


def test_printable_page_lists_answers_programs_and_documents(client, demo_rules, no_rate_limit):
    page = client.post(reverse("precheck:print"), FAMILY).content.decode()

    assert "bawa ke kantor desa/kelurahan" in page
    assert "Ibu hamil atau nifas" in page
    assert "Surat keterangan aktif sekolah" in page
    assert "Ini perkiraan, bukan keputusan." in page


def test_too_many_checks_from_one_client_are_refused(client, demo_rules, monkeypatch):
    monkeypatch.setattr(views, "REQUESTS_PER_MINUTE", 2)

    statuses = [client.post(reverse("precheck:form"), FAMILY).status_code for _ in range(3)]

    assert statuses == [200, 200, 429]


def test_bad_counts_get_a_clear_message_not_an_error(client, demo_rules, no_rate_limit):
    response = client.post(reverse("precheck:form"), {**FAMILY, "anak_sd": "21"})

    assert response.status_code == 200
    assert "Paling banyak 20." in response.content.decode()
