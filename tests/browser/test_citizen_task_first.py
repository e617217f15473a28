"""A citizen on a cheap phone (360×740), with JavaScript on or off, gets the task first.

On every demo program page the five short answers and both actions (check your status on the official
site, call 171) are within the first one and a half screens, and «Cara mendaftar» starts within four.
The home page opens with the top tasks, then search, then program cards small enough for two a screen;
the header and the one-line scam warning leave the rest of the first screen to the page.
"""

import json
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE
from tests.public_pages import DEMO_FILE

pytestmark = pytest.mark.django_db

SCREEN = PHONE["height"]
SCREEN_WIDTH = PHONE["width"]
ANSWER_FIELDS = ["answer_eligibility", "answer_amount", "answer_registration", "answer_payment", "answer_complaints"]
QUESTIONS = ["Siapa yang berhak", "Berapa", "Cara mendaftar", "Kapan cair", "Ke mana mengadu"]
DEMO_PROGRAMS = {program["slug"]: program for program in json.loads(DEMO_FILE.read_text(encoding="utf-8"))["programs"]}


@pytest.fixture(params=["js", "tanpa-js"])
def phone(request, browser):
    context = browser.new_context(
        viewport=PHONE, is_mobile=True, has_touch=True, locale="id-ID", java_script_enabled=request.param == "js"
    )
    yield context.new_page()
    context.close()


def shown_as(text):
    """What a short answer reads as on the page: its words, each cited figure an amount with its year."""
    parts = re.split(r"\[\[angka:[a-z0-9-]+\]\]", text)
    return re.compile("^" + r"Rp[\d.]+(,\d+)? [^()]*\(\d{4}\)".join(map(re.escape, parts)) + "$")


def bottom(locator):
    box = locator.bounding_box()
    return box["y"] + box["height"]


def top(locator):
    return locator.bounding_box()["y"]


def no_sideways_scrolling(page):
    return page.evaluate("document.scrollingElement.scrollWidth") <= SCREEN_WIDTH


@pytest.mark.parametrize("slug", DEMO_PROGRAMS)
def test_program_page_gives_the_five_answers_and_both_actions_on_the_first_screen_and_a_half(demo_site, phone, slug):
    phone.goto(f"{demo_site}/program/{slug}/")

    answers = phone.locator(".answers")
    expect(answers.locator("dt")).to_have_text(QUESTIONS)
    expect(answers.locator("dd")).to_have_text([shown_as(DEMO_PROGRAMS[slug][f]) for f in ANSWER_FIELDS])
    check = phone.get_by_role("link", name="Cek status penerima", exact=True)
    call = phone.get_by_role("link", name="Telepon 171", exact=True)
    expect(check).to_have_attribute("href", DEMO_PROGRAMS[slug]["status_check_url"])
    expect(call).to_have_attribute("href", "tel:171")
    assert max(bottom(answers), bottom(check), bottom(call)) <= 1.5 * SCREEN
    assert top(phone.locator("#cara-daftar")) <= 4 * SCREEN
    assert no_sideways_scrolling(phone)


def test_each_answer_leads_to_the_section_that_tells_more(demo_site, phone):
    phone.goto(f"{demo_site}/program/pkh/")

    phone.locator(".answers").get_by_role("link", name="Cara mendaftar").tap()

    expect(phone).to_have_url(f"{demo_site}/program/pkh/#cara-daftar")
    expect(phone.locator("#cara-daftar > .section-heading h2")).to_be_in_viewport()
    # The shared steps show under the program's own text, each under its title.
    expect(phone.locator("#cara-daftar").get_by_role("heading", name="Lewat aplikasi Cek Bansos")).to_be_attached()


def test_the_history_opens_under_its_heading_with_a_tap(demo_site, phone):
    phone.goto(f"{demo_site}/program/pkh/")
    history = phone.locator("#tentang details")
    expect(history.locator(".prose")).to_be_hidden()

    history.locator("summary").tap()

    expect(history.locator(".prose")).to_be_visible()


