"""Embed cards for other sites' iframes, the A4 leaflet with its QR code, the booklet, print styles."""

import base64
import io
import re

import zxingcpp
from django.contrib.staticfiles import finders
from PIL import Image

from bansos_portal.links.models import ShortLink
from bansos_portal.publishing import Status

STANDALONE_PAGES = (
    "/sematkan/program/pkh/",
    "/sematkan/tanya-jawab/cara-daftar/",
    "/program/pkh/leaflet/",
    "/program/buklet/",
)


def _content(make_program, make_question, make_component):
    program = make_program(
        slug="pkh",
        name="Program Keluarga Harapan",
        acronym="PKH",
        eligibility="Keluarga miskin yang terdaftar di DTSEN.",
        registration="1. Datang ke kantor desa.\n2. Minta didaftarkan.",
        complaints="Hubungi pendamping PKH.",
    )
    make_component(program, name="Ibu hamil", amount=3_000_000, year=2025)
    make_component(program, name="Ibu hamil", amount=2_750_000, year=2024)
    make_question(slug="cara-daftar", question="Bagaimana cara daftar?", answer="Datang ke **desa**.")
    return program


def test_embed_cards_may_be_framed_by_any_site(client, make_program, make_question, make_component):
    _content(make_program, make_question, make_component)
    for path in ("/sematkan/program/pkh/", "/sematkan/tanya-jawab/cara-daftar/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "X-Frame-Options" not in response.headers, path
        assert "frame-ancestors *" in response["Content-Security-Policy"], path
        assert "script-src 'self'" in response["Content-Security-Policy"], path


def test_every_other_page_still_refuses_framing(client, make_program, make_question, make_component):
    _content(make_program, make_question, make_component)
    for path in ("/", "/program/pkh/", "/tanya-jawab/cara-daftar/", "/program/pkh/leaflet/", "/data-terbuka/"):
        response = client.get(path)
        assert response["X-Frame-Options"] == "DENY", path
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"], path


def test_embed_card_shows_latest_amounts_and_links_out_to_the_portal(
    client, make_program, make_question, make_component
):
    _content(make_program, make_question, make_component)
    html = client.get("/sematkan/program/pkh/").text
    assert "Rp3.000.000" in html and "Rp2.750.000" not in html
    assert 'href="http://testserver/program/pkh/#cara-daftar" target="_blank"' in html
    answer = client.get("/sematkan/tanya-jawab/cara-daftar/").text
    assert "<strong>desa</strong>" in answer and 'href="http://testserver/tanya-jawab/cara-daftar/"' in answer


def test_standalone_pages_set_no_cookies_and_run_no_inline_code(client, make_program, make_question, make_component):
    _content(make_program, make_question, make_component)
    for path in STANDALONE_PAGES:
        response = client.get(path)
        html = response.text.lower()
        assert response.status_code == 200 and not response.cookies, path
        assert "<script" not in html and "<style" not in html and " style=" not in html, path
        assert '<html lang="id">' in html, path


def test_embeds_of_unpublished_items_are_not_served(client, make_program, make_question):
    make_program(slug="draf", status=Status.DRAFT)
    make_question(slug="lama", status=Status.ARCHIVED)
    assert client.get("/sematkan/program/draf/").status_code == 404
    assert client.get("/sematkan/tanya-jawab/lama/").status_code == 410


def _decode_qr(html):
    data_uri = re.search(r'<img class="leaflet-qr" src="data:image/png;base64,([^"]+)"', html).group(1)
    image = Image.open(io.BytesIO(base64.b64decode(data_uri)))
    return [result.text for result in zxingcpp.read_barcodes(image)]


def test_leaflet_has_key_facts_attribution_date_and_a_qr_of_the_short_link(
    client, make_program, make_question, make_component
):
    program = _content(make_program, make_question, make_component)
    ShortLink.objects.create(code="pkh", program=program)
    html = client.get("/program/pkh/leaflet/").text
    assert "Siapa yang berhak" in html and "Keluarga miskin yang terdaftar di DTSEN." in html
    assert "Rp3.000.000" in html and "Cara mendaftar" in html and "Datang ke kantor desa." in html
    assert "Hubungi pendamping PKH." in html and "Call Center Kemensos <strong>171</strong>" in html
    assert "Program pemerintah pusat · Kementerian Sosial · dibiayai APBN" in html
    assert f"per {program.updated_at:%d}" in html or "Dicetak dari informasi per" in html
    assert "http://testserver/s/pkh/" in html
    assert _decode_qr(html) == ["http://testserver/s/pkh/"]
    assert '<link rel="stylesheet" href="/static/css/leaflet.css">' in html


def test_leaflet_without_short_link_points_to_the_program_page(client, make_program, make_question, make_component):
    _content(make_program, make_question, make_component)
    assert _decode_qr(client.get("/program/pkh/leaflet/").text) == ["http://testserver/program/pkh/"]


def test_booklet_has_one_leaflet_per_published_program(client, make_program, make_question, make_component):
    _content(make_program, make_question, make_component)
    make_program(slug="bpnt", name="Bantuan Pangan Non Tunai")
    make_program(slug="rahasia", name="Program Draf", status=Status.DRAFT)
    html = client.get("/program/buklet/").text
    assert html.count('<article class="leaflet"') == 2
    assert "Bantuan Pangan Non Tunai" in html and "Program Draf" not in html


def _static_text(path):
    with open(finders.find(path), encoding="utf-8") as file:
        return file.read()


def test_leaflet_and_print_styles_fit_paper():
    css = _static_text("css/leaflet.css")
    assert "@page { size: A4;" in css and "break-after: page" in css
    site_css = _static_text("css/site.css")
    print_rules = " ".join(site_css.split("@media print")[1:])
    assert ".share-kit" in print_rules and "attr(href)" in print_rules
