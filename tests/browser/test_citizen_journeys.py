"""Citizen journeys on the demo content: at phone and desktop width, by tap, click and keyboard alone,
with JavaScript on and off."""

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.journeys import Citizen

pytestmark = pytest.mark.django_db

WAYS = {
    "ponsel": {"viewport": PHONE, "how": "tap", "javascript": True},
    "desktop": {"viewport": DESKTOP, "how": "click", "javascript": True},
    "keyboard": {"viewport": DESKTOP, "how": "keyboard", "javascript": True},
    "ponsel-tanpa-js": {"viewport": PHONE, "how": "tap", "javascript": False},
    "desktop-tanpa-js": {"viewport": DESKTOP, "how": "click", "javascript": False},
    "keyboard-tanpa-js": {"viewport": DESKTOP, "how": "keyboard", "javascript": False},
}


@pytest.fixture(params=WAYS)
def citizen(request, browser, demo_site):
    way = WAYS[request.param]
    phone = way["viewport"] == PHONE
    context = browser.new_context(
        base_url=demo_site,
        viewport=way["viewport"],
        is_mobile=phone,
        has_touch=phone,
        java_script_enabled=way["javascript"],
        locale="id-ID",
    )
    page = context.new_page()
    page.goto("/")
    yield Citizen(page, way["how"], way["javascript"])
    context.close()


def test_find_who_can_get_pkh_and_how_much(citizen):
    page = citizen.page
    if citizen.how == "keyboard":
        citizen.skip_to_content()
    citizen.follow(page.get_by_role("link", name="Program Keluarga Harapan (PKH)", exact=True))

    expect(page.get_by_role("heading", level=1)).to_contain_text("Program Keluarga Harapan")
    # The short answers at the top lead to their sections.
    citizen.follow(page.locator(".answers").get_by_role("link", name="Siapa yang berhak"))
    expect(page).to_have_url(f"{page.url.split('#')[0]}#syarat")
    expect(page.get_by_role("heading", name="Siapa yang berhak")).to_be_in_viewport()
    amounts = page.get_by_role("table", name="Besaran PKH tahun 2025")
    ibu_hamil = re.compile(r"^Ibu hamil.nifas Per orang per tahun (Besaran )?Rp3\.000\.000")  # a phone labels each cell
    expect(amounts.get_by_role("row", name=ibu_hamil)).to_be_visible()


def test_search_with_a_typo_reaches_the_right_answer(citizen):
    page = citizen.page
    citizen.follow(page.get_by_role("navigation", name="Menu utama").get_by_role("link", name="Cari"))
    citizen.search("kartu kks hilng")
    answer = page.get_by_role("link", name="Kartu KKS saya hilang atau rusak. Apa yang harus saya lakukan?")
    if citizen.javascript:
        # Search as you type: results arrive without submitting, are announced, and the cursor stays put.
        expect(answer).to_be_visible()
        expect(page.get_by_role("status")).to_have_text(re.compile(r"^\d+ hasil untuk kartu kks hilng$"))
        announced = page.get_by_role("status").text_content().split()[0]
        expect(page.locator(".result-count")).to_contain_text(f"{announced} hasil untuk")
        expect(page.get_by_role("searchbox")).to_be_focused()
    else:
        citizen.submit_search()
    citizen.follow(answer)

    expect(page).to_have_url("/tanya-jawab/kartu-kks-hilang-atau-rusak/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Kartu KKS saya hilang atau rusak. Apa yang harus saya lakukan?"
    )


def test_open_a_hoax_clarification(citizen):
    page = citizen.page
    citizen.follow(page.get_by_role("navigation", name="Menu utama").get_by_role("link", name="Cek fakta"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Cek fakta")
    # The list leads with the portal's correction, never with the hoax's own words.
    citizen.follow(page.get_by_role("link", name=re.compile("Kemensos tidak menyalurkan bansos lewat Telegram")))

    expect(page).to_have_url("/cek-fakta/hoaks-kemensos-salurkan-bansos-rp2-juta-lewat-telegram/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kemensos tidak menyalurkan bansos lewat Telegram")
    expect(page.get_by_text("Hoaks", exact=True).first).to_be_visible()
    expect(page.locator("blockquote")).to_contain_text("Telegram")  # the claim, only as a quotation


def test_print_the_pkh_leaflet(citizen):
    page = citizen.page
    if citizen.how == "keyboard":
        citizen.skip_to_content()
    citizen.follow(page.get_by_role("link", name="Program Keluarga Harapan (PKH)", exact=True))
    citizen.follow(page.get_by_role("link", name="Leaflet A4 siap cetak (dengan kode QR)"))

    expect(page).to_have_url("/program/pkh/leaflet/")
    expect(page.get_by_role("img", name=re.compile("Kode QR"))).to_be_visible()
    page.emulate_media(media="print")
    expect(page.get_by_text(re.compile("171|lapor.go.id")).first).to_be_visible()  # where to complain
    expect(page.get_by_role("navigation", name="Menu utama")).to_have_count(0)
    # What the browser's "Simpan sebagai PDF" makes of it: one A4 sheet.
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True, prefer_css_page_size=True)))
    assert len(pdf.pages) == 1
    assert "Program Keluarga Harapan" in pdf.pages[0].extract_text()
