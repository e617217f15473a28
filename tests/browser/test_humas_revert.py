"""«Pulihkan» in «Riwayat» brings back a whole revision of a draft, the rows of its form included, after
a confirmation page that lists what will change."""

import re

import pytest
from django.contrib.auth.models import Group, Permission, User
from playwright.sync_api import expect

from bansos_portal.editorial.roles import ensure_roles
from bansos_portal.formatting import rupiah
from bansos_portal.publishing import Status
from tests.browser.closing import close_when_idle

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "kata-sandi-yang-panjang"
LAPTOP = {"width": 1366, "height": 768}


@pytest.fixture
def wulan(browser, live_server):
    """A Penulis signed in to the admin on a laptop."""
    user = User.objects.create_user("wulan", password=PASSWORD, is_staff=True, first_name="Wulan")
    user.groups.add(ensure_roles(Group, Permission)["Penulis"])
    context = browser.new_context(viewport=LAPTOP, locale="id-ID", base_url=live_server.url)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto("/admin/login/")
    page.get_by_label("Nama pengguna").fill("wulan")
    page.get_by_label("Sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("heading", name="Kelola isi portal")).to_be_visible()
    yield page
    close_when_idle(context)


def test_an_editor_restores_the_earlier_revision_and_the_old_amount_is_back_in_the_form(
    wulan, make_program, make_component
):
    program = make_program(name="Program Keluarga Harapan", acronym="PKH", slug="pkh", status=Status.DRAFT)
    make_component(program, name="Anak SD", amount=900_000)
    amount = wulan.locator("#id_components-0-amount")

    wulan.goto(f"/admin/programs/program/{program.pk}/change/")
    amount.fill("")
    amount.press_sequentially("1.200.000")
    wulan.get_by_role("button", name="Simpan dan terus mengedit").click()
    expect(wulan.locator(".messagelist")).to_contain_text("berhasil")
    expect(amount).to_have_value("1.200.000")

    wulan.get_by_role("link", name="Riwayat").click()
    wulan.get_by_role("link", name="Pulihkan…").first.click()
    changes = wulan.locator("table.revision-diff")
    row = changes.get_by_role("row", name=re.compile("^Komponen manfaat"))
    # Now (left) and after the restore (right); the amount may be written with or without its dots.
    expect(row.get_by_role("cell").nth(0)).to_contain_text(re.compile(r"Anak SD · (Rp)?1\.?200\.?000 "))
    expect(row.get_by_role("cell").nth(1)).to_contain_text(re.compile(r"Anak SD · (Rp)?900\.?000 "))
    wulan.get_by_role("button", name="Ya, pulihkan revisi ini").click()

    expect(wulan.locator(".messagelist")).to_contain_text("Statusnya tetap «Draf»")
    wulan.goto(f"/admin/programs/program/{program.pk}/change/")
    expect(amount).to_have_value("900.000")
    expect(amount.locator("xpath=..").locator(".rupiah-preview")).to_have_text(f"= {rupiah(900_000)}")
