"""A live page changes only through a reviewed proposal: a Penulis proposes, the public page stays as it
is, a Penyunting compares the proposal with the live page and publishes it — on a laptop and on a phone."""

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.utils import timezone
from playwright.sync_api import expect

from bansos_portal.editorial.roles import ensure_roles
from bansos_portal.formatting import rupiah
from bansos_portal.publishing import Status
from programs.models import BenefitComponent
from tests.browser.closing import close_when_idle

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "kata-sandi-yang-panjang"
LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
SCREENS = {
    "laptop": {"viewport": LAPTOP},
    "phone": {"viewport": PHONE, "is_mobile": True, "has_touch": True},
}


def assert_no_sideways_scroll(page, where):
    """The page is no wider than the screen; a failure names the elements that stick out."""
    width = page.viewport_size["width"]
    scroll_width = page.evaluate("document.scrollingElement.scrollWidth")
    if scroll_width > width + 1:
        wide = page.evaluate(
            """width => [...document.querySelectorAll("body *")]
                .filter(e => e.getBoundingClientRect().right > width + 1)
                .slice(-8)
                .map(e => `${e.tagName.toLowerCase()}#${e.id}.${e.className} ${e.getBoundingClientRect().right}`)""",
            width,
        )
        pytest.fail(f"{where} is {scroll_width} px wide on a {width} px screen: {wide}")


@pytest.fixture(params=SCREENS, ids=SCREENS)
def screen(request):
    return SCREENS[request.param]


@pytest.fixture
def editor_page(browser, live_server, screen):
    """A factory of signed-in pages on the test's screen, each in its own context, for one role."""
    contexts = []

    def open_as(username, role):
        user = User.objects.create_user(username, password=PASSWORD, is_staff=True, first_name=username.capitalize())
        user.groups.add(ensure_roles(Group, Permission)[role])
        context = browser.new_context(**screen, locale="id-ID", base_url=live_server.url)
        context.set_default_timeout(10_000)
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
        close_when_idle(context)


def test_a_writer_proposes_a_new_amount_and_an_editor_compares_and_publishes_it(
    editor_page, browser, live_server, make_program, screen
):
    program = make_program(name="Program Keluarga Harapan", acronym="PKH", slug="pkh", status=Status.PUBLISHED)
    year = timezone.localdate().year
    BenefitComponent.objects.create(program=program, name="Anak SD", amount=900_000, year=year)
    old, new = rupiah(900_000), rupiah(3_000_000)

    def citizen_opens(path):
        # A new visitor each time: public pages may be kept by the browser for a while (Cache-Control).
        context = browser.new_context(**screen, locale="id-ID", base_url=live_server.url)
        page = context.new_page()
        page.goto(path)
        return page

    wulan, yusuf = editor_page("wulan", "Penulis"), editor_page("yusuf", "Penyunting")

    wulan.goto(f"/admin/programs/program/{program.pk}/change/")
    wulan.get_by_role("button", name="Usulkan perubahan").click()
    expect(wulan.get_by_text("Ini usulan perubahan untuk «PKH» yang sedang terbit.")).to_be_visible()
    wulan.get_by_label("Ringkasan").fill(f"Bantuan tunai bersyarat; besaran anak SD naik pada {year}.")
    expect(wulan.locator("#id_components-0-name")).to_have_value("Anak SD")
    amount = wulan.locator("#id_components-0-amount")
    amount.fill("")
    amount.press_sequentially("3.000.000")
    expect(amount.locator("xpath=..").locator(".rupiah-preview")).to_have_text(f"= {new}")
    assert_no_sideways_scroll(wulan, "the proposal's form with its benefit rows")
    wulan.get_by_role("button", name="Simpan dan terus mengedit").click()
    expect(wulan.locator(".messagelist")).to_contain_text("berhasil")
    wulan.get_by_role("link", name="Alur terbit (Draf)").click()
    wulan.get_by_label("Komentar (tidak wajib)").fill(f"Besaran baru menurut Kepmensos {year}.")
    assert_no_sideways_scroll(wulan, "the workflow page")
    wulan.get_by_role("button", name="Ajukan untuk ditinjau").click()
    expect(wulan.locator(".messagelist")).to_contain_text("Diajukan untuk ditinjau")

    before = citizen_opens("/program/pkh/")
    expect(before.get_by_text(old).first).to_be_visible()
    expect(before.get_by_text(new)).to_have_count(0)
    expect(before.get_by_text("besaran anak SD naik")).to_have_count(0)
    close_when_idle(before.context)

    yusuf.goto("/admin/")
    yusuf.get_by_role("link", name="Usulan perubahan: Program Keluarga Harapan (PKH)").click()
    diff = yusuf.locator("table.revision-diff")
    expect(diff).to_contain_text(old)
    expect(diff).to_contain_text(new)
    assert_no_sideways_scroll(yusuf, "the comparison")
    yusuf.get_by_label("Perubahan penting (tampil di situs)").fill(f"Besaran anak SD {year} diperbarui.")
    yusuf.get_by_label("Saya sudah membaca peringatan di atas dan tetap ingin menerbitkan.").check()
    yusuf.get_by_role("button", name="Terbitkan usulan").click()
    expect(yusuf.locator(".messagelist")).to_contain_text("Usulan perubahan diterbitkan")

    after = citizen_opens("/program/pkh/")
    expect(after.get_by_text(new).first).to_be_visible()
    expect(after.get_by_text(old)).to_have_count(0)
    expect(after.get_by_text(f"Besaran anak SD {year} diperbarui.")).to_be_visible()
    close_when_idle(after.context)

    yusuf.goto("/admin/editorial/transition/")
    statuses = yusuf.locator("td.field-status_change")
    expect(statuses.filter(has_text="Draf → Menunggu tinjauan").first).to_be_visible()
    assert not [text for text in statuses.all_inner_texts() if "review" in text or "draft" in text]
