"""axe-core finds no WCAG 2.1 A/AA violation on any public page, in any state a citizen meets,
at phone and at desktop width. Each visit also leaves a screenshot in test-output/screenshots/."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.screenshots import save_screenshot
from tests.public_pages import PUBLIC_PAGES

# The demo site is loaded once per module; each test only reads it (pytest-django sets up the test
# database only for a session in which some test is marked).
pytestmark = pytest.mark.django_db

AXE_RULES = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
VIEWPORTS = {"ponsel": PHONE, "desktop": DESKTOP}
axe = Axe()


@pytest.fixture(params=VIEWPORTS)
def viewport(request):
    return request.param


@pytest.fixture
def page(browser, viewport):
    context = browser.new_context(viewport=VIEWPORTS[viewport], locale="id-ID", is_mobile=viewport == "ponsel")
    yield context.new_page()
    context.close()


def violations(page):
    results = axe.run(page, options=AXE_RULES)
    return results.generate_report() if results.violations_count else ""


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_has_no_accessibility_violations(demo_site, page, viewport, name):
    response = page.goto(demo_site + PUBLIC_PAGES[name])
    assert response.status == (404 if name == "tidak-ditemukan" else 200)
    save_screenshot(page, f"{name}-{viewport}")
    assert violations(page) == ""


def test_search_results_updated_while_typing_have_no_violations(demo_site, page, viewport):
    page.goto(demo_site + "/cari/")
    page.get_by_label("Cari informasi bansos").fill("kartu kks hilang")
    expect(page.get_by_role("status")).to_contain_text("hasil untuk kartu kks hilang")
    expect(page).to_have_url(demo_site + "/cari/?q=kartu%20kks%20hilang")
    save_screenshot(page, f"cari-saat-mengetik-{viewport}")
    assert violations(page) == ""


def test_title_suggestions_while_typing_have_no_violations(demo_site, page, viewport):
    page.goto(demo_site + "/")
    page.get_by_label("Cari informasi bansos").fill("pkh")
    suggestions = page.locator("#search-suggestions")
    expect(suggestions.get_by_role("link").first).to_be_visible()
    # Screen readers hear how many titles were suggested; the cursor stays in the box.
    expect(suggestions).to_have_attribute("aria-live", "polite")
    expect(suggestions).to_contain_text(re.compile(r"\d+ saran judul untuk pkh"))
    expect(page.get_by_label("Cari informasi bansos")).to_be_focused()
    assert violations(page) == ""