def test_home_page_opens_with_the_top_tasks_then_search_then_two_program_cards_a_screen(demo_site, phone):
    phone.goto(demo_site + "/")

    tasks = phone.locator(".tasks a")
    expect(tasks).to_have_text(["Cek status bansos", "Cara mendaftar", "Cek kabar bohong", "Pengaduan 171"])
    assert bottom(phone.locator(".tasks")) <= SCREEN
    assert top(phone.get_by_role("searchbox").first) > bottom(phone.locator(".tasks"))
    expect(tasks.last).to_have_attribute("href", "tel:171")
    assert no_sideways_scrolling(phone)
    cards = phone.locator(".program-cards li")
    expect(cards).to_have_count(len(DEMO_PROGRAMS))
    assert max(card.bounding_box()["height"] for card in cards.all()) <= SCREEN / 2


@pytest.mark.parametrize("path", ["/", "/program/pkh/", "/cek-fakta/", "/cari/?q=pkh"])
def test_header_and_scam_warning_leave_the_first_screen_to_the_page(demo_site, phone, path):
    phone.goto(demo_site + path)

    warning = phone.locator(".scam-warning p")
    line = float(warning.evaluate("p => parseFloat(getComputedStyle(p).lineHeight)"))
    assert warning.bounding_box()["height"] < 2 * line  # one line
    advice = warning.get_by_role("link", name="Kenali penipuan")
    expect(advice).to_have_attribute("href", "/akun-resmi/#cara-mengenali")
    # The whole link shows: the line is not cut short in the middle of it.
    assert (
        advice.bounding_box()["x"] + advice.bounding_box()["width"]
        <= warning.bounding_box()["x"] + warning.bounding_box()["width"]
    )
    assert bottom(phone.locator(".scam-warning")) <= 0.26 * SCREEN  # it took about 40% before
    # The whole menu on one row, every item reachable without JavaScript.
    items = phone.get_by_role("navigation", name="Menu utama").get_by_role("link")
    expect(items).to_have_count(5)
    assert len({round(top(item)) for item in items.all()}) == 1
    for item in items.all():
        expect(item).to_be_in_viewport()


def test_a_term_is_explained_where_it_first_appears_and_a_tap_opens_it(demo_site, phone):
    phone.goto(f"{demo_site}/program/pkh/")

    marks = phone.locator("main a.istilah[href='/istilah/dtsen/']")
    expect(marks).to_have_count(1)  # the first occurrence only, however often the page says DTSEN
    expect(marks).to_have_attribute("title", re.compile(r"\w"))  # the short definition
    first_text = phone.locator("main .prose").get_by_text("DTSEN").first
    assert top(marks) <= top(first_text)

    marks.tap()

    expect(phone).to_have_url(f"{demo_site}/istilah/dtsen/")
    expect(phone.get_by_role("heading", level=1)).to_contain_text("DTSEN")


def test_nested_lists_stay_nested_and_tables_become_labelled_rows_on_a_phone(demo_site, phone):
    phone.goto(f"{demo_site}/program/pkh/")

    sub_item = phone.locator("#syarat .prose li li").first
    parent_item = phone.locator("#syarat .prose > ul > li").first
    expect(sub_item).to_be_visible()
    assert sub_item.bounding_box()["x"] > parent_item.bounding_box()["x"]  # indented under its item

    phone.locator("#anggaran summary").tap()
    table = phone.locator("#anggaran table")
    expect(table).to_be_visible()
    # No column is hidden off the side of the screen: each cell is a row with its column's name.
    assert table.evaluate("t => t.scrollWidth") <= PHONE["width"]
    realisation = table.locator("td[data-label='Realisasi']").first
    expect(realisation).to_be_visible()
    box = realisation.bounding_box()
    assert box["x"] + box["width"] <= PHONE["width"]
