"""The budget chart a citizen reads: one bar a year, of the best-known figure, named with its kind.

Every bar is checked against the table under it, the way a reader would cross-check the page."""

import html
import re

import pytest
from django.urls import reverse

BAR = re.compile(
    r'<span class="bar-label">(?P<year>\d{4}) · (?P<kind>[^<]+)</span>'
    r'.*?<span class="bar-value">(?P<value>[^<]+)</span>',
    re.S,
)
TABLE_ROW = re.compile(r"<tr>\s*<th scope=\"row\">(?P<year>\d{4})</th>(?P<cells>.*?)</tr>", re.S)
CELL = re.compile(r'<td[^>]*data-label="(?P<label>[^"]+)"[^>]*>(?P<text>.*?)</td>', re.S)
TAG = re.compile(r"<[^>]+>")


def bars(page):
    chart = page.split('<figure class="chart"')[1].split("</figure>")[0]
    return [(int(m["year"]), html.unescape(m["kind"]), html.unescape(m["value"])) for m in BAR.finditer(chart)]


def ministry_table(page):
    """(year, kind, figure, realisation) of every row of the ministry table, as the cells read."""
    table = page.split('id="kemensos-title"')[1].split("</table>")[0]
    rows = []
    for row in TABLE_ROW.finditer(table):
        cells = {m["label"]: html.unescape(TAG.sub("", m["text"])).strip() for m in CELL.finditer(row["cells"])}
        rows.append((int(row["year"]), cells["Jenis angka"], cells["Anggaran"], cells["Realisasi"]))
    return rows


def figure_of_its_kind(bar, table):
    """Whether the table holds the bar's figure in the column of the kind the bar names."""
    year, kind, value = bar
    for row_year, row_kind, allocation, realisation in table:
        if row_year != year:
            continue
        if kind == "Realisasi" and (realisation == value or (row_kind == "Realisasi" and allocation == value)):
            return True
        if kind != "Realisasi" and row_kind == kind and allocation == value:
            return True
    return False


@pytest.fixture
def budgets_of_every_kind(make_budget):
    make_budget(year=2019, allocation=58_900_000_000_000, label="laporan")
    make_budget(year=2019, allocation=59_430_000_000_000, label="rapbn")
    make_budget(year=2020, allocation=62_770_000_000_000, label="laporan")
    make_budget(year=2020, allocation=62_800_000_000_000, label="pagu")
    make_budget(year=2020, allocation=134_000_000_000_000, label="pagu-revisi")
    make_budget(year=2020, allocation=134_170_000_000_000, realisation=130_300_000_000_000, label="realisasi")
    make_budget(year=2021, allocation=92_820_000_000_000, label="pagu")
    make_budget(year=2021, allocation=106_890_000_000_000, label="pagu-revisi")
    # A realisation kept on a ceiling's row counts as a realisation.
    make_budget(year=2022, allocation=97_930_000_000_000, realisation=96_530_000_000_000, label="pagu")
    make_budget(year=2025, allocation=77_100_000_000_000, label="rapbn")
    make_budget(year=2025, allocation=79_580_000_000_000, label="pagu")


def test_one_bar_a_year_shows_the_realisation_else_the_last_ceiling(client, budgets_of_every_kind):
    page = client.get(reverse("programs:budgets")).text

    assert bars(page) == [
        (2019, "RAPBN (rancangan)", "Rp59,43 triliun"),
        (2020, "Realisasi", "Rp130,3 triliun"),
        (2021, "Pagu revisi", "Rp106,89 triliun"),
        (2022, "Realisasi", "Rp96,53 triliun"),
        (2025, "Pagu APBN", "Rp79,58 triliun"),
    ]
    assert page.count("<rect") == 5
    # Every figure stays in the table, the ceilings the bars no longer show included.
    for figure in ("Rp134 triliun", "Rp134,17 triliun", "Rp97,93 triliun", "Rp62,8 triliun", "Rp77,1 triliun"):
        assert figure in page


def test_every_bar_of_the_demo_content_is_the_table_figure_of_the_kind_it_names(client, demo_content):
    page = client.get(reverse("programs:budgets")).text

    chart, table = bars(page), ministry_table(page)
    assert chart, "the demo content has ministry budgets"
    for bar in chart:
        assert figure_of_its_kind(bar, table), bar
    years = [year for year, _, _ in chart]
    assert len(years) == len(set(years)) and set(years) == {year for year, *_ in table}


def test_the_demo_bars_for_2020_and_2022_are_the_realisations_not_the_ceilings(client, demo_content):
    chart = {year: (kind, value) for year, kind, value in bars(client.get(reverse("programs:budgets")).text)}

    assert chart[2020] == ("Realisasi", "Rp130,3 triliun")
    assert chart[2022] == ("Realisasi", "Rp96,53 triliun")


def test_home_page_names_the_kind_and_year_of_its_budget_figure(client, budgets_of_every_kind, make_budget):
    highlight = client.get(reverse("home")).text.split('id="budget-title"')[1].split("</section>")[0]

    assert "Pagu APBN 2025" in highlight and "Rp79,58 triliun" in highlight
    assert "bukan uang yang sudah dibelanjakan" in highlight


def test_home_page_says_when_its_figure_is_money_spent(client, make_budget):
    make_budget(year=2023, allocation=87_270_000_000_000, realisation=85_530_000_000_000, label="realisasi")

    highlight = client.get(reverse("home")).text.split('id="budget-title"')[1].split("</section>")[0]

    assert "Realisasi 2023" in highlight and "Rp85,53 triliun" in highlight
    assert "benar-benar dibelanjakan" in highlight
