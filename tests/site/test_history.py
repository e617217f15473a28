"""Revision history keeps working with its manager class built once (bansos_portal/history.py)."""

from faq.models import Question
from programs.models import Program


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
