"""How content reads on a phone: nested lists stay nested, tables carry their column names into every
cell (the phone layout stacks rows as "label value"), money is written one way, and each section has one
quiet link of its own."""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from bansos_portal.content_file.load import DEMO_CONTENT
from bansos_portal.rich_text import render_markdown
from tests.public_pages import PUBLIC_PAGES


def tight(html):
    """The HTML without the line breaks and spaces around tags, so structure reads on one line."""
    return re.sub(r"\s*(<[^>]+>)\s*", r"\1", html)


class Tables(HTMLParser):
    """Each table's column headings and, per body row, each cell's tag and attributes."""

    def __init__(self, html):
        super().__init__()
        self.tables, self._heading, self._in = [], None, None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append({"headings": [], "rows": []})
        elif tag in ("thead", "tbody"):
            self._in = tag
        elif tag == "tr" and self._in == "tbody":
            self.tables[-1]["rows"].append([])
        elif tag == "th" and self._in == "thead":
            self._heading = []
        elif tag in ("th", "td") and self._in == "tbody":
            self.tables[-1]["rows"][-1].append((tag, dict(attrs)))

    def handle_data(self, data):
        if self._heading is not None:
            self._heading.append(data)

    def handle_endtag(self, tag):
        if tag == "th" and self._heading is not None:
            self.tables[-1]["headings"].append(" ".join("".join(self._heading).split()))
            self._heading = None


def assert_every_cell_names_its_column(html):
    tables = Tables(html).tables
    assert tables
    for table in tables:
        assert table["rows"]
        for row in table["rows"]:
            assert len(row) == len(table["headings"])
            for (tag, attrs), heading in zip(row, table["headings"], strict=True):
                if tag == "td":
                    assert attrs.get("data-label") == heading


# --- Nested lists ---------------------------------------------------------------------------------


@pytest.mark.parametrize("indent", [2, 4])
def test_sub_items_nest_whether_indented_two_or_four_spaces(indent):
    pad = " " * indent

    html = tight(render_markdown(f"- Komponen:\n{pad}- Kesehatan\n{pad}- Pendidikan\n- Komitmen"))

    assert html == "<ul><li>Komponen:<ul><li>Kesehatan</li><li>Pendidikan</li></ul></li><li>Komitmen</li></ul>"


@pytest.mark.parametrize("indent", [2, 4])
def test_numbered_steps_nest_inside_a_bulleted_item(indent):
    pad = " " * indent

    html = tight(render_markdown(f"- Lewat desa:\n{pad}1. Bawa KTP\n{pad}2. Ikut musdes\n- Lewat aplikasi"))

    assert html == "<ul><li>Lewat desa:<ol><li>Bawa KTP</li><li>Ikut musdes</li></ol></li><li>Lewat aplikasi</li></ul>"


@pytest.mark.parametrize("indent", [2, 3, 4])
def test_bullets_nest_inside_a_numbered_step_and_the_numbering_goes_on(indent):
    pad = " " * indent

    html = tight(render_markdown(f"1. Siapkan:\n{pad}- KTP\n{pad}- Kartu Keluarga\n2. Datang ke desa"))

    assert html == "<ol><li>Siapkan:<ul><li>KTP</li><li>Kartu Keluarga</li></ul></li><li>Datang ke desa</li></ol>"


def test_three_levels_nest_with_two_space_steps():
    html = tight(render_markdown("1. Syarat\n  - Keluarga\n    - Ibu hamil\n  - Data\n2. Cara"))

    assert html == (
        "<ol><li>Syarat<ul><li>Keluarga<ul><li>Ibu hamil</li></ul></li><li>Data</li></ul></li><li>Cara</li></ol>"
    )


@pytest.mark.parametrize("marker", ["-", "1."])
def test_an_indented_paragraph_after_a_blank_line_stays_in_its_item(marker):
    html = tight(render_markdown(f"{marker} Datang ke desa.\n\n  Bawa KTP asli.\n{marker} Tunggu musdes."))

    assert "<li><p>Datang ke desa.</p><p>Bawa KTP asli.</p></li><li><p>Tunggu musdes.</p></li>" in html
    assert html.count("<li>") == 2


