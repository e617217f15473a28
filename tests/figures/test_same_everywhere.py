"""One figure, one number: a benefit amount and a budget figure read the same, in the one money format, on
every page and download that shows them, and a change to the program row they come from reaches all of
them (saved directly, or through a Penulis' proposal a Penyunting publishes)."""

import csv
import html
import io
import re

import pytest
from django.urls import reverse
from django.utils.html import strip_tags

from bansos_portal.editorial import proposals
from bansos_portal.figures.citations import display_text
from bansos_portal.figures.models import Figure

SOURCE = "https://kemensos.go.id/pkh"
COMPONENT = "pkh-ibu-hamil-nifas-2025"
BUDGET = "pkh-pagu-2025"


def text(content):
    """What a reader reads: tags dropped, entities decoded, whitespace collapsed."""
    return " ".join(html.unescape(strip_tags(content)).split())


def put_in_force(name):
    figure = Figure.objects.get(name=name)
    figure.source_title, figure.source_url, figure.is_published = "Kemensos", SOURCE, True
    figure.save()
    return figure


@pytest.fixture
def pkh(make_program, make_component, make_budget, make_question):
    program = make_program(
        slug="pkh",
        name="Program Keluarga Harapan",
        acronym="PKH",
        benefits=f"Ibu hamil/nifas menerima [[angka:{COMPONENT}]]. Anggaran PKH [[angka:{BUDGET}]].",
    )
    make_component(program, name="Ibu hamil/nifas", amount=3_000_000, year=2025)
    make_budget(program=program, year=2025, label="pagu", allocation=28_700_000_000_000, source_url=SOURCE)
    put_in_force(COMPONENT)
    put_in_force(BUDGET)
    question = make_question(
        answer=f"Untuk ibu hamil: [[angka:{COMPONENT}]]. Seluruh PKH: [[angka:{BUDGET}]].",
    )
    question.programs.add(program)
    return program, question


def pages(client, program, question):
    """{place: what it shows}, as text for the pages and as parsed data for the API and the CSV."""
    api_program = client.get(reverse("api_program", args=[program.slug])).json()
    api_questions = client.get(reverse("api_questions"), {"program": program.slug}).json()
    rows = list(csv.DictReader(io.StringIO(client.get(reverse("programs:budgets_csv")).text)))
    return {
        "program": text(client.get(program.get_absolute_url()).text),
        "question": text(client.get(reverse("faq:detail", args=[question.slug])).text),
        "question embed": text(client.get(reverse("links:embed_question", args=[question.slug])).text),
        "leaflet": text(client.get(reverse("links:leaflet", args=[program.slug])).text),
        "program embed": text(client.get(reverse("links:embed_program", args=[program.slug])).text),
        "budgets page": text(client.get(reverse("programs:budgets")).text),
        "api sections": text(" ".join(section["html"] for section in api_program["sections"])),
        "api answer": text(" ".join(item["answer_html"] for item in api_questions["results"])),
        "api amounts": [component["amount"] for component in api_program["components"]],
        "api allocations": [budget["allocation"] for budget in api_program["budgets"]],
        "csv allocations": [int(row["anggaran_rupiah"]) for row in rows if row["program"] == "PKH"],
    }


def assert_shown_everywhere(shown, amount, allocation):
    """The component's and the budget's current values, in the same words on every place that shows them."""
    cited_amount = display_text(Figure.objects.get(name=COMPONENT))
    cited_budget = display_text(Figure.objects.get(name=BUDGET))
    money, budget_money = re.match(r"Rp[\d.]+", cited_amount)[0], re.match(r"Rp[\d,]+ triliun", cited_budget)[0]
    # Text that cites the figures shows the figure itself: amount, period and year.
    for place in ("program", "question", "question embed", "api sections", "api answer"):
        assert cited_amount in shown[place], place
        assert cited_budget in shown[place], place
    # Tables of a program's amounts show the same money with its period.
    for place in ("program", "leaflet", "program embed"):
        assert f"{money} per tahun" in shown[place], place
    assert budget_money in shown["program"] and budget_money in shown["budgets page"]
    # Data for machines carries the whole number the text rounds to its words.
    assert shown["api amounts"] == [amount]
    assert shown["api allocations"] == [allocation] and shown["csv allocations"] == [allocation]
    return cited_amount, cited_budget


def change_directly(program, penyunting, rows, **values):
    row = getattr(program, rows).get()
    for field, value in values.items():
        setattr(row, field, value)
    row.save()


def change_through_a_proposal(program, penyunting, rows, **values):
    proposal, _ = proposals.propose(program, user=penyunting.user)
    # The proposal's copy of the rows: not in force until published, and no figure of its own.
    getattr(proposal, rows).update(**values)
    proposals.publish(proposal, user=penyunting.user)


def assert_gone(shown, old):
    for place, value in shown.items():
        if isinstance(value, str):
            assert old not in value, place


@pytest.mark.parametrize("change", [change_directly, change_through_a_proposal], ids=["saved", "proposal"])
def test_a_figure_reads_the_same_everywhere_and_changes_everywhere(client, pkh, penyunting, change):
    program, question = pkh

    shown = pages(client, program, question)
    cited = assert_shown_everywhere(shown, 3_000_000, 28_700_000_000_000)
    assert cited == ("Rp3.000.000 per tahun (2025)", "Rp28,7 triliun (pagu 2025)")

    # One row at a time, so that the pages one figure's change renders again do not carry the other's.
    change(program, penyunting, "components", amount=3_250_000)
    shown = pages(client, program, question)
    cited = assert_shown_everywhere(shown, 3_250_000, 28_700_000_000_000)
    assert cited == ("Rp3.250.000 per tahun (2025)", "Rp28,7 triliun (pagu 2025)")
    assert_gone(shown, "Rp3.000.000")

    change(program, penyunting, "budgets", allocation=30_100_000_000_000)
    shown = pages(client, program, question)
    cited = assert_shown_everywhere(shown, 3_250_000, 30_100_000_000_000)
    assert cited == ("Rp3.250.000 per tahun (2025)", "Rp30,1 triliun (pagu 2025)")
    assert_gone(shown, "Rp28,7 triliun")

    # The figures kept their names and their check: citations written before still work.
    assert Figure.objects.filter(name__in=[COMPONENT, BUDGET], is_published=True).count() == 2
