"""«Dinas Sosial terdekat» on a 360×740 phone, with JavaScript and without: a citizen types how people say
it ("dinsos kab bandung"), opens the office page and can call with one tap."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE
from tests.browser.test_accessibility import violations

pytestmark = pytest.mark.django_db


def assert_no_violations(page):
    # axe runs as a script in the page; without JavaScript the server sends the same HTML, checked with it on.
    if page.javascript:
        assert violations(page) == ""


BANDUNG = "Dinas Sosial Kabupaten Bandung"


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


def find(page, words):
    page.goto("/dinas-sosial/")
    page.get_by_label("Nama kabupaten, kota atau provinsi").fill(words)
    if not page.javascript:
        page.get_by_role("button", name="Cari").tap()
    return page.locator("#finder-results")


def test_citizen_finds_the_kabupaten_office_and_can_call(phone):
    results = find(phone, "dinsos kab bandung")

    first = results.get_by_role("link").first
    expect(first).to_have_text(BANDUNG)
    # Suggestions while typing keep an address that can be shared or reloaded.
    spaces = "%20" if phone.javascript else "+"  # htmx encodes a space as %20, a plain form as +
    expect(phone).to_have_url(f"/dinas-sosial/?q=dinsos{spaces}kab{spaces}bandung")
    if phone.javascript:
        expect(phone.get_by_label("Nama kabupaten, kota atau provinsi")).to_be_focused()
    assert_no_violations(phone)

    first.tap()

    expect(phone).to_have_url("/dinas-sosial/jawa-barat/kabupaten-bandung/")
    expect(phone.get_by_role("heading", level=1)).to_have_text(BANDUNG)
    # No verified details for this office yet: the page says so and offers the national line to call.
    expect(phone.locator("#kantor")).to_contain_text("Rincian kantor daerah ini belum terverifikasi.")
    expect(phone.locator("#kantor a[href='tel:171']")).to_have_text("171")
    assert_no_violations(phone)


def test_a_verified_office_has_its_own_number_to_tap(phone):
    find(phone, "dinsos jatim").get_by_role("link", name="Dinas Sosial Provinsi Jawa Timur").tap()

    expect(phone.get_by_role("heading", level=1)).to_have_text("Dinas Sosial Provinsi Jawa Timur")
    expect(phone.locator("#kantor a[href='tel:0318290794']")).to_have_text("(031) 8290794")
