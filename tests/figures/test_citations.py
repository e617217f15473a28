from decimal import Decimal

import pytest
from django.urls import reverse

from bansos_portal.figures.citations import CITATION, cited_names, expand
from bansos_portal.figures.citing import deferred_rerender
from bansos_portal.figures.models import Figure, FigureOperand, Formula, Kind, Per, Unit
from faq.models import Question

SOURCE = "https://kemensos.go.id/pkh"


@pytest.fixture
def ibu_hamil(db):
    return Figure.objects.create(
        name="pkh-ibu-hamil-2025",
        label="PKH: ibu hamil",
        value=3_000_000,
        per=Per.YEAR,
        year=2025,
        source_title="Kemensos: Komponen PKH 2025",
        source_url=SOURCE,
        is_published=True,
    )


def budget(name, year, value):
    return Figure.objects.create(
        name=name,
        label=f"Anggaran Kemensos {year}",
        value=value,
        kind=Kind.CEILING,
        year=year,
        source_url=f"https://kemenkeu.go.id/apbn-{year}",
        source_title=f"APBN {year}",
        is_published=True,
    )


def derived(name, formula, operands, unit=Unit.RUPIAH):
    figure = Figure.objects.create(name=name, label=name, formula=formula, unit=unit, is_published=True)
    for position, operand in enumerate(operands):
        FigureOperand.objects.create(figure=figure, operand=operand, position=position)
    return figure


def test_the_citation_pattern_takes_the_name_humas_type():
    assert CITATION.fullmatch("[[angka:pkh-ibu-hamil-2025]]")["name"] == "pkh-ibu-hamil-2025"
    assert not CITATION.fullmatch("[[angka:PKH ibu hamil]]")
    assert cited_names("[[angka:b]] lalu [[angka:a]] dan [[angka:b]]") == ["b", "a"]


def test_a_cited_figure_reads_in_the_one_money_format_with_its_year_and_source(ibu_hamil):
    text = expand("Ibu hamil menerima [[angka:pkh-ibu-hamil-2025]].")

    assert text == (
        f'Ibu hamil menerima [Rp3.000.000 per tahun (2025)](<{SOURCE}> "Sumber: Kemensos: Komponen PKH 2025").'
    )


def test_a_budget_figure_names_its_kind_and_reads_in_words(db):
    budget("kemensos-pagu-2019", 2019, 58_900_000_000_000)

    assert "[Rp58,9 triliun (pagu 2019)]" in expand("[[angka:kemensos-pagu-2019]]")


def test_the_2018_to_2019_increase_is_computed_not_typed(db):
    before, after = (
        budget("kemensos-pagu-2018", 2018, 43_300_000_000_000),
        budget("kemensos-pagu-2019", 2019, 58_900_000_000_000),
    )
    derived("kemensos-pagu-2018-2019-selisih", Formula.DIFFERENCE, [before, after])
    derived("kemensos-pagu-2018-2019-persen", Formula.PERCENT_CHANGE, [before, after], unit=Unit.PERCENT)

    text = expand("Naik [[angka:kemensos-pagu-2018-2019-selisih]] atau [[angka:kemensos-pagu-2018-2019-persen]].")

    assert text == "Naik +Rp15,6 triliun (2018–2019) atau +36% (2018–2019)."


def test_a_family_maximum_is_the_sum_of_its_components(ibu_hamil):
    child = Figure.objects.create(name="pkh-anak-sd-2025", label="Anak SD", value=900_000, year=2025, is_published=True)
    total = derived("pkh-contoh-keluarga-2025", Formula.SUM, [ibu_hamil, child])

    assert total.current_value() == Decimal(3_900_000)
    assert "Rp3.900.000 (2025)" in expand("[[angka:pkh-contoh-keluarga-2025]]")


def test_an_unknown_name_shows_a_visible_marker_and_is_reported(db, caplog):
    text = expand("Besarannya [[angka:salah-ketik]].")

    assert text == "Besarannya **[angka tidak ditemukan: salah-ketik]**."
    assert "salah-ketik" in caplog.text


def test_a_figure_not_yet_in_force_is_not_shown_as_a_number(ibu_hamil):
    ibu_hamil.is_published = False
    ibu_hamil.save()

    assert expand("[[angka:pkh-ibu-hamil-2025]]") == "**[angka belum berlaku: pkh-ibu-hamil-2025]**"


def test_a_derived_figure_missing_an_operand_value_says_so(db):
    empty = Figure.objects.create(name="kosong", label="kosong", is_published=True)
    derived("turunan", Formula.SUM, [empty])

    assert expand("[[angka:turunan]]") == "**[angka belum lengkap: turunan]**"


