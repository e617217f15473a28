import re

import pytest
from django.urls import reverse

from bansos_portal.directory.models import Region
from bansos_portal.publishing import Status

UNVERIFIED = "Rincian kantor daerah ini belum terverifikasi."


def no_inline_scripts(html):
    """No <script> without src, no on…= handler and no style attribute: the strict CSP must hold."""
    inline_script = re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    return not inline_script and not re.search(r"\s(on[a-z]+|style)=", html)


def test_finder_page_finds_a_typed_region_without_javascript(regions, client):
    response = client.get(reverse("directory:finder"), {"q": "dinas sosial kota malang"})

    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="/dinas-sosial/jawa-timur/kota-malang/"' in html
    assert 'hx-get="/dinas-sosial/"' in html and 'action="/dinas-sosial/"' in html
    assert no_inline_scripts(html)


def test_finder_htmx_request_gets_only_the_suggestions(regions, client):
    response = client.get(reverse("directory:finder"), {"q": "kota malng"}, headers={"HX-Request": "true"})

    assert b"<html" not in response.content
    assert b"Dinas Sosial Kota Malang" in response.content
    assert "HX-Request" in response["Vary"]


def test_finder_without_a_query_lists_all_38_provinces(regions, client):
    response = client.get(reverse("directory:finder"))

    assert response.content.decode().count('href="/dinas-sosial/') >= 38


def test_finder_refuses_an_overlong_query_with_a_message(regions, client):
    response = client.get(reverse("directory:finder"), {"q": "x" * 500})

    assert response.status_code == 200
    assert "paling banyak 100" in response.content.decode() or "maksimal" in response.content.decode().lower()


def test_verified_office_shows_its_details_tap_to_call_and_sources(make_office, client):
    make_office("35.73", phones="(0341) 123-456\n0812 3456 7890")

    html = client.get("/dinas-sosial/jawa-timur/kota-malang/").content.decode()

    assert 'href="tel:0341123456"' in html and 'href="tel:081234567890"' in html
    assert "Jl. Contoh No. 1, Kota Malang" in html
    assert "https://example.go.id/kontak" in html
    assert UNVERIFIED not in html
    assert no_inline_scripts(html)


def test_a_detail_without_a_source_is_not_shown(make_office, client):
    make_office("35.73", verified=("address",), whatsapp="0812-0000-0000", website="https://malangkota.go.id/")

    html = client.get("/dinas-sosial/jawa-timur/kota-malang/").content.decode()

    assert "Jl. Contoh" in html
    assert "0812-0000-0000" not in html and "malangkota.go.id" not in html and "tel:0341" not in html


def test_unverified_region_shows_the_province_office_and_call_center(regions, client):
    html = client.get("/dinas-sosial/jawa-timur/kabupaten-malang/").content.decode()

    assert UNVERIFIED in html
    # The province office shipped with verified details (data/offices.json).
    assert "Jl. Gayung Kebonsari No. 56b" in html
    assert 'href="tel:171"' in html


def test_a_draft_office_is_not_public(make_office, client):
    make_office("35.73", status=Status.DRAFT, address="Alamat draf rahasia")

    html = client.get("/dinas-sosial/jawa-timur/kota-malang/").content.decode()

    assert "Alamat draf rahasia" not in html and UNVERIFIED in html


def test_region_page_carries_the_regional_kit_and_program_roles(regions, make_program, client):
    program = make_program(name="Program Keluarga Harapan", acronym="PKH", slug="pkh")
    program.regional_role = "Dinas Sosial memverifikasi usulan warga."
    program.save()

    html = client.get("/dinas-sosial/jawa-timur/kota-malang/").content.decode()

    assert "Dinas Sosial memverifikasi usulan warga." in html
    assert 'href="/program/pkh/leaflet/"' in html
    assert "/sematkan/dinas-sosial/jawa-timur/kota-malang/" in html


@pytest.mark.parametrize(
    "path",
    ["/dinas-sosial/negeri-antah/", "/dinas-sosial/jawa-timur/kota-antah/", "/dinas-sosial/kota-malang/jawa-timur/"],
)
def test_unknown_addresses_answer_404(regions, client, path):
    assert client.get(path).status_code == 404


def test_embed_card_may_be_framed_by_any_site(make_office, client):
    make_office("35.73")

    response = client.get("/sematkan/dinas-sosial/jawa-timur/kota-malang/")

    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    assert "frame-ancestors *" in response["Content-Security-Policy"]
    assert no_inline_scripts(response.content.decode())


def test_region_page_may_not_be_framed(regions, client):
    response = client.get("/dinas-sosial/jawa-timur/")

    assert response["X-Frame-Options"] == "DENY"


def test_sitemap_lists_region_pages(regions, client):
    response = client.get("/sitemap.xml")

    assert b"/dinas-sosial/jawa-timur/kota-malang/</loc>" in response.content
    # Every active province, regency and city once, at the address its own page has; no archived one.
    listed = re.findall(r"<loc>https?://[^/]+(/dinas-sosial/[^<]+)</loc>", response.content.decode())
    assert sorted(listed) == sorted(region.get_absolute_url() for region in Region.objects.active())
    assert "/dinas-sosial/jawa-timur/" in listed


def test_program_complaints_and_regional_role_sections_link_to_the_office_finder(client, make_program):
    program = make_program(complaints="Hubungi Dinas Sosial setempat.", regional_role="Dinas Sosial mendata warga.")

    html = client.get(program.get_absolute_url()).content.decode()

    for anchor in ("pengaduan", "peran-daerah"):
        section = html.split(f'<section id="{anchor}"', 1)[1].split("</section>", 1)[0]
        assert '<a href="/dinas-sosial/">Cari alamat dan telepon Dinas Sosial' in section
