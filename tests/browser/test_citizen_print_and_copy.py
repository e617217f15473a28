"""The links kit in a real browser: the leaflet prints on one A4 page, "salin tautan" copies the exact link."""

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from programs.models import BenefitComponent

pytestmark = pytest.mark.django_db(transaction=True)

LONG = "Keluarga miskin dan rentan yang terdaftar di DTSEN, dengan ibu hamil, anak usia dini atau lansia. " * 6
STEPS = "\n".join(f"{n}. Langkah pendaftaran nomor {n} di kantor desa atau kelurahan setempat." for n in range(1, 9))


def _pkh(make_program):
    program = make_program(
        slug="pkh",
        name="Program Keluarga Harapan",
        acronym="PKH",
        eligibility=LONG,
        registration=STEPS,
        complaints="Hubungi pendamping PKH, Dinas Sosial, atau Call Center 171. " * 3,
    )
    for number in range(8):
        BenefitComponent.objects.create(program=program, name=f"Komponen {number}", amount=2_400_000, year=2025)
    return program


def _pdf_pages(pdf):
    return len(PdfReader(io.BytesIO(pdf)).pages)


def test_leaflet_prints_on_one_a4_page_and_booklet_on_one_page_per_program(browser, live_server, make_program):
    _pkh(make_program)
    make_program(slug="bpnt", name="Bantuan Pangan Non Tunai", acronym="BPNT", eligibility=LONG)
    page = browser.new_page()
    page.goto(live_server.url + "/program/pkh/leaflet/")
    expect(page.get_by_role("img", name=re.compile("Kode QR"))).to_be_visible()
    assert _pdf_pages(page.pdf(format="A4", print_background=True, prefer_css_page_size=True)) == 1
    # However long the program's text, the QR code and the short link are printed, not cut off.
    page.emulate_media(media="print")
    leaflet = page.locator(".leaflet").bounding_box()
    footer = page.locator(".leaflet-footer").bounding_box()
    assert footer["height"] > 100 and footer["y"] + footer["height"] <= leaflet["y"] + leaflet["height"] + 1
    page.goto(live_server.url + "/program/buklet/")
    assert _pdf_pages(page.pdf(format="A4", print_background=True, prefer_css_page_size=True)) == 2
    page.wait_for_load_state("networkidle")
    page.close()


def test_salin_tautan_copies_the_exact_section_link(browser, live_server, make_program):
    _pkh(make_program)
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(live_server.url + "/program/pkh/")
    page.get_by_role("link", name="Salin tautan ke bagian Cara mendaftar").click()
    expect(page.get_by_role("status")).to_have_text("Tautan sudah disalin.")
    assert page.evaluate("navigator.clipboard.readText()") == live_server.url + "/program/pkh/#cara-daftar"
    assert page.url == live_server.url + "/program/pkh/"  # copied, not followed
    page.wait_for_load_state("networkidle")  # no request still in flight when the live server stops
    context.close()
