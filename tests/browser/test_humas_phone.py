"""Humas on a phone (390 px): the program form with its benefit rows fits the screen, and the buttons
that withdraw, archive, discard or delete look unlike publishing and saving and stand apart from them,
so that a hurried thumb does not press one for the other."""

import pytest
from django.contrib.auth.models import Group, Permission, User
from playwright.sync_api import expect

from bansos_portal.editorial.roles import ensure_roles
from bansos_portal.publishing import Status
from tests.browser.closing import close_when_idle

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "kata-sandi-yang-panjang"
PHONE = {"width": 390, "height": 844}
# About a fingertip (8 mm): a destructive button is at least this far from any button that saves or publishes.
APART = 32


@pytest.fixture
def yusuf(browser, live_server):
    """A Penyunting signed in on a phone."""
    user = User.objects.create_user("yusuf", password=PASSWORD, is_staff=True, first_name="Yusuf")
    user.groups.add(ensure_roles(Group, Permission)["Penyunting"])
    context = browser.new_context(
        viewport=PHONE, is_mobile=True, has_touch=True, locale="id-ID", base_url=live_server.url
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto("/admin/login/")
    page.get_by_label("Nama pengguna").fill("yusuf")
    page.get_by_label("Sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("heading", name="Kelola isi portal")).to_be_visible()
    yield page
    close_when_idle(context)


@pytest.fixture
def pkh(make_program, make_component, make_budget):
    """A program with benefit rows and a budget row, as Humas keep them."""

    def make(status):
        program = make_program(name="Program Keluarga Harapan", acronym="PKH", slug="pkh", status=status)
        make_component(program, name="Anak SD", amount=900_000)
        make_component(program, name="Ibu hamil dan anak usia dini", amount=3_000_000, note="Per tahun, 4 tahap")
        make_budget(program=program, year=2025, allocation=28_700_000_000_000, realisation=28_000_000_000_000)
        return program

    return make


def look(button):
    """What tells a button apart at a glance: its text colour, background and border."""
    return button.evaluate(
        "e => { const s = getComputedStyle(e);"
        " return [s.color, s.backgroundColor, s.borderTopColor, s.borderTopWidth]; }"
    )


def distance(one, other):
    """The empty space between two buttons, across or down the screen, in CSS pixels."""
    a, b = one.bounding_box(), other.bounding_box()
    return max(
        b["y"] - (a["y"] + a["height"]),
        a["y"] - (b["y"] + b["height"]),
        b["x"] - (a["x"] + a["width"]),
        a["x"] - (b["x"] + b["width"]),
    )


def assert_set_apart(danger, safe_buttons):
    safe = [safe_buttons.nth(index) for index in range(safe_buttons.count())]
    assert safe, "no save or publish button to compare with"
    for button in safe:
        assert look(danger) != look(button), (
            f"«{danger.inner_text()}» looks like «{button.input_value() or button.inner_text()}»"
        )
        assert distance(danger, button) >= APART, f"«{danger.inner_text()}» is too close to a save or publish button"


def assert_no_sideways_scroll(page):
    expect(page.locator("#content")).to_be_visible()
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"] + 1


def test_on_a_phone_the_program_form_fits_and_delete_stands_apart_from_save(yusuf, pkh):
    program = pkh(Status.DRAFT)

    yusuf.goto(f"/admin/programs/program/{program.pk}/change/")

    expect(yusuf.locator("#id_components-1-amount")).to_have_value("3.000.000")
    assert_no_sideways_scroll(yusuf)
    delete = yusuf.get_by_role("link", name="Hapus", exact=True)
    assert_set_apart(delete, yusuf.locator(".submit-row input[type=submit]"))


def test_on_a_phone_archive_and_withdraw_look_unlike_publish_and_stand_apart(yusuf, pkh):
    draft = pkh(Status.DRAFT)

    yusuf.goto(f"/admin/programs/program/{draft.pk}/change/")
    yusuf.get_by_role("link", name="Alur terbit (Draf)").click()
    publish = yusuf.get_by_role("button", name="Terbitkan atau jadwalkan")
    archive = yusuf.get_by_role("button", name="Arsipkan")
    expect(publish).to_be_visible()
    assert_no_sideways_scroll(yusuf)
    assert_set_apart(archive, yusuf.locator(".editorial-buttons button:not(.danger)"))
    publish_look, danger_look = look(publish), look(archive)

    draft.status = Status.PUBLISHED
    draft.save()
    yusuf.goto(f"/admin/programs/program/{draft.pk}/alur/")
    withdraw = yusuf.get_by_role("button", name="Tarik dari situs (jadikan draf)")
    expect(withdraw).to_be_visible()
    assert look(withdraw) == look(yusuf.get_by_role("button", name="Arsipkan")) == danger_look != publish_look
    assert_no_sideways_scroll(yusuf)


def test_on_a_phone_discarding_a_proposal_looks_unlike_publishing_it(yusuf, pkh):
    program = pkh(Status.PUBLISHED)
    yusuf.goto(f"/admin/programs/program/{program.pk}/change/")
    yusuf.get_by_role("button", name="Usulkan perubahan").click()
    expect(yusuf.get_by_text("Ini usulan perubahan untuk «PKH» yang sedang terbit.")).to_be_visible()

    yusuf.get_by_role("link", name="Alur terbit (Draf)").click()

    discard = yusuf.get_by_role("button", name="Buang usulan")
    expect(discard).to_be_visible()
    assert_set_apart(discard, yusuf.locator(".editorial-buttons button:not(.danger)"))
    assert_no_sideways_scroll(yusuf)
