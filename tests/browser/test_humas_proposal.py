"""A live page changes only through a reviewed proposal: a Penulis proposes, the public page stays as it
is, a Penyunting compares the proposal with the live page and publishes it."""

import pytest
from django.contrib.auth.models import Group, Permission, User
from playwright.sync_api import expect

from bansos_portal.editorial.roles import ensure_roles
from bansos_portal.publishing import Status
from programs.models import BenefitComponent

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "kata-sandi-yang-panjang"
LAPTOP = {"width": 1366, "height": 768}


@pytest.fixture
def editor_page(browser, live_server):
    """A factory of signed-in pages at laptop width, each in its own context, for one role."""
    contexts = []

    def open_as(username, role):
        user = User.objects.create_user(username, password=PASSWORD, is_staff=True, first_name=username.capitalize())
        user.groups.add(ensure_roles(Group, Permission)[role])
        context = browser.new_context(viewport=LAPTOP, locale="id-ID", base_url=live_server.url)
        contexts.append(context)
        page = context.new_page()
        page.goto("/admin/login/")
        page.get_by_label("Nama pengguna").fill(username)
        page.get_by_label("Sandi").fill(PASSWORD)
        page.get_by_role("button", name="Masuk").click()
        expect(page.get_by_role("heading", name="Kelola isi portal")).to_be_visible()
        return page

    yield open_as
    for context in contexts:
        context.close()


def test_a_writer_proposes_a_new_amount_and_an_editor_compares_and_publishes_it(
    editor_page, browser, live_server, make_program
):
    program = make_program(name="Program Keluarga Harapan", acronym="PKH", slug="pkh", status=Status.PUBLISHED)
    BenefitComponent.objects.create(program=program, name="Ibu hamil", amount=3_000_000, year=2025)

    def citizen_opens(path):
        # A new visitor each time: public pages may be kept by the browser for a while (Cache-Control).
        context = browser.new_context(viewport=LAPTOP, locale="id-ID", base_url=live_server.url)
        page = context.new_page()
        page.goto(path)
        return page

    wulan, yusuf = editor_page("wulan", "Penulis"), editor_page("yusuf", "Penyunting")

    wulan.goto(f"/admin/programs/program/{program.pk}/change/")
    wulan.get_by_role("button", name="Usulkan perubahan").click()
    expect(wulan.get_by_text("Ini usulan perubahan untuk «PKH» yang sedang terbit.")).to_be_visible()
    wulan.get_by_label("Ringkasan").fill("Bantuan tunai bersyarat; besaran ibu hamil naik pada 2025.")
    wulan.locator("#id_components-0-amount").fill("3.750.000")
    wulan.get_by_role("button", name="Simpan dan terus mengedit").click()
    expect(wulan.locator(".messagelist")).to_contain_text("berhasil")
    wulan.get_by_role("link", name="Alur terbit (Draf)").click()
    wulan.get_by_label("Komentar (tidak wajib)").fill("Besaran baru menurut Kepmensos 2025.")
    wulan.get_by_role("button", name="Ajukan untuk ditinjau").click()
    expect(wulan.locator(".messagelist")).to_contain_text("Diajukan untuk ditinjau")

    before = citizen_opens("/program/pkh/")
    expect(before.get_by_text("Rp3.000.000")).to_be_visible()
    expect(before.get_by_text("besaran ibu hamil naik")).to_have_count(0)
    before.context.close()

    yusuf.goto("/admin/")
    yusuf.get_by_role("link", name="Usulan perubahan: Program Keluarga Harapan (PKH)").click()
    diff = yusuf.locator("table.revision-diff")
    expect(diff).to_contain_text("Rp3.000.000")
    expect(diff).to_contain_text("Rp3.750.000")
    yusuf.get_by_label("Perubahan penting (tampil di situs)").fill("Besaran ibu hamil 2025 diperbarui.")
    yusuf.get_by_label("Saya sudah membaca peringatan di atas dan tetap ingin menerbitkan.").check()
    yusuf.get_by_role("button", name="Terbitkan usulan").click()
    expect(yusuf.locator(".messagelist")).to_contain_text("Usulan perubahan diterbitkan")

    after = citizen_opens("/program/pkh/")
    expect(after.get_by_text("Rp3.750.000")).to_be_visible()
    expect(after.get_by_text("Besaran ibu hamil 2025 diperbarui.")).to_be_visible()
    after.context.close()
