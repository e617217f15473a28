from datetime import timedelta

from django.utils import timezone

from bansos_portal.publishing import Status
from programs.models import BenefitComponent, Budget, Program


def test_published_excludes_drafts_and_future_dates(make_program):
    live = make_program()
    make_program(status=Status.DRAFT)
    make_program(status=Status.REVIEW)
    make_program(status=Status.ARCHIVED)
    make_program(published_at=timezone.now() + timedelta(hours=1))
    make_program(unpublish_at=timezone.now() - timedelta(seconds=1))

    assert list(Program.objects.published()) == [live]


def test_is_published_matches_the_queryset_rule(make_program):
    assert make_program().is_published()
    assert not make_program(status=Status.DRAFT).is_published()
    assert not make_program(published_at=timezone.now() + timedelta(days=1)).is_published()
    assert not make_program(unpublish_at=timezone.now() - timedelta(seconds=1)).is_published()
    assert make_program(unpublish_at=timezone.now() + timedelta(days=1)).is_published()


def test_public_budgets_skip_those_of_draft_programs(make_program, make_budget):
    ministry = make_budget()
    of_live = make_budget(program=make_program())
    make_budget(program=make_program(status=Status.DRAFT))

    assert set(Budget.objects.public()) == {ministry, of_live}


def test_program_sections_skip_empty_ones_and_keep_anchors(make_program):
    program = make_program(eligibility="Keluarga miskin.", registration="1. Datang ke desa")

    assert [anchor for anchor, _, _ in program.sections()] == ["syarat", "cara-daftar"]


def test_program_name_shows_the_acronym_once(make_program):
    assert str(make_program(name="Program Keluarga Harapan", acronym="PKH")) == "Program Keluarga Harapan (PKH)"
    assert str(make_program(name="Program Sembako (BPNT)", acronym="BPNT")) == "Program Sembako (BPNT)"


def test_budget_rows_name_the_program_or_the_whole_ministry_and_leave_unknowns_empty(make_program, make_budget):
    make_budget(year=2018, realisation=None, beneficiaries=None)
    make_budget(program=make_program(slug="pkh", acronym="PKH"), year=2024, beneficiaries=10_000_000)

    ministry, pkh = Budget.objects.rows()

    assert (ministry["program"], ministry["program_slug"], ministry["realisasi_rupiah"]) == (
        "Kementerian Sosial (seluruhnya)",
        None,
        None,
    )
    assert (pkh["program"], pkh["program_slug"], pkh["penerima"]) == ("PKH", "pkh", 10_000_000)


def test_benefit_table_rows_come_newest_year_first_with_the_period_as_the_page_names_it(make_program, make_component):
    program = make_program()
    make_component(program, name="Ibu hamil", year=2024, amount=3_000_000)
    make_component(program, name="Anak SD", year=2025, amount=900_000, period=BenefitComponent.Period.STAGE)

    rows = program.components.table_rows()

    assert [(row["year"], row["name"], row["period_label"]) for row in rows] == [
        (2025, "Anak SD", "per tahap"),
        (2024, "Ibu hamil", "per tahun"),
    ]
