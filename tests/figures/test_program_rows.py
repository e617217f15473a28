"""Benefit components and budget rows are figures: citable by a stable name, with a source and a check."""

from contextlib import contextmanager
from decimal import Decimal

from django.db.models.signals import post_save
from django.urls import reverse

from bansos_portal.figures.models import BudgetField, Figure, Kind
from faq.models import Question


def put_in_force(name, **fields):
    figure = Figure.objects.get(name=name)
    for field, value in {"is_published": True, **fields}.items():
        setattr(figure, field, value)
    figure.save()
    return figure


def test_a_component_is_citable_by_program_component_and_year(make_program, make_component):
    pkh = make_program(slug="pkh", acronym="PKH")
    component = make_component(pkh, name="Ibu hamil/nifas", amount=3_000_000, year=2025)

    figure = Figure.objects.get(name="pkh-ibu-hamil-nifas-2025")

    assert figure.component == component
    assert figure.current_value() == Decimal(3_000_000)
    assert figure.value is None  # read from the row, never typed twice
    assert not figure.is_published


def test_changing_a_component_changes_every_page_citing_it(client, make_program, make_component, make_question):
    pkh = make_program(slug="pkh", acronym="PKH")
    component = make_component(pkh, name="Ibu hamil", amount=3_000_000, year=2025)
    put_in_force("pkh-ibu-hamil-2025", source_url="https://kemensos.go.id/pkh")
    question = make_question(answer="Ibu hamil menerima [[angka:pkh-ibu-hamil-2025]].")
    assert "Rp3.000.000 per tahun (2025)" in client.get(reverse("faq:detail", args=[question.slug])).text

    component.amount = 3_250_000
    component.save()

    assert "Rp3.250.000 per tahun (2025)" in client.get(reverse("faq:detail", args=[question.slug])).text


def test_a_row_saved_again_keeps_its_figure_and_name(make_program, make_component, make_question):
    pkh = make_program(slug="pkh", acronym="PKH")
    make_component(pkh, name="Ibu hamil", amount=3_000_000, year=2025)
    figure = put_in_force("pkh-ibu-hamil-2025", source_url="https://kemensos.go.id/pkh")
    question = make_question(answer="[[angka:pkh-ibu-hamil-2025]]")

    # A published proposal replaces a program's rows: deleted, then saved again under new ids.
    pkh.components.all().delete()
    make_component(pkh, name="Ibu hamil", amount=3_100_000, year=2025)

    assert Figure.objects.filter(name__startswith="pkh-ibu-hamil-2025").count() == 1
    figure.refresh_from_db()
    assert figure.current_value() == Decimal(3_100_000) and figure.is_published
    question.refresh_from_db()
    assert "Rp3.100.000" in question.answer_html


@contextmanager
def saves_of(model):
    """The instances of `model` saved inside the block."""
    saved = []

    def note(sender, instance, **kwargs):
        saved.append(instance.pk)

    post_save.connect(note, sender=model, weak=False)
    try:
        yield saved
    finally:
        post_save.disconnect(note, sender=model)


def test_a_row_saved_renders_the_items_citing_it_once_and_only_when_they_change(
    make_program, make_component, make_question
):
    pkh = make_program(slug="pkh", acronym="PKH")
    component = make_component(pkh, name="Ibu hamil", amount=3_000_000, year=2025)
    put_in_force("pkh-ibu-hamil-2025", source_url="https://kemensos.go.id/pkh")
    question = make_question(answer="[[angka:pkh-ibu-hamil-2025]]")

    with saves_of(Question) as saved:
        component.save()  # nothing the answer shows changed
    assert saved == []

    # Saved again under a new id (a published proposal): its figure is adopted, so saved, and the row too.
    pkh.components.all().delete()
    with saves_of(Question) as saved:
        make_component(pkh, name="Ibu hamil", amount=3_100_000, year=2025)
    assert saved == [question.pk]
    question.refresh_from_db()
    assert "Rp3.100.000" in question.answer_html


def test_budget_rows_are_named_by_owner_kind_and_year(make_program, make_budget):
    make_budget(year=2019, allocation=58_900_000_000_000, label="laporan", source="Kemensos, Oktober 2019")
    bpnt = make_program(slug="bpnt", acronym="BPNT")
    make_budget(program=bpnt, year=2020, label="pagu-revisi", allocation=43_600_000_000_000, beneficiaries=20_000_000)

    reported = Figure.objects.get(name="kemensos-laporan-2019")
    assert reported.kind == Kind.REPORTED and reported.source_title == "Kemensos, Oktober 2019"
    assert reported.current_value() == Decimal(58_900_000_000_000)
    ceiling = Figure.objects.get(name="bpnt-pagu-revisi-2020")
    assert ceiling.budget_field == BudgetField.ALLOCATION
    assert Figure.objects.get(name="bpnt-penerima-2020").current_value() == Decimal(20_000_000)
    assert not Figure.objects.filter(name="bpnt-realisasi-2020").exists()  # no realisation known


def test_a_proposal_copy_of_a_program_gets_no_figures(make_program, make_component):
    live = make_program(slug="pkh", acronym="PKH")
    copy = make_program(slug="pkh--usulan", acronym="PKH", status="draft", proposal_for=live)

    make_component(copy, name="Ibu hamil", amount=9_000_000, year=2025)

    assert not Figure.objects.exists()


def test_a_realisation_row_holding_the_final_ceiling_gives_a_ceiling_figure_and_a_realisation_figure(make_budget):
    make_budget(year=2020, label="realisasi", allocation=134_170_000_000_000, realisation=130_300_000_000_000)
    make_budget(year=2023, label="realisasi", allocation=85_530_000_000_000)  # the money spent, nothing beside it

    ceiling = Figure.objects.get(name="kemensos-pagu-revisi-2020")
    assert ceiling.kind == Kind.REVISED_CEILING and ceiling.current_value() == Decimal(134_170_000_000_000)
    spent = Figure.objects.get(name="kemensos-realisasi-2020")
    assert spent.kind == Kind.REALISATION and spent.current_value() == Decimal(130_300_000_000_000)
    only = Figure.objects.get(name="kemensos-realisasi-2023")
    assert only.kind == Kind.REALISATION and only.budget_field == BudgetField.ALLOCATION
