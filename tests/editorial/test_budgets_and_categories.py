"""Budget figures and FAQ categories are public the moment they are saved: a Penulis proposes, a
Penyunting changes them, and each change is in the audit (who, when, what) and can be restored."""

import importlib

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.urls import reverse

from bansos_portal.editorial.models import Transition
from bansos_portal.publishing import Status
from programs.models import Budget
from tests.conftest import login_as, queries_for

from .conftest import admin_url, form_data, move_on_page

PUBLIC_PAGES = [
    "/",
    "/anggaran/",
    "/anggaran/anggaran-bansos.csv",
    "/data-terbuka/anggaran.csv",
    "/api/v1/budgets/",
    "/tanya-jawab/",
    "/api/v1/faq/categories/",
]


def public_view(client):
    responses = {page: client.get(page) for page in PUBLIC_PAGES}
    assert {response.status_code for response in responses.values()} == {200}
    return {page: response.content for page, response in responses.items()}


@pytest.fixture
def live(make_item, make_budget, category):
    """A published program with its 2022 budget, a ministry-wide figure, and a category in use."""
    program = make_item("program", status=Status.PUBLISHED, name="Program Keluarga Harapan", acronym="PKH")
    make_item("question", status=Status.PUBLISHED, category=category)
    return {
        "program": program,
        "program_budget": make_budget(program=program, year=2022, allocation=28_700_000_000_000),
        "ministry_budget": make_budget(year=2021, allocation=92_800_000_000_000),
        "category": category,
    }


def test_a_writer_cannot_change_add_or_delete_public_figures_or_rename_a_category(penulis, live, client):
    before = public_view(client)
    budget, category = live["program_budget"], live["category"]

    attempts = [
        penulis.post(
            admin_url(budget, "change"),
            {"program": live["program"].pk, "year": "2022", "label": "pagu", "allocation": "1"},
        ),
        penulis.post(reverse("admin:programs_budget_add"), {"year": "2099", "label": "pagu", "allocation": "1"}),
        penulis.post(admin_url(live["ministry_budget"], "delete"), {"post": "yes"}),
        penulis.post(admin_url(category, "change"), {"name": "Kategori palsu", "slug": category.slug, "order": 1}),
    ]
    bulk = penulis.post(
        reverse("admin:programs_budget_changelist"),
        {"action": "delete_selected", "_selected_action": [budget.pk], "post": "yes"},
    )

    assert [attempt.status_code for attempt in attempts] == [403, 403, 403, 403]
    assert bulk.status_code == 200  # the list answers, but offers a writer no deletion
    assert Budget.objects.count() == 2 and not Budget.objects.filter(year=2099).exists()
    budget.refresh_from_db()
    category.refresh_from_db()
    assert budget.allocation == 28_700_000_000_000 and category.name == "Pendaftaran"
    assert public_view(client) == before
    assert not Transition.objects.exists()


def test_a_writer_sees_budgets_and_categories_read_only(penulis, live):
    budget_page = penulis.get(admin_url(live["program_budget"], "change"))
    category_page = penulis.get(admin_url(live["category"], "change"))
    listing = penulis.get(reverse("admin:programs_budget_changelist"))

    assert budget_page.status_code == 200 and 'name="_save"' not in budget_page.text
    assert category_page.status_code == 200 and 'name="_save"' not in category_page.text
    assert "Tambah anggaran" not in listing.text


def test_a_writer_cannot_change_a_live_programs_figures_through_a_forged_program_form(penulis, penyunting, live):
    program, budget = live["program"], live["program_budget"]
    data = form_data(penyunting, admin_url(program, "change"))  # the full form, as only an editor gets it
    data.update(
        {
            "budgets-TOTAL_FORMS": "2",
            "budgets-INITIAL_FORMS": "1",
            "budgets-0-id": str(budget.pk),
            "budgets-0-program": str(program.pk),
            "budgets-0-year": "2022",
            "budgets-0-label": "pagu",
            "budgets-0-allocation": "1",
            "budgets-0-DELETE": "on",
            "budgets-1-year": "2099",
            "budgets-1-label": "pagu",
            "budgets-1-allocation": "1",
        }
    )

    page = penulis.get(admin_url(program, "change"))
    response = penulis.post(admin_url(program, "change"), data)

    assert 'name="budgets-0-allocation"' not in page.text  # read-only for a writer
    assert response.status_code == 403
    assert list(program.budgets.values_list("year", "allocation")) == [(2022, 28_700_000_000_000)]


