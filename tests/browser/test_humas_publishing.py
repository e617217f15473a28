"""Humas staff write an FAQ entry in the admin, publish it, and citizens find it on the site."""

import re

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from faq.models import Category
from tests.browser.closing import close_when_idle

pytestmark = pytest.mark.django_db(transaction=True)

QUESTION = "Apakah bantuan PKH bisa dicairkan di kantor pos terdekat?"


def test_humas_writes_publishes_and_citizens_find_it(browser, live_server):
    User.objects.create_superuser("humas", "humas@example.org", "kata-sandi-uji-123")
    Category.objects.create(name="Pencairan", slug="pencairan")
    context = browser.new_context(base_url=live_server.url, locale="id-ID")
    context.set_default_timeout(10_000)
    page = context.new_page()

    page.goto("/admin/")
    page.get_by_label("Nama pengguna").fill("humas")
    page.get_by_label("Sandi").fill("kata-sandi-uji-123")
    page.get_by_role("button", name="Masuk").click()

    page.get_by_role("link", name="Tambah", description="Tanya jawab", exact=True).click()
    page.get_by_label(re.compile(r"^Pertanyaan:?$")).fill(QUESTION)
    page.get_by_label(re.compile(r"^Kategori:?$")).select_option(label="Pencairan")
    page.get_by_label(re.compile(r"^Jawaban:?$")).fill("Bisa, bila jadwal penyaluran lewat **PT Pos** sudah diumumkan.")
    page.get_by_role("button", name="Simpan", exact=True).click()
    entry = page.get_by_role("row").filter(has=page.get_by_role("link", name=QUESTION))
    expect(entry).to_contain_text("Draf")

    # Saved as a draft: not public yet.
    public = context.new_page()
    public.goto("/cari/?q=kantor+pos+terdekat")
    expect(public.get_by_role("link", name=QUESTION)).to_have_count(0)

    entry.get_by_role("checkbox").check()
    page.get_by_role("combobox", name="Aksi").select_option(label="Terbitkan yang dipilih")
    page.get_by_role("button", name="Buka").click()
    expect(page.get_by_text("1 item sudah terbit.")).to_be_visible()

    public.goto("/cari/?q=kantor+pos+terdekat")
    public.get_by_role("link", name=QUESTION).click()
    expect(public.get_by_role("heading", level=1)).to_have_text(QUESTION)
    expect(public.get_by_text("Bisa, bila jadwal penyaluran lewat PT Pos sudah diumumkan.")).to_be_visible()
    close_when_idle(context)
