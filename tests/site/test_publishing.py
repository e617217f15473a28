"""The publication primitives every content type shares: review queues, generic item filters, revision
history and kept page addresses."""

from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType
from django.urls import clear_script_prefix, reverse, set_script_prefix
from django.utils import timezone

from bansos_portal.editorial.models import ChangeNote
from bansos_portal.publishing import Status, address, item_key, items_filter
from faq.models import Clarification, Question
from programs.models import Program


def test_awaiting_review_lists_submitted_items_longest_waiting_first(make_program):
    recent = make_program(status=Status.REVIEW)
    oldest = make_program(status=Status.REVIEW)
    make_program(status=Status.DRAFT)
    make_program(status=Status.PUBLISHED)
    Program.objects.filter(pk=oldest.pk).update(updated_at=timezone.now() - timedelta(days=3))

    assert list(Program.objects.awaiting_review()) == [oldest, recent]


def test_overdue_for_review_lists_published_items_past_their_date_most_overdue_first(make_question):
    today = date(2026, 6, 1)
    late = make_question(review_due=date(2026, 5, 20))
    latest = make_question(review_due=date(2026, 1, 2))
    make_question(review_due=today)  # due today is not overdue yet
    make_question(review_due=None)
    make_question(review_due=date(2026, 1, 1), status=Status.ARCHIVED)

    assert list(Question.objects.overdue_for_review(today)) == [latest, late]


def test_items_filter_finds_the_rows_of_the_named_items_only(make_program, make_question):
    program, question, other = make_program(), make_question(), make_program()
    for item in (program, question, other):
        ChangeNote.objects.create(
            content_type=ContentType.objects.get_for_model(item), object_id=item.pk, note=f"Catatan {item}"
        )
    ChangeNote.objects.create(  # the same id in another content type is another item
        content_type=ContentType.objects.get_for_model(Clarification), object_id=program.pk, note="Bukan program"
    )

    found = ChangeNote.objects.filter(items_filter([item_key(program), item_key(question)]))

    assert {note.note for note in found} == {f"Catatan {program}", f"Catatan {question}"}
    assert not ChangeNote.objects.filter(items_filter([])).exists()


def test_reading_the_history_reuses_one_manager_class():
    assert type(Program.history) is type(Program.history) is type(Question.history)
    assert Program.history.model is not Question.history.model


def test_each_save_still_records_a_revision_of_its_own_item(make_program):
    first = make_program(name="Program Satu", slug="satu")
    second = make_program(name="Program Dua", slug="dua")
    first.summary = "Ringkasan baru."
    first.save()
    assert [row.summary for row in first.history.all()] == ["Ringkasan baru.", first.history.last().summary]
    assert first.history.count() == 2
    assert second.history.count() == 1
    assert Program.history.filter(id=first.id).count() == 2


def test_an_address_is_the_one_reverse_gives():
    assert address("programs:detail", "pkh") == reverse("programs:detail", args=["pkh"]) == "/program/pkh/"
    assert address("faq:detail", "kapan-cair") == "/tanya-jawab/kapan-cair/"


def test_a_site_served_under_a_prefix_gets_its_own_addresses():
    address("programs:detail", "pkh")  # kept without the prefix
    set_script_prefix("/portal/")
    try:
        assert address("programs:detail", "pkh") == "/portal/program/pkh/"
    finally:
        clear_script_prefix()
    assert address("programs:detail", "pkh") == "/program/pkh/"


def test_another_url_configuration_is_not_answered_from_what_was_kept(settings):
    address("programs:detail", "pkh")
    settings.ROOT_URLCONF = "tests.site.urls_elsewhere"
    assert address("programs:detail", "pkh") == "/di-tempat-lain/pkh/"