def test_a_writer_still_edits_the_figures_of_a_draft_program_inside_its_form(penulis, make_item, make_budget):
    program = make_item("program")
    budget = make_budget(program=program, year=2025, allocation=1_000)
    url = admin_url(program, "change")
    data = form_data(penulis, url)
    data.update(
        {
            "budgets-TOTAL_FORMS": "2",
            "budgets-INITIAL_FORMS": "1",
            "budgets-0-id": str(budget.pk),
            "budgets-0-program": str(program.pk),
            "budgets-0-year": "2025",
            "budgets-0-label": "pagu",
            "budgets-0-allocation": "2000",
            "budgets-1-year": "2026",
            "budgets-1-label": "rapbn",
            "budgets-1-allocation": "3000",
        }
    )

    response = penulis.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert list(program.budgets.order_by("year").values_list("year", "allocation")) == [(2025, 2000), (2026, 3000)]


def test_a_programs_form_costs_the_same_queries_however_many_budget_rows_it_has(penyunting, make_item, make_budget):
    program = make_item("program")
    url = admin_url(program, "change")

    def queries_to_open():
        response, count = queries_for(penyunting, url)
        assert response.status_code == 200
        return count

    make_budget(program=program, year=2024, allocation=1_000)
    with_one = queries_to_open()
    for year in range(2010, 2022):
        make_budget(program=program, year=year, allocation=2_000)

    assert queries_to_open() == with_one


def test_an_editors_budget_change_is_recorded_and_a_restore_brings_the_old_figure_back(penyunting, live, client):
    budget = live["ministry_budget"]
    url = admin_url(budget, "change")

    saved = penyunting.post(url, {**form_data(penyunting, url), "allocation": "95000000000000"})

    assert saved.status_code == 302
    line = Transition.objects.get(action=Transition.Action.CHANGED)
    assert (line.username, line.object_repr) == ("yusuf", str(budget)) and line.at
    assert "anggaran (rupiah): «Rp92.800.000.000.000» menjadi «Rp95.000.000.000.000»" in line.comment
    assert "Rp95 triliun" in client.get("/").text

    older = budget.history.order_by("history_date", "history_id").first()
    restored = penyunting.post(admin_url(budget, "restore", older.history_id))

    budget.refresh_from_db()
    assert restored.status_code == 302 and budget.allocation == 92_800_000_000_000
    line = Transition.objects.get(action=Transition.Action.RESTORED)
    assert line.username == "yusuf" and "«Rp95.000.000.000.000» menjadi «Rp92.800.000.000.000»" in line.comment
    assert "Rp92,8 triliun" in client.get("/").text
    history = penyunting.get(admin_url(budget, "history"))
    assert "Pulihkan" in history.text


def test_an_editors_additions_deletions_and_category_renames_are_recorded(penyunting, live):
    category = live["category"]
    penyunting.post(
        reverse("admin:programs_budget_add"),
        {"year": "2026", "label": "rapbn", "allocation": "100000000000000", "source": "Nota Keuangan 2026"},
    )
    penyunting.post(admin_url(live["ministry_budget"], "delete"), {"post": "yes"})
    renamed = penyunting.post(
        admin_url(category, "change"), {**form_data(penyunting, admin_url(category, "change")), "name": "Daftar"}
    )

    assert renamed.status_code == 302
    lines = {line.action: line for line in Transition.objects.all()}
    assert "tahun anggaran: 2026" in lines["added"].comment and "Rp100.000.000.000.000" in lines["added"].comment
    assert "tahun anggaran: 2021" in lines["deleted"].comment and "Rp92.800.000.000.000" in lines["deleted"].comment
    assert lines["changed"].comment == "nama: «Pendaftaran» menjadi «Daftar»"
    assert {line.username for line in lines.values()} == {"yusuf"}
    audit = penyunting.get("/admin/editorial/transition/")
    assert "Diubah" in audit.text and "Ditambahkan" in audit.text


