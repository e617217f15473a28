"""The publication primitives every content type shares: review queues and generic item filters."""

from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from bansos_portal.editorial.models import ChangeNote
from bansos_portal.publishing import Status, item_key, items_filter
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
