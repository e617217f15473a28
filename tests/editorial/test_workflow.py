"""Scheduling needs no background job; archiving and deleting keep a record and lose nothing."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone
from freezegun import freeze_time

from bansos_portal.editorial.models import Transition
from bansos_portal.publishing import Status

from .conftest import admin_url, changelist_url, form_data, move_on_page


def visible_everywhere(client, item):
    """Whether the public sees the item on its page, in its list, on the home page, in search and in the API."""
    return [
        client.get(item.get_absolute_url()).status_code == 200,
        item.get_absolute_url() in client.get("/program/").text,
        item.get_absolute_url() in client.get("/").text,
        item.get_absolute_url() in client.get("/cari/", {"q": "Jadwal"}).text,
        item.get_absolute_url() in client.get("/api/v1/search/", {"q": "Jadwal"}).text,
    ]


def test_an_item_scheduled_for_eight_is_public_from_eight_until_its_unpublish_time(penyunting, make_item, client):
    program = make_item("program", name="Bantuan Jadwal Uji", summary="Program Jadwal.")
    eight = (timezone.localtime() + timedelta(days=1)).replace(hour=8, minute=0, second=0, microsecond=0)
    move_on_page(
        penyunting,
        program,
        {
            "target": Status.PUBLISHED,
            "published_at_0": eight.date().isoformat(),
            "published_at_1": "08:00:00",
            "acknowledge": "on",
        },
    )
    program.refresh_from_db()
    program.unpublish_at = eight + timedelta(days=30)
    program.save()

    with freeze_time(eight - timedelta(seconds=1)):
        before = visible_everywhere(client, program)
    with freeze_time(eight + timedelta(seconds=1)):
        during = visible_everywhere(client, program)
    with freeze_time(eight + timedelta(days=30, seconds=1)):
        after = visible_everywhere(client, program)

    assert before == [False] * 5
    assert during == [True] * 5
    assert after == [False] * 5
    assert Transition.objects.for_item(program).get().action == Transition.Action.SCHEDULED


def test_a_published_item_cannot_be_deleted_until_it_is_archived(penyunting, make_item, client):
    question = make_item("question", status=Status.PUBLISHED)

    single = penyunting.post(admin_url(question, "delete"), {"post": "yes"})
    bulk = penyunting.post(
        changelist_url(question), {"action": "delete_selected", "_selected_action": [question.pk], "post": "yes"}
    )
    assert type(question).objects.filter(pk=question.pk).exists()
    assert "arsipkan dulu" in single.text and "arsipkan dulu" in bulk.text

    move_on_page(penyunting, question, {"target": Status.ARCHIVED, "comment": "Sudah tidak berlaku."})
    question.refresh_from_db()
    assert question.status == Status.ARCHIVED and not type(question).objects.published().exists()
    assert client.get(question.get_absolute_url()).status_code != 200

    penyunting.post(admin_url(question, "delete"), {"post": "yes"})
    assert not type(question).objects.filter(pk=question.pk).exists()
    actions = list(Transition.objects.order_by("at", "id").values_list("action", "object_repr", "username"))
    assert actions == [
        (Transition.Action.ARCHIVED, str(question), "yusuf"),
        (Transition.Action.DELETED, str(question), "yusuf"),
    ]


@pytest.mark.parametrize("action", ["publish", "unpublish", "archive"])
def test_bulk_actions_are_recorded_in_the_audit(penyunting, make_item, action):
    items = [make_item("clarification", status=Status.PUBLISHED if action != "publish" else Status.DRAFT) for _ in "ab"]

    penyunting.post(changelist_url(items[0]), {"action": action, "_selected_action": [item.pk for item in items]})

    assert Transition.objects.filter(username="yusuf").count() == 2


def test_the_audit_view_filters_and_exports_what_it_shows_as_csv(penyunting, make_item):
    published, archived = make_item("program"), make_item("question", status=Status.PUBLISHED)
    move_on_page(penyunting, published, {"target": Status.PUBLISHED, "acknowledge": "on"})
    move_on_page(penyunting, archived, {"target": Status.ARCHIVED, "comment": "Kedaluwarsa"})

    listing = penyunting.get("/admin/editorial/transition/", {"action__exact": "archived"})
    export = penyunting.get("/admin/editorial/transition/csv/", {"action__exact": "archived"})

    shown = [record.object_repr for record in listing.context["cl"].result_list]
    assert listing.status_code == 200 and shown == [str(archived)]
    assert "Unduh CSV" in listing.text
    assert export["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert [(row["tindakan"], row["item"], row["oleh"], row["komentar"]) for row in rows] == [
        ("Diarsipkan", str(archived), "yusuf", "Kedaluwarsa")
    ]


def test_a_writer_cannot_read_the_audit(penulis):
    assert penulis.get("/admin/editorial/transition/csv/").status_code == 403


def test_an_editor_changing_status_or_dates_in_the_form_is_recorded_too(penyunting, make_item):
    program = make_item("program")
    url = admin_url(program, "change")

    penyunting.post(url, {**form_data(penyunting, url), "status": Status.PUBLISHED})
    penyunting.post(url, {**form_data(penyunting, url), "unpublish_at_0": "2030-01-01", "unpublish_at_1": "00:00:00"})

    program.refresh_from_db()
    assert program.status == Status.PUBLISHED and program.last_reviewed_at == timezone.localdate()
    published, scheduled = Transition.objects.for_item(program).order_by("at", "id")
    assert (published.action, published.from_status, published.to_status) == ("published", "draft", "published")
    assert scheduled.action == Transition.Action.SCHEDULED
    assert timezone.localtime(scheduled.unpublish_at).date().isoformat() == "2030-01-01"


def test_publishing_is_refused_when_the_item_changed_after_the_editor_opened_the_page(penulis, penyunting, make_item):
    program = make_item("program", status=Status.REVIEW, summary="Versi yang ditinjau.")
    url = admin_url(program, "workflow")
    seen = penyunting.get(url).context["version"]
    change = admin_url(program, "change")
    penulis.post(change, {**form_data(penulis, change), "summary": "Versi yang belum ditinjau."})

    refused = penyunting.post(url, {"version": seen, "target": Status.PUBLISHED, "acknowledge": "on"})

    program.refresh_from_db()
    assert refused.status_code == 200 and program.status == Status.REVIEW
    assert "Belum dijalankan: Wulan mengubah item ini" in refused.text
    assert "ringkasan: «Versi yang ditinjau.» menjadi «Versi yang belum ditinjau.»" in refused.text
    assert not Transition.objects.filter(action=Transition.Action.PUBLISHED).exists()

    # The refusal showed the difference; pressing again on that page publishes the version it showed.
    again = penyunting.post(
        url, {"version": refused.context["version"], "target": Status.PUBLISHED, "acknowledge": "on"}
    )
    program.refresh_from_db()
    assert again.status_code == 302 and program.status == Status.PUBLISHED


def test_a_move_that_names_no_version_is_refused(penyunting, make_item):
    question = make_item("question", status=Status.PUBLISHED)

    refused = penyunting.post(admin_url(question, "workflow"), {"target": Status.ARCHIVED})

    question.refresh_from_db()
    assert question.status == Status.PUBLISHED and "tidak membawa versi" in refused.text