def test_an_editors_change_to_a_live_programs_figures_goes_through_its_proposal(penyunting, live, client):
    program, budget = live["program"], live["program_budget"]
    figures = {
        "budgets-TOTAL_FORMS": "1",
        "budgets-INITIAL_FORMS": "1",
        "budgets-0-year": "2022",
        "budgets-0-label": "pagu",
        "budgets-0-allocation": "28800000000000",
        "budgets-0-source": budget.source,
    }
    url = admin_url(program, "change")
    forged = {**form_data(penyunting, url), **figures, "budgets-0-id": str(budget.pk), "budgets-0-program": program.pk}

    assert penyunting.post(url, forged).status_code == 302
    assert list(program.budgets.values_list("allocation", flat=True)) == [28_700_000_000_000]

    penyunting.post(admin_url(program, "propose"))
    proposal = type(program).objects.get(proposal_for=program)
    url = admin_url(proposal, "change")
    copied = proposal.budgets.get()
    data = {**form_data(penyunting, url), **figures, "budgets-0-id": str(copied.pk), "budgets-0-program": proposal.pk}
    assert penyunting.post(url, data).status_code == 302
    assert "Rp28,7 triliun" in client.get("/anggaran/").text

    move_on_page(penyunting, proposal, {"target": Status.PUBLISHED, "acknowledge": "on"})

    assert list(program.budgets.values_list("allocation", flat=True)) == [28_800_000_000_000]
    line = Transition.objects.get(action=Transition.Action.PROPOSAL_PUBLISHED)
    assert line.username == "yusuf" and "anggaran: 2022 · pagu" in line.comment
    assert "Rp28,8 triliun" in client.get("/anggaran/").text


def test_a_figure_changed_after_the_workflow_page_opened_stops_the_publish(penyunting, make_item, make_budget):
    program = make_item("program", status=Status.REVIEW)
    budget = make_budget(program=program, year=2025, allocation=1_000)
    seen = penyunting.get(admin_url(program, "workflow")).context["version"]
    colleague = login_as("Penyunting", "sari")
    colleague.post(
        admin_url(budget, "change"), {**form_data(colleague, admin_url(budget, "change")), "allocation": "2000"}
    )

    refused = penyunting.post(
        admin_url(program, "workflow"), {"version": seen, "target": Status.PUBLISHED, "acknowledge": "on"}
    )

    program.refresh_from_db()
    assert program.status == Status.REVIEW
    assert "Belum dijalankan: Sari mengubah item ini" in refused.text
    assert "anggaran: «2025 · pagu · Rp1.000" in refused.text and "menjadi «2025 · pagu · Rp2.000" in refused.text
    assert move_on_page(penyunting, program, {"target": Status.PUBLISHED, "acknowledge": "on"}).status_code == 302


def test_the_roles_migration_leaves_budgets_and_categories_to_editors(db):
    name = "0005_roles_review_budgets_and_categories"
    migration = importlib.import_module(f"bansos_portal.editorial.migrations.{name}")
    state_apps = MigrationLoader(connection).project_state(("editorial", name)).apps

    migration.create_groups(state_apps, None)

    def codenames(role):
        permissions = Group.objects.get(name=role).permissions.filter(content_type__model__in=["budget", "category"])
        return set(permissions.values_list("codename", flat=True))

    assert codenames("Penulis") == {"view_budget", "view_category"}
    assert {"add_budget", "change_budget", "delete_budget", "change_category"} <= codenames("Penyunting")
