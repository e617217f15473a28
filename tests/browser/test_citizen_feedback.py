"""«Apakah halaman ini membantu?» on a 360×740 phone, with JavaScript and without: a citizen answers
«Tidak», says what was missing and is thanked."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE
from tests.browser.test_accessibility import violations

pytestmark = pytest.mark.django_db


def assert_no_violations(page):
    # axe runs as a script in the page; without JavaScript the server sends the same HTML, checked with it on.
    if page.javascript:
        assert violations(page) == ""


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


def test_citizen_says_the_page_did_not_help_and_what_was_missing(phone):
    phone.goto("/program/pkh/")
    box = phone.locator("#umpan-balik")
    expect(box.get_by_role("heading")).to_have_text("Apakah halaman ini membantu?")

    box.get_by_role("button", name="Tidak").tap()

    expect(box.get_by_role("heading")).to_have_text("Terima kasih. Apa yang kurang?")
    assert_no_violations(phone)
    box.get_by_label("Keterangan").fill("Jadwal pencairan tahap 3 belum ada.")
    box.get_by_role("button", name="Kirim").tap()

    expect(box.get_by_role("heading")).to_have_text("Terima kasih atas masukan Anda")
    # With JavaScript the box changed in place; without it the same page came back at the box.
    expect(phone).to_have_url("/program/pkh/" if phone.javascript else "/program/pkh/?terima-kasih=1#umpan-balik")
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Program Keluarga Harapan")
    assert_no_violations(phone)
