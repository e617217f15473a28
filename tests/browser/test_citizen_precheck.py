"""«Cek bantuan» on a 360×740 phone, with JavaScript and without: a pendamping fills the form for a family
and reads which programs may fit and how much; the printable sheet fits on one A4 page."""

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.conftest import PHONE
from tests.browser.test_accessibility import violations

pytestmark = pytest.mark.django_db


def assert_no_violations(page):
    # axe runs as a script in the page; without JavaScript the server sends the same HTML, checked with it on.
    if page.javascript:
        assert violations(page) == ""


PKH = re.compile(r"^PKH: ")


@pytest.fixture(params=[True, False], ids=["dengan-js", "tanpa-js"])
def phone(request, browser, demo_site):
    context = browser.new_context(
        base_url=demo_site,
        viewport=PHONE,
        is_mobile=True,
        has_touch=True,
        java_script_enabled=request.param,
        locale="id-ID",
    )
    page = context.new_page()
    page.javascript = request.param
    yield page
    context.close()


def fill_family(page, *, desil):
    """Ibu hamil + balita, terdaftar di DTSEN, at the given desil, as a pendamping taps it in."""
    page.get_by_label("Ibu hamil atau nifas").fill("1")
    page.get_by_label("Anak usia dini (0–6 tahun)").fill("1")
    page.get_by_role("group", name="Apakah keluarga terdaftar di DTSEN?").get_by_label("Ya").check()
    page.get_by_label("Desil kesejahteraan (bila tahu)").select_option(desil)


def see_results(page):
    """With JavaScript the result follows the answers; without it, the citizen asks for it."""
    if not page.javascript:
        page.get_by_role("button", name="Lihat hasil").tap()


def pkh_result(page):
    return page.locator("#precheck-result article").filter(has=page.get_by_role("heading", name=PKH))


def test_pendamping_sees_pkh_likely_with_its_amount(phone):
    phone.goto("/cek-bantuan/")
    if phone.javascript:
        phone.evaluate("window.stillTheSamePage = true")

    fill_family(phone, desil="2")
    see_results(phone)

    pkh = pkh_result(phone)
    expect(pkh.get_by_role("heading")).to_have_text("PKH: Kemungkinan besar sesuai")
    expect(pkh).to_contain_text("Rp6.000.000 setahun, Rp1.500.000 per tahap")
    expect(phone.locator("#precheck-result")).to_contain_text("Ini perkiraan, bukan keputusan.")
    if phone.javascript:
        # The result came in place: no page load, and the answers stay as typed.
        assert phone.evaluate("window.stillTheSamePage") is True
    expect(phone.get_by_label("Ibu hamil atau nifas")).to_have_value("1")
    assert_no_violations(phone)


def test_result_follows_a_changed_answer(phone):
    phone.goto("/cek-bantuan/")
    fill_family(phone, desil="2")
    see_results(phone)
    expect(pkh_result(phone).get_by_role("heading")).to_have_text("PKH: Kemungkinan besar sesuai")

    phone.get_by_label("Desil kesejahteraan (bila tahu)").select_option("7")
    see_results(phone)

    expect(pkh_result(phone).get_by_role("heading")).to_have_text("PKH: Belum sesuai")
    expect(pkh_result(phone)).to_contain_text("Keluarga di desil 7, di luar sasaran desil 1–4.")


def test_printable_sheet_fits_one_a4_page(phone):
    phone.goto("/cek-bantuan/")
    fill_family(phone, desil="2")

    with phone.expect_navigation():
        phone.get_by_role("button", name=re.compile("^Versi cetak")).tap()

    expect(phone.get_by_role("heading", level=1)).to_have_text("Cek bantuan: bawa ke kantor desa/kelurahan")
    expect(phone.get_by_role("main")).to_contain_text("PKH: Kemungkinan besar sesuai, perkiraan Rp6.000.000 setahun")
    assert_no_violations(phone)
    if phone.javascript:  # Playwright's PDF printing runs a script in the page, so it needs JavaScript on
        pdf = phone.pdf(format="A4", print_background=True, prefer_css_page_size=True)
        assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
