"""Admin repairs: change notes only through «Alur terbit», date and time inputs that need no admin
JavaScript, scheduled items shown as scheduled, and messages that end a question once."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from bansos_portal.publishing import Status
from tests.editorial.conftest import admin_url, changelist_url, move_on_page


def test_change_notes_have_no_add_form_that_could_fail(penyunting):
    add = penyunting.get(reverse("admin:editorial_changenote_add"))
    listing = penyunting.get(reverse("admin:editorial_changenote_changelist"))

    assert add.status_code == 403
    assert reverse("admin:editorial_changenote_add") not in listing.text


def test_workflow_date_and_time_are_native_inputs_with_a_hint_and_tomorrow_shortcut(penyunting, make_item):
    item = make_item("program")

    html = penyunting.get(admin_url(item, "workflow")).text

    assert 'type="date" name="published_at_0"' in html and 'type="time" name="published_at_1"' in html
    assert "DateTimeShortcuts" not in html and "calendar.js" not in html and "jsi18n" not in html
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    assert f'data-date="{tomorrow}" data-time="08:00"' in html and "Besok 08.00" in html
    assert "editorial/schedule.js" in html and "WIB" in html


def test_a_native_date_and_time_schedule_the_item_in_jakarta_time(penyunting, make_item):
    item = make_item("program")
    tomorrow = timezone.localdate() + timedelta(days=1)

    fields = {"published_at_0": tomorrow.isoformat(), "published_at_1": "08:00", "acknowledge": "on"}

    move_on_page(penyunting, item, {"target": Status.PUBLISHED, **fields})

    item.refresh_from_db()
    local = timezone.localtime(item.published_at)
    assert item.status == Status.PUBLISHED and (local.date(), local.hour, local.minute) == (tomorrow, 8, 0)


def test_a_scheduled_item_says_scheduled_everywhere_and_offers_a_preview_not_the_site(penyunting, make_item):
    moment = timezone.make_aware(timezone.datetime(2030, 12, 6, 8, 0))
    item = make_item("program", status=Status.PUBLISHED, published_at=moment)
    label = "Dijadwalkan (6 Desember 2030, 08.00 WIB)"

    listing = penyunting.get(changelist_url(item)).text
    workflow_page = penyunting.get(admin_url(item, "workflow")).text
    form = penyunting.get(admin_url(item, "change")).text
    preview = penyunting.get(admin_url(item, "preview")).text

    assert label in listing and label in workflow_page and label in form and label in preview
    assert "viewsitelink" not in form and "Pratinjau (belum tampil di situs)" in form


def test_a_published_item_keeps_its_view_on_site_link(penyunting, make_item):
    item = make_item("program", status=Status.PUBLISHED)

    form = penyunting.get(admin_url(item, "change")).text

    assert "viewsitelink" in form


def test_a_question_title_is_not_followed_by_a_second_full_stop(penyunting, make_item):
    item = make_item("question", question="Kapan PKH cair?")

    response = move_on_page(penyunting, item, {"target": Status.REVIEW})

    text = penyunting.get(response["Location"]).text
    assert "Kapan PKH cair?" in text and "cair?." not in text