def test_an_indented_block_outside_a_list_is_still_code():
    html = render_markdown("Ketik kode ini:\n\n    *123#\n\nlalu tekan panggil.")

    assert "<pre><code>*123#\n</code></pre>" in html


def test_a_list_right_after_an_introducing_line_is_a_list():
    html = tight(render_markdown("Lima klaster:\n- **Anak**\n- **Lanjut usia**"))

    assert html == "<p>Lima klaster:</p><ul><li><strong>Anak</strong></li><li><strong>Lanjut usia</strong></li></ul>"


def test_windows_line_endings_from_the_admin_textarea_nest_the_same():
    html = tight(render_markdown("1. Siapkan:\r\n  - KTP\r\n2. Datang"))

    assert html == "<ol><li>Siapkan:<ul><li>KTP</li></ul></li><li>Datang</li></ol>"


def demo_text(kind, slug, field):
    content = json.loads(DEMO_CONTENT.read_text(encoding="utf-8"))
    (item,) = [item for item in content[kind] if item["slug"] == slug]
    return item[field]


@pytest.mark.parametrize(
    ("kind", "slug", "field", "nested"),
    [
        ("programs", "pkh", "eligibility", "<li>Ibu hamil rutin memeriksakan kehamilan.</li>"),
        ("programs", "pip", "benefits", "<li>SD/Paket A:"),
        ("faq", "apa-saja-yang-boleh-dibeli-dengan-saldo-bpnt", "answer", "<li>sumber karbohidrat, seperti beras;"),
    ],
)
def test_demo_sub_items_render_inside_their_parent_item(db, kind, slug, field, nested):
    # db: the demo text cites figures, which rendering reads (here none exist: each shows as a marker).
    html = tight(render_markdown(demo_text(kind, slug, field)))

    # The sub-list opens inside its parent's <li>, not as a sibling of it.
    assert re.search(rf"<li>[^<]*(<strong>[^<]*</strong>[^<]*)*<ul>{re.escape(nested)}", html)


def test_saving_a_program_stores_its_sub_items_nested(make_program):
    program = make_program(eligibility="- Keluarga wajib:\n  - Ibu hamil periksa kehamilan.\n- Terdaftar di DTKS.")

    assert "<li>Keluarga wajib:<ul><li>Ibu hamil periksa kehamilan.</li></ul></li>" in tight(program.eligibility_html)


# --- Tables ---------------------------------------------------------------------------------------


def test_a_markdown_table_gives_each_cell_its_column_heading():
    table = "| Komponen | **Besaran** per tahun |\n|---|--:|\n| Ibu hamil | Rp3.000.000 |\n| SD | Rp900.000 |"

    html = render_markdown(table)

    assert_every_cell_names_its_column(html)
    assert '<td data-label="Besaran per tahun">Rp900.000</td>' in html
    assert '<th scope="col">Komponen</th>' in html


def test_a_heading_cannot_add_attributes_to_the_cells_below_it():
    html = render_markdown('| Nama" onmouseover="alert(1) | <b>x</b> |\n|---|---|\n| a | b |')

    (table,) = Tables(html).tables
    (row,) = table["rows"]
    assert row[0] == ("td", {"data-label": 'Nama" onmouseover="alert(1)'})  # one attribute, the text intact
    assert row[1] == ("td", {"data-label": "x"})


def test_budget_table_names_every_column_in_every_cell(client, make_program, make_budget):
    program = make_program(slug="pkh", acronym="PKH")
    make_budget(program=program, year=2021, allocation=28_700_000_000_000, realisation=28_310_000_000_000)

    for url in (program.get_absolute_url(), reverse("programs:budgets")):
        html = client.get(url).text

        assert_every_cell_names_its_column(html)
        assert 'data-label="Realisasi">Rp28,31 triliun</td>' in html
        assert 'data-label="Sumber">' in html


def test_benefit_table_names_every_column_in_every_cell(client, make_program, make_component):
    program = make_program(slug="pkh")
    make_component(program, name="Ibu hamil", amount=3_000_000)

    html = client.get(program.get_absolute_url()).text

    assert_every_cell_names_its_column(html)
    assert 'data-label="Besaran">Rp3.000.000</td>' in html


