"""Roles are enforced on the server: a Penulis who forges a request still cannot publish."""

import importlib

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from bansos_portal.editorial.models import Transition
from bansos_portal.editorial.roles import ROLES
from bansos_portal.publishing import Status
from faq.models import Question

from .conftest import MODELS, admin_url, changelist_url, form_data, move_on_page


def test_the_migration_creates_the_roles_with_publishing_only_for_editors(db):
    migration = importlib.import_module("bansos_portal.editorial.migrations.0002_editorial_groups")
    state_apps = MigrationLoader(connection).project_state(("editorial", "0002_editorial_groups")).apps
    Group.objects.filter(name__in=ROLES).delete()

    migration.create_groups(state_apps, None)
    writer, editor, administrator, operator = (Group.objects.get(name=name) for name in ROLES)
    publish = {"publish_program", "publish_question", "publish_clarification"}
    assert not publish & set(writer.permissions.values_list("codename", flat=True))
    assert not operator.permissions.filter(codename__startswith="publish_").exists()
    assert publish <= set(editor.permissions.values_list("codename", flat=True))
    assert publish <= set(administrator.permissions.values_list("codename", flat=True))
    assert writer.permissions.filter(codename="change_program").exists()

    migration.remove_groups(state_apps, None)
    assert not Group.objects.filter(name__in=ROLES).exists()


@pytest.mark.parametrize("kind", MODELS)
def test_a_writer_forging_publication_fields_in_the_edit_form_saves_only_the_draft(penulis, make_item, kind, client):
    item = make_item(kind)
    url = admin_url(item, "change")
    data = form_data(penulis, url)
    data.update({"status": Status.PUBLISHED, "published_at_0": "2020-01-01", "published_at_1": "08:00:00"})

    response = penulis.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    item.refresh_from_db()
    assert item.status == Status.DRAFT
    assert client.get(item.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("kind", MODELS)
def test_a_writer_cannot_publish_through_the_workflow_page_or_bulk_action(penulis, make_item, kind):
    item = make_item(kind)

    move_on_page(penulis, item, {"target": Status.PUBLISHED})
    penulis.post(changelist_url(item), {"action": "publish", "_selected_action": [str(item.pk)]})

    item.refresh_from_db()
    assert item.status == Status.DRAFT
    assert not Transition.objects.exists()


@pytest.mark.parametrize("kind", MODELS)
def test_a_writer_cannot_change_a_published_item(penulis, make_item, kind):
    item = make_item(kind, status=Status.PUBLISHED)
    url = admin_url(item, "change")

    page = penulis.get(url)
    response = penulis.post(url, {"status": Status.DRAFT, "summary": "Diubah diam-diam."})

    assert page.status_code == 200 and 'name="_save"' not in page.text  # read-only view
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.status == Status.PUBLISHED


def test_a_writer_adding_an_item_as_published_gets_a_draft(penulis, category):
    response = penulis.post(
        "/admin/faq/question/add/",
        {
            "question": "Bagaimana cara daftar?",
            "slug": "cara-daftar",
            "category": str(category.pk),
            "answer": "Datang ke desa.",
            "order": "100",
            "status": Status.PUBLISHED,
            "published_at_0": "2020-01-01",
            "published_at_1": "08:00:00",
        },
    )

    assert response.status_code == 302
    assert Question.objects.get(slug="cara-daftar").status == Status.DRAFT


@pytest.mark.parametrize("kind", MODELS)
def test_a_writer_submits_for_review_and_an_editor_publishes(penulis, penyunting, make_item, kind, client):
    item = make_item(kind)

    move_on_page(penulis, item, {"target": Status.REVIEW, "comment": "Mohon dicek angkanya."})
    waiting = penyunting.get("/admin/")
    move_on_page(
        penyunting,
        item,
        {"target": Status.PUBLISHED, "change_note": "Besaran 2025 ditambahkan.", "acknowledge": "on"},
    )

    assert "Menunggu Penyunting" in waiting.text and str(item)[:30] in waiting.text
    item.refresh_from_db()
    assert item.status == Status.PUBLISHED and item.last_reviewed_at and item.review_due > item.last_reviewed_at
    page = client.get(item.get_absolute_url())
    assert page.status_code == 200
    assert "Perubahan penting: Besaran 2025 ditambahkan." in page.text
    steps = list(Transition.objects.for_item(item).order_by("at", "id"))
    assert [(step.action, step.username) for step in steps] == [
        (Transition.Action.SUBMITTED, "wulan"),
        (Transition.Action.PUBLISHED, "yusuf"),
    ]
    assert steps[0].comment == "Mohon dicek angkanya." and steps[0].from_status == Status.DRAFT


def test_a_writer_cannot_reorder_live_programs_from_the_list(penulis, penyunting, make_item):
    program = make_item("program", status=Status.PUBLISHED, order=10)
    rows = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
        "form-0-id": str(program.pk),
        "form-0-order": "1",
        "_save": "Simpan",
    }

    listing = penulis.get(changelist_url(program))
    penulis.post(changelist_url(program), rows)
    program.refresh_from_db()
    assert 'name="form-0-order"' not in listing.text and program.order == 10

    penyunting.post(changelist_url(program), rows)
    program.refresh_from_db()
    assert program.order == 1


def test_a_long_comment_is_kept_whole_in_the_record(penulis, make_item):
    item = make_item("question")
    comment = "Mohon periksa angka dan sumbernya. " * 20

    move_on_page(penulis, item, {"target": Status.REVIEW, "comment": comment})

    item.refresh_from_db()
    assert item.status == Status.REVIEW
    assert Transition.objects.for_item(item).get().comment == comment.strip()
    assert len(item.history.first().history_change_reason) <= 100


def test_the_roles_cover_the_pre_check_rules_and_the_regional_offices(db):
    perms = {name: set(Group.objects.get(name=name).permissions.values_list("codename", flat=True)) for name in ROLES}

    assert {"change_programrule", "change_examplehousehold", "change_office"} <= perms["Penulis"]
    assert not {"publish_programrule", "publish_office"} & perms["Penulis"]
    assert {"publish_programrule", "publish_office", "change_region", "view_linkcheck"} <= perms["Penyunting"]
    assert perms["Operator Daerah"] == {
        "view_office",
        "add_office",
        "change_office",
        "view_officedetailsource",
        "add_officedetailsource",
        "change_officedetailsource",
        "delete_officedetailsource",
    }
