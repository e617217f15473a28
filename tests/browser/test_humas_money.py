"""Humas type money the Indonesian way in the admin, and the amount they meant is what goes live."""

import re

import pytest
from django.contrib.auth.models import Group, Permission, User
from playwright.sync_api import expect

from bansos_portal.editorial.roles import ensure_roles
from bansos_portal.formatting import rupiah
from bansos_portal.publishing import Status
from tests.browser.closing import close_when_idle
from tests.site.test_formatting_rupiah import ACCEPTED, REFUSED

from .conftest import DESKTOP

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "kata-sandi-yang-panjang"


@pytest.fixture
def wulan(browser, live_server):
    """A Penulis signed in to the admin, with console errors collected."""
    user = User.objects.create_user("wulan", password=PASSWORD, is_staff=True, first_name="Wulan")
    user.groups.add(ensure_roles(Group, Permission)["Penulis"])
    context = browser.new_context(viewport=DESKTOP, locale="id-ID", base_url=live_server.url)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    page.goto("/admin/login/")
    page.get_by_label("Nama pengguna").fill("wulan")
    page.get_by_label("Sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("heading", name="Kelola isi portal")).to_be_visible()
    yield page
    close_when_idle(context)


@pytest.fixture
def draft_with_component(make_program, make_component):
    program = make_program(name="Program Keluarga Harapan", acronym="PKH", slug="pkh", status=Status.DRAFT)
    return program, make_component(program, name="Ibu hamil", amount=2_400_000, year=2025)


def type_amount(page, text):
    box = page.locator("input[name='components-0-amount']")
    box.fill("")
    box.press_sequentially(text)
    return box


def test_humas_type_three_million_with_dots_and_three_million_goes_in_the_preview(wulan, draft_with_component):
    program, component = draft_with_component
    wulan.goto(f"/admin/programs/program/{program.pk}/change/")
    preview = wulan.locator(".rupiah-preview").first
    expect(wulan.locator("input[name='components-0-amount']")).to_have_value("2.400.000")

    type_amount(wulan, "3.000000")
    expect(preview).to_contain_text("Setiap titik harus diikuti tepat tiga angka")
    wulan.get_by_role("button", name="Simpan", exact=True).click()
    expect(wulan.locator(".errorlist")).to_contain_text("setiap titik harus diikuti tepat tiga angka")
    component.refresh_from_db()
    assert component.amount == 2_400_000  # never Rp 3

    type_amount(wulan, "3.000.000")
    expect(preview).to_have_text(f"= {rupiah(3_000_000)}")
    wulan.get_by_role("button", name="Simpan dan terus mengedit").click()

    expect(wulan.locator(".messagelist")).to_contain_text("berhasil")
    component.refresh_from_db()
    assert component.amount == 3_000_000
    expect(wulan.locator("input[name='components-0-amount']")).to_have_value("3.000.000")
    wulan.get_by_role("link", name=re.compile(r"^Pratinjau")).click()
    expect(wulan.get_by_role("cell", name=rupiah(3_000_000))).to_be_visible()
    assert not [error for error in wulan.console_errors if re.search("Content Security Policy", error)]


def test_a_tiny_amount_is_saved_only_after_ticking_the_box_in_its_row(wulan, draft_with_component):
    program, component = draft_with_component
    wulan.goto(f"/admin/programs/program/{program.pk}/change/")

    type_amount(wulan, "3")
    expect(wulan.locator(".rupiah-preview").first).to_have_text(f"= {rupiah(3)} — kecil sekali, periksa lagi")
    wulan.get_by_role("button", name="Simpan dan terus mengedit").click()
    expect(wulan.locator(".errorlist")).to_contain_text("Centang «Saya yakin besarannya benar» lalu simpan lagi")
    wulan.get_by_label("Saya yakin besarannya benar").check()
    wulan.get_by_role("button", name="Simpan dan terus mengedit").click()

    expect(wulan.locator(".messagelist")).to_contain_text("berhasil")
    component.refresh_from_db()
    assert component.amount == 3


def test_the_preview_as_you_type_reads_every_form_as_the_server_does(wulan, draft_with_component):
    program, _ = draft_with_component
    wulan.goto(f"/admin/programs/program/{program.pk}/change/")
    texts = [text for text, _ in ACCEPTED + REFUSED if text.strip()]

    shown = wulan.evaluate(
        """texts => texts.map(text => {
            const box = document.querySelector("input[name='components-0-amount']");
            box.value = text;
            box.dispatchEvent(new Event("input", {bubbles: true}));
            const preview = box.parentNode.querySelector(".rupiah-preview");
            return preview.classList.contains("rupiah-preview--error") ? null : preview.textContent;
        })""",
        texts,
    )

    expected = {text: f"= {rupiah(amount)}" for text, amount in ACCEPTED}
    read = dict(zip(texts, shown, strict=True))
    assert {text: (value or "").split(" —")[0] or None for text, value in read.items()} == {
        text: expected.get(text) for text in texts
    }


def test_a_row_added_on_the_page_reads_its_amount_too(wulan, draft_with_component):
    program, _ = draft_with_component
    wulan.goto(f"/admin/programs/program/{program.pk}/change/")

    wulan.get_by_text("Tambahkan Komponen manfaat lagi").click()
    box = wulan.locator("input[name='components-1-amount']")
    box.press_sequentially("1,8 juta")

    expect(box.locator("xpath=..").locator(".rupiah-preview")).to_have_text(f"= {rupiah(1_800_000)}")
    assert box.get_attribute("aria-describedby") == "id_components-1-amount_read"
    assert not wulan.console_errors