# --- Money ----------------------------------------------------------------------------------------

SPACED_RUPIAH = re.compile(r"Rp\s+\d")


def test_money_is_written_one_way_on_every_page_that_shows_it(client, make_program, make_component, make_budget):
    program = make_program(slug="pkh", acronym="PKH", benefits="Ibu hamil menerima Rp3.000.000 per tahun.")
    make_component(program, amount=3_000_000)
    make_budget(program=program, allocation=28_700_000_000_000)
    make_budget(allocation=58_900_000_000_000)

    pages = {
        "program": program.get_absolute_url(),
        "anggaran": reverse("programs:budgets"),
        "beranda": reverse("home"),
        "sematkan": reverse("links:embed_program", args=["pkh"]),
        "leaflet": reverse("links:leaflet", args=["pkh"]),
    }
    for name, url in pages.items():
        text = client.get(url).text

        assert not SPACED_RUPIAH.search(text), name
        assert re.search(r"Rp(3\.000\.000|58,9 triliun|28,7 triliun)", text), name


# --- One quiet link per section -------------------------------------------------------------------


SITE = "http://testserver"


def link_after_heading(html, level):
    """The href and the words a screen reader says of the link that directly follows a heading."""
    link = re.search(rf'</h{level}>\s*<a class="heading-link" href="([^"]+)" data-copy>(.*?)</a>', html, re.S)
    assert '<svg class="heading-link-icon" aria-hidden="true"' in link.group(2)  # the icon says nothing itself
    return link.group(1), re.sub(r"<[^>]+>", "", link.group(2))


def test_each_program_section_has_one_link_right_after_its_heading(client, make_program, make_component, make_budget):
    program = make_program(slug="pkh", eligibility="Keluarga miskin.", registration="1. Datang ke desa.")
    make_component(program)
    make_budget(program=program)

    html = client.get("/program/pkh/").text

    for anchor, heading in (("syarat", "Siapa yang berhak"), ("besaran", "Besaran bantuan"), ("anggaran", "Anggaran")):
        section = re.search(rf'<section id="{anchor}".*?</section>', html, re.S).group(0)
        assert section.count("data-copy") == 1
        assert link_after_heading(section, 2) == (
            f"{SITE}/program/pkh/#{anchor}",
            f"Salin tautan ke bagian {heading}",
        )
        assert "Salin" not in re.search(r"<h2.*?</h2>", section, re.S).group(0)  # the heading's name stays clean


def test_question_and_clarification_have_one_link_by_their_heading(client, make_question, make_clarification):
    question = client.get(make_question(slug="cara-cek").get_absolute_url()).text
    clarification = client.get(make_clarification(slug="link-palsu").get_absolute_url()).text

    assert link_after_heading(question, 1) == (f"{SITE}/tanya-jawab/cara-cek/#jawaban", "Salin tautan ke jawaban ini")
    assert link_after_heading(clarification, 2) == (
        f"{SITE}/cek-fakta/link-palsu/#penjelasan",
        "Salin tautan ke penjelasan ini",
    )
    assert question.count("#jawaban") == 1 and clarification.count("#penjelasan") == 1


TEMPLATE_DIRS = [Path(settings.BASE_DIR, "templates"), *Path(settings.BASE_DIR, "bansos_portal").glob("*/templates")]


def test_no_template_comment_runs_past_its_line():
    """Django's {# … #} ends on its own line: one that goes on is printed, words and all, on the page."""
    unclosed = [
        f"{path.relative_to(settings.BASE_DIR)}:{number}"
        for folder in TEMPLATE_DIRS
        for path in folder.rglob("*.html")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if line.count("{#") > line.count("#}")
    ]
    assert unclosed == []


def test_no_public_page_shows_template_syntax(client, demo_content):
    shown = {}
    for path in PUBLIC_PAGES.values():
        page = client.get(path).content.decode()
        if found := [marker for marker in ("{#", "#}", "{%", "%}") if marker in page]:
            shown[path] = found
    assert shown == {}
