"""Figures in the admin: a Penulis adds figures and proposes changes, only a Penyunting puts a figure or
its change in force; each figure's page lists the items citing it."""

from decimal import Decimal

import pytest
from django.urls import reverse

from bansos_portal.figures.models import Figure, FigureOperand, Formula
from tests.conftest import queries_for

ADD_URL = reverse("admin:figures_figure_add")
CHANGELIST_URL = reverse("admin:figures_figure_changelist")


def form(**changes):
    data = {
        "name": "bpnt-saldo-2025",
        "label": "Program Sembako: saldo per KPM",
        "value": "200000",
        "unit": "rupiah",
        "per": "month",
        "kind": "ketentuan",
        "year": "2025",
        "source_title": "Kompas (Turnbackhoax), 24 Mei 2024",
        "source_url": "https://kalimasada.turnbackhoax.id/index.php/focus/20092",
        "operand_rows-TOTAL_FORMS": "0",
        "operand_rows-INITIAL_FORMS": "0",
        "is_published": "on",
    }
    return {**data, **changes}


def change_url(figure):
    return reverse("admin:figures_figure_change", args=[figure.pk])


@pytest.fixture
def in_force(db):
    return Figure.objects.create(
        name="bpnt-saldo-2025",
        label="Program Sembako: saldo per KPM",
        value=200_000,
        per="month",
        year=2025,
        source_url="https://kalimasada.turnbackhoax.id/index.php/focus/20092",
        is_published=True,
    )


def test_a_figure_a_penulis_adds_is_not_in_force(penulis, client, make_question):
    question = make_question(answer="Saldonya [[angka:bpnt-saldo-2025]].")

    response = penulis.post(ADD_URL, form())

    assert response.status_code == 302
    assert not Figure.objects.get(name="bpnt-saldo-2025").is_published
    page = client.get(reverse("faq:detail", args=[question.slug])).text
    assert "Rp200.000" not in page
    assert "angka belum berlaku: bpnt-saldo-2025" in page


def test_a_penulis_cannot_change_a_figure_in_force_but_may_propose(penulis, in_force):
    penulis.post(change_url(in_force), form(value="250000", proposed_value="250000", proposal_note="Naik 2026"))

    in_force.refresh_from_db()
    assert in_force.value == Decimal(200_000)
    assert in_force.proposed_value == Decimal(250_000)
    assert in_force.is_published


def test_a_penulis_cannot_apply_a_proposal_nor_delete(penulis, in_force):
    in_force.proposed_value = 250_000
    in_force.save()

    penulis.post(CHANGELIST_URL, {"action": "apply_proposals", "_selected_action": [in_force.pk]})
    deleted = penulis.post(reverse("admin:figures_figure_delete", args=[in_force.pk]), {"post": "yes"})

    in_force.refresh_from_db()
    assert in_force.value == Decimal(200_000)
    assert deleted.status_code == 403


def test_a_penyunting_applies_a_proposal_and_every_citing_page_changes(penyunting, client, in_force, make_question):
    question = make_question(answer="Saldonya [[angka:bpnt-saldo-2025]].")
    in_force.proposed_value = 250_000
    in_force.save()

    penyunting.post(CHANGELIST_URL, {"action": "apply_proposals", "_selected_action": [in_force.pk]})

    in_force.refresh_from_db()
    assert in_force.value == Decimal(250_000) and in_force.proposed_value is None
    assert in_force.verified_by == penyunting.user
    assert "Rp250.000 per bulan (2025)" in client.get(reverse("faq:detail", args=[question.slug])).text


def test_a_penyunting_puts_a_figure_in_force_and_vouches_for_it(penyunting, client, make_question):
    question = make_question(answer="Saldonya [[angka:bpnt-saldo-2025]].")
    penyunting.post(ADD_URL, form(is_published=""))
    figure = Figure.objects.get(name="bpnt-saldo-2025")

    penyunting.post(CHANGELIST_URL, {"action": "put_in_force", "_selected_action": [figure.pk]})

    figure.refresh_from_db()
    assert figure.is_published and figure.verified_by == penyunting.user and figure.verified_at
    assert "Rp200.000 per bulan (2025)" in client.get(reverse("faq:detail", args=[question.slug])).text


def test_the_figure_page_lists_the_items_citing_it(penyunting, in_force, make_question, make_program):
    question = make_question(question="Berapa saldo Sembako?", answer="Saldonya [[angka:bpnt-saldo-2025]].")
    make_program(name="Program Tanpa Kutipan", benefits="Tidak mengutip angka ini.")

    page = penyunting.get(change_url(in_force)).text

    assert reverse("admin:faq_question_change", args=[question.pk]) in page
    assert "Berapa saldo Sembako?" in page
    assert "Program Tanpa Kutipan" not in page
    assert "[[angka:bpnt-saldo-2025]]" in page


def test_a_cited_figure_keeps_its_name_and_cannot_be_deleted(penyunting, in_force, make_question):
    make_question(answer="Saldonya [[angka:bpnt-saldo-2025]].")

    renamed = penyunting.post(change_url(in_force), form(name="bpnt-saldo-baru"))
    penyunting.post(reverse("admin:figures_figure_delete", args=[in_force.pk]), {"post": "yes"})

    assert "sudah dikutip" in renamed.text
    assert Figure.objects.filter(name="bpnt-saldo-2025").exists()


def test_a_figure_with_a_value_and_a_formula_is_refused(penyunting):
    response = penyunting.post(ADD_URL, form(formula="jumlah"))

    assert response.status_code == 200
    assert "satu sumber nilai saja" in response.text
    assert not Figure.objects.exists()


def test_the_figure_list_costs_the_same_queries_however_many_computed_figures_it_shows(penyunting, in_force):
    def computed(name):
        figure = Figure.objects.create(name=name, label=name, formula=Formula.SUM, is_published=True)
        FigureOperand.objects.create(figure=figure, operand=in_force, position=0)

    def queries_to_open():
        page, count = queries_for(penyunting, CHANGELIST_URL)
        assert page.status_code == 200 and "Rp200.000" in page.text
        return count

    computed("jumlah-1")
    with_one = queries_to_open()
    for number in range(2, 12):
        computed(f"jumlah-{number}")

    assert queries_to_open() == with_one
