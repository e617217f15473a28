"""A citizen on a phone pastes the hoax message they received: the first heading they see, in the results
and on the clarification page, is the portal's correction; the hoax is only quoted."""

import re
from urllib.parse import quote

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import PHONE
from tests.browser.screenshots import save_screenshot

pytestmark = pytest.mark.django_db

MESSAGE = "Pendaftaran PKH tahap 3 dibuka hari ini, masukkan NIK kamu di pkh3.my.id sebelum kuota habis"
CORRECTION = "Kemensos tidak membuka pendaftaran PKH lewat tautan"
AXE_RULES = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture
def phone(browser, demo_site):
    context = browser.new_context(base_url=demo_site, viewport=PHONE, is_mobile=True, has_touch=True, locale="id-ID")
    yield context.new_page()
    context.close()


def violations(page):
    results = Axe().run(page, options=AXE_RULES)
    return results.generate_report() if results.violations_count else ""


def test_pasted_hoax_message_meets_the_correction_first(phone):
    phone.goto("/cari/?q=" + quote(MESSAGE))

    first_result = phone.locator(".result-title").first
    expect(first_result).to_have_text(re.compile(rf"^HOAKS \u2014 {CORRECTION}"))
    expect(first_result).not_to_contain_text("pkh3")
    save_screenshot(phone, "cek-fakta-hasil-cari-ponsel")
    assert violations(phone) == ""

    first_result.get_by_role("link").tap()

    expect(phone).to_have_url(re.compile(r"/cek-fakta/hoaks-pendaftaran-pkh-tahap-3-pkh3-my-id/$"))
    first_heading = phone.locator("main").get_by_role("heading").first
    expect(first_heading).to_have_text(re.compile(rf"^hoaks \u2014 {CORRECTION}", re.IGNORECASE))
    expect(first_heading).to_be_in_viewport()
    expect(phone.get_by_role("heading", name=re.compile("pkh3"))).to_have_count(0)
    expect(phone.locator("blockquote")).to_contain_text("Klik pkh3.my.id")
    expect(phone.get_by_text("(dikutip apa adanya, bukan pernyataan Kemensos)")).to_be_visible()
    save_screenshot(phone, "cek-fakta-halaman-ponsel")
    assert violations(phone) == ""
