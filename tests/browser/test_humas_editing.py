"""Humas journeys that need a real browser: two editors at once, and previews."""

import re

import pytest
from django.contrib.auth.models import Group, Permission, User
from playwright.sync_api import expect

from bansos_portal.editorial.roles import ensure_roles
from bansos_portal.publishing import Status
from tests.browser.closing import close_when_idle

from .conftest import DESKTOP

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "kata-sandi-yang-panjang"


@pytest.fixture
def editor_page(browser, live_server):
    """A factory of browser pages, each in its own context (its own cookies), signed in with one role."""
    contexts = []

    def open_as(username, role):
        user = User.objects.create_user(username, password=PASSWORD, is_staff=True, first_name=username.capitalize())
        user.groups.add(ensure_roles(Group, Permission)[role])
        context = browser.new_context(viewport=DESKTOP, locale="id-ID")
        contexts.append(context)
        page = context.new_page()
        page.goto(live_server.url + "/admin/login/")
        page.get_by_label("Nama pengguna").fill(username)
        page.get_by_label("Sandi").fill(PASSWORD)
        page.get_by_role("button", name="Masuk").click()
        expect(page.get_by_role("heading", name="Kelola isi portal")).to_be_visible()
        return page

    yield open_as
    for context in contexts:
        close_when_idle(context)


def test_two_editors_edit_at_once_and_the_second_is_shown_what_changed(editor_page, live_server, make_program):
    program = make_program(name="Program Keluarga Harapan", acronym="PKH", slug="pkh", status=Status.DRAFT)
    change_url = f"{live_server.url}/admin/programs/program/{program.pk}/change/"
    wulan, yusuf = editor_page("wulan", "Penulis"), editor_page("yusuf", "Penyunting")
    wulan.goto(change_url)
    yusuf.goto(change_url)

    wulan.get_by_label("Ringkasan").fill("Bantuan tunai bersyarat untuk keluarga miskin.")
    wulan.get_by_role("button", name="Simpan", exact=True).click()
    expect(wulan.locator(".messagelist")).to_contain_text("berhasil")
    yusuf.get_by_label("Ringkasan").fill("Ringkasan versi Yusuf.")
    yusuf.get_by_role("button", name="Simpan", exact=True).click()

    errors = yusuf.locator(".errorlist.nonfield")
    expect(errors).to_contain_text("Wulan sudah mengubah item ini")
    expect(errors).to_contain_text("Bantuan tunai bersyarat untuk keluarga miskin.")
    expect(yusuf.get_by_label("Ringkasan")).to_have_value("Ringkasan versi Yusuf.")  # nothing lost
    program.refresh_from_db()
    assert program.summary == "Bantuan tunai bersyarat untuk keluarga miskin."


def test_staff_preview_and_a_shared_link_for_an_official_without_an_account(
    editor_page, browser, live_server, make_program
):
    program = make_program(name="Program Baru", slug="baru", status=Status.DRAFT, eligibility="Warga **lansia**.")
    wulan = editor_page("wulan", "Penulis")

    wulan.goto(f"{live_server.url}/admin/programs/program/{program.pk}/change/")
    wulan.get_by_role("link", name=re.compile(r"^Pratinjau")).click()
    expect(wulan.get_by_text("PRATINJAU — belum terbit")).to_be_visible()
    expect(wulan.get_by_role("heading", name="Program Baru", level=1)).to_be_visible()
    wulan.go_back()
    wulan.get_by_role("link", name="Tautan pratinjau").click()
    link = wulan.get_by_label("Tautan pratinjau").input_value()

    official = browser.new_context(viewport=DESKTOP, locale="id-ID")
    page = official.new_page()
    response = page.goto(link)
    expect(page.get_by_text("PRATINJAU — belum terbit")).to_be_visible()
    expect(page.locator("#syarat strong")).to_have_text("lansia")
    assert response.headers["x-robots-tag"] == "noindex, nofollow"
    assert official.cookies() == []
    assert page.goto(f"{live_server.url}/program/baru/").status == 404
    official.close()


def test_markdown_preview_updates_as_the_editor_types(editor_page, live_server, make_program):
    program = make_program(status=Status.DRAFT)
    wulan = editor_page("wulan", "Penulis")
    errors = []
    wulan.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)

    wulan.goto(f"{live_server.url}/admin/programs/program/{program.pk}/change/")
    wulan.get_by_label(re.compile(r"^Siapa yang berhak:?$")).fill("Keluarga di **DTKS**")

    expect(wulan.locator("#id_eligibility_preview strong")).to_have_text("DTKS")
    assert not [error for error in errors if re.search("Content Security Policy", error)]
