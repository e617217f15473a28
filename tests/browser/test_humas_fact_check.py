"""A Penyunting answers a hoax with «Klarifikasi cepat»: from opening the form to the WhatsApp text, the
short link and the leaflet on screen takes a handful of clicks (target: at most 8 after writing)."""

import re

import pytest
from django.contrib.auth.models import Group, Permission, User
from playwright.sync_api import expect

from bansos_portal.editorial.roles import ensure_roles
from tests.browser.closing import close_when_idle

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "kata-sandi-yang-panjang"
CLICK_BUDGET = 8


def test_an_editor_publishes_a_clarification_and_sees_everything_to_share_within_8_clicks(browser, live_server):
    user = User.objects.create_user("yusuf", password=PASSWORD, is_staff=True, first_name="Yusuf")
    user.groups.add(ensure_roles(Group, Permission)["Penyunting"])
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="id-ID", base_url=live_server.url)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto("/admin/login/")
    page.get_by_label("Nama pengguna").fill("yusuf")
    page.get_by_label("Sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    clicks = []

    def click(locator):
        clicks.append(locator)
        locator.click()

    click(page.get_by_role("link", name=re.compile("^Klarifikasi cepat")))
    # Writing: typing is not counted; choosing the verdict is a click.
    page.get_by_label("Klaim yang beredar").fill("Daftar bansos Rp 3,5 juta lewat tautan ini, isi NIK dan PIN.")
    click(page.get_by_label("Penilaian"))
    page.get_by_label("Penilaian").select_option(label="Hoaks")
    page.get_by_label("Koreksi (judul)").fill("Kemensos tidak pernah membagikan tautan pendaftaran lewat WhatsApp")
    page.get_by_label("Penjelasan").fill("Pendaftaran hanya lewat desa atau kelurahan dan aplikasi Cek Bansos.")
    page.locator("#id_sumber-0-title").fill("Siaran pers Kemensos")
    page.locator("#id_sumber-0-url").fill("https://kemensos.go.id/siaran-pers")
    click(page.get_by_role("button", name="Terbitkan sekarang"))

    message = page.locator("#pesan-whatsapp")
    expect(message).to_be_visible()
    expect(message).to_have_value(re.compile(r"/s/kemensos[\w-]*/\nPengaduan resmi: Call Center 171 · lapor.go.id$"))
    expect(page.locator('a[href*="/s/kemensos"]').first).to_be_visible()
    leaflet = page.get_by_role("link", name=re.compile("Leaflet A4"))
    expect(leaflet).to_be_visible()
    print(f"\nKlarifikasi cepat: {len(clicks)} klik dari membuka formulir sampai pesan, tautan pendek dan leaflet")
    assert len(clicks) <= CLICK_BUDGET

    leaflet.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("HOAKS: Kemensos tidak pernah membagikan")
    expect(page.get_by_role("img", name=re.compile("Kode QR"))).to_be_visible()
    close_when_idle(context)
