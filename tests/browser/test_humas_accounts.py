"""Staff accounts as an Administrator meets them: a new member with a role in one form signs in at
once; a member who mistypes is warned before the last try, then locked out on a page in the admin's
look with a way back, until an Administrator presses «Buka kunci»."""

import re

import pytest
from django.contrib.auth.models import Group, Permission, User
from playwright.sync_api import expect

from bansos_portal.editorial.roles import ensure_roles
from tests.browser.closing import close_when_idle

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "kata-sandi-yang-panjang"
NEW_PASSWORD = "kata-sandi-humas-yang-panjang-2026"
LAPTOP = {"width": 1366, "height": 768}


@pytest.fixture
def new_browser(browser, live_server):
    """A factory of fresh browser windows on a laptop, closed after the test."""
    contexts = []

    def open_window():
        context = browser.new_context(viewport=LAPTOP, locale="id-ID", base_url=live_server.url)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.goto("/admin/login/")
        return page

    yield open_window
    for context in contexts:
        close_when_idle(context)


def sign_in(page, username, password):
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()


@pytest.fixture
def andi(new_browser):
    """An Administrator signed in."""
    user = User.objects.create_user("andi", password=PASSWORD, is_staff=True, first_name="Andi")
    user.groups.add(ensure_roles(Group, Permission)["Administrator"])
    page = new_browser()
    sign_in(page, "andi", PASSWORD)
    expect(page.get_by_role("heading", name="Kelola isi portal")).to_be_visible()
    return page


def test_an_administrator_adds_a_writer_in_one_form_and_she_signs_in(andi, new_browser):
    andi.goto("/admin/auth/user/add/")
    andi.get_by_label("Nama depan").fill("Sari")
    andi.get_by_label("Nama belakang").fill("Lestari")
    andi.get_by_label("Alamat email").fill("sari@example.go.id")
    andi.get_by_label("Nama pengguna").fill("sari")
    andi.get_by_label("Penulis", exact=True).check()
    andi.get_by_label(re.compile("^Sandi:?$")).fill(NEW_PASSWORD)
    andi.get_by_label(re.compile("^Konfirmasi sandi:?$")).fill(NEW_PASSWORD)
    andi.get_by_role("button", name="Simpan", exact=True).click()
    expect(andi.locator(".messagelist")).to_contain_text("berhasil")

    sari = new_browser()
    sign_in(sari, "sari", NEW_PASSWORD)

    expect(sari.get_by_role("heading", name="Kelola isi portal")).to_be_visible()
    expect(sari.get_by_role("link", name="Program", exact=True).first).to_be_visible()


def test_a_member_is_warned_then_locked_out_until_an_administrator_unlocks_her(andi, new_browser, settings):
    member = User.objects.create_user("sari", password=NEW_PASSWORD, is_staff=True, first_name="Sari")
    member.groups.add(ensure_roles(Group, Permission)["Penulis"])
    sari = new_browser()
    admin_header = sari.locator("#header").evaluate("e => getComputedStyle(e).backgroundColor")

    for _ in range(settings.AXES_FAILURE_LIMIT - 2):
        sign_in(sari, "sari", "salah-ketik")
        expect(sari.locator(".errornote, .errorlist").first).to_be_visible()
        expect(sari.get_by_text("percobaan lagi")).to_have_count(0)
    sign_in(sari, "sari", "salah-ketik")
    expect(sari.get_by_text("1 percobaan lagi sebelum akun dikunci 30 menit")).to_be_visible()
    sign_in(sari, "sari", "salah-ketik")

    expect(sari.get_by_role("heading", name="Akun dikunci sementara")).to_be_visible()
    expect(sari.get_by_text("Coba lagi dalam 30 menit")).to_be_visible()
    assert sari.evaluate("document.documentElement.lang") == "id"
    assert sari.locator("#header").evaluate("e => getComputedStyle(e).backgroundColor") == admin_header
    sari.get_by_role("link", name="Kembali ke halaman masuk").click()
    sign_in(sari, "sari", NEW_PASSWORD)  # the right password does not open a locked account
    expect(sari.get_by_role("heading", name="Akun dikunci sementara")).to_be_visible()

    andi.goto(f"/admin/auth/user/{member.pk}/change/")
    expect(andi.get_by_text("Akun ini sedang terkunci")).to_be_visible()
    andi.get_by_role("button", name="Buka kunci").click()
    expect(andi.locator(".messagelist")).to_contain_text("Kunci akun «sari» dibuka")
    expect(andi.get_by_role("button", name="Buka kunci")).to_have_count(0)

    sari.goto("/admin/login/")
    sign_in(sari, "sari", NEW_PASSWORD)
    expect(sari.get_by_role("heading", name="Kelola isi portal")).to_be_visible()