def test_a_program_page_shows_the_figure_and_changes_when_the_figure_changes(client, make_program, ibu_hamil):
    program = make_program(slug="pkh", benefits="Ibu hamil: [[angka:pkh-ibu-hamil-2025]].")
    assert "Rp3.000.000 per tahun (2025)" in client.get(program.get_absolute_url()).text

    ibu_hamil.value = 3_250_000
    ibu_hamil.save()

    page = client.get(program.get_absolute_url()).text
    assert "Rp3.250.000 per tahun (2025)" in page
    assert "Rp3.000.000" not in page
    assert f'href="{SOURCE}"' in page


def test_changing_an_operand_changes_the_derived_figure_on_every_page(client, make_question):
    before, after = (
        budget("kemensos-pagu-2018", 2018, 43_300_000_000_000),
        budget("kemensos-pagu-2019", 2019, 58_900_000_000_000),
    )
    derived("kemensos-naik", Formula.DIFFERENCE, [before, after])
    question = make_question(answer="Anggaran naik [[angka:kemensos-naik]].")

    after.value = 60_000_000_000_000
    after.save()

    question.refresh_from_db()
    assert "+Rp16,7 triliun (2018–2019)" in question.answer_html
    assert "+Rp16,7 triliun" in client.get(reverse("faq:detail", args=[question.slug])).text


def test_a_change_reaches_the_end_of_a_chain_of_figures_also_when_an_import_defers_it(client, make_question):
    before, after = (
        budget("kemensos-pagu-2018", 2018, 43_300_000_000_000),
        budget("kemensos-pagu-2019", 2019, 58_900_000_000_000),
    )
    increase = derived("kemensos-naik", Formula.DIFFERENCE, [before, after])
    both = derived("kemensos-naik-dan-pagu", Formula.SUM, [increase, before])
    question = make_question(answer="Naik ditambah pagu: [[angka:kemensos-naik-dan-pagu]].")
    assert "Rp58,9 triliun" in Question.objects.get(pk=question.pk).answer_html

    with deferred_rerender():
        after.value = 60_000_000_000_000
        after.save()
        assert "Rp58,9 triliun" in Question.objects.get(pk=question.pk).answer_html  # not yet: deferred

    assert "Rp60 triliun" in Question.objects.get(pk=question.pk).answer_html
    assert "Rp60 triliun" in client.get(reverse("faq:detail", args=[question.slug])).text
    assert both.name in Figure.objects.names_depending_on([after.name])


def test_an_import_renders_again_only_what_it_saved_before_a_figure_it_cites_changed(make_question, monkeypatch):
    pagu = budget("kemensos-pagu-2019", 2019, 58_900_000_000_000)
    rendered_at_end = []

    def rendered_html(item):
        rendered_at_end.append(item.pk)
        return original(item)

    original = Question.rendered_html
    with deferred_rerender():
        early = make_question(question="Berapa pagunya?", answer="Pagu [[angka:kemensos-pagu-2019]].")
        pagu.value = 60_000_000_000_000
        pagu.save()
        late = make_question(question="Pagu tahun itu?", answer="Pagu juga [[angka:kemensos-pagu-2019]].")
        monkeypatch.setattr(Question, "rendered_html", rendered_html)  # from here on: the import's end

    assert late.pk not in rendered_at_end  # rendered after the change: already current
    assert early.pk in rendered_at_end
    for question in (early, late):
        assert "Rp60 triliun" in Question.objects.get(pk=question.pk).answer_html


def short_answers(page):
    """The text of the "Singkatnya" block at the top of a program page, markup kept."""
    return page.split('id="answers-title"', 1)[1].split("</section>", 1)[0]


def test_a_short_answer_cites_the_figure_and_changes_when_the_figure_changes(client, make_program, ibu_hamil):
    program = make_program(slug="pkh", answer_amount="Ibu hamil: [[angka:pkh-ibu-hamil-2025]], dibayar per tahap.")
    first = short_answers(client.get(program.get_absolute_url()).text)
    assert f'<a href="{SOURCE}" title="Sumber: Kemensos: Komponen PKH 2025"' in first
    assert "Rp3.000.000 per tahun (2025)</a>, dibayar per tahap." in first

    ibu_hamil.value = 3_250_000
    ibu_hamil.save()

    answers = short_answers(client.get(program.get_absolute_url()).text)
    assert "Rp3.250.000 per tahun (2025)" in answers and "Rp3.000.000" not in answers


def test_a_short_answer_stays_one_line_of_safe_text(client, make_program):
    program = make_program(
        answer_amount='- **Rp600.000** <script>alert(1)</script><p onclick="x()">sekali</p> [x](javascript:alert(1))'
    )
    answers = short_answers(client.get(program.get_absolute_url()).text)
    assert "<strong>Rp600.000</strong>" in answers
    assert "<script" not in answers and "onclick" not in answers and "javascript:" not in answers
    assert "<ul" not in answers and "<li" not in answers and "<p" not in answers
