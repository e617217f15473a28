"""export_content → import_content into an empty database restores every item, published or not."""

from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from bansos_portal.publishing import Status
from faq.models import Category, Clarification, Question
from programs.models import BenefitComponent, Budget, Program


def snapshot():
    return {
        "programs": sorted(Program.objects.values_list("slug", "status", "published_at", "unpublish_at", "name")),
        "questions": sorted(Question.objects.values_list("slug", "status", "published_at", "unpublish_at")),
        "clarifications": sorted(Clarification.objects.values_list("slug", "status", "published_at", "unpublish_at")),
        "components": sorted(BenefitComponent.objects.values_list("program__slug", "name", "amount")),
        "budgets": sorted(Budget.objects.values_list("year", "allocation")),
        "categories": sorted(Category.objects.values_list("slug", "name")),
    }


def test_export_then_import_restores_drafts_scheduled_and_archived_items(
    db, tmp_path, make_program, make_question, make_clarification, make_component, make_budget
):
    soon = (timezone.now() + timedelta(days=2)).replace(microsecond=0)
    later = (timezone.now() + timedelta(days=30)).replace(microsecond=0)
    published = make_program(name="Program Terbit", acronym="PT")
    make_component(published)
    make_program(name="Program Draf", status=Status.DRAFT)
    make_program(name="Program Terjadwal", published_at=soon, unpublish_at=later)
    make_program(name="Program Arsip", status=Status.ARCHIVED)
    make_question(status=Status.REVIEW)
    make_question(status=Status.DRAFT)
    make_question()
    make_clarification(status=Status.DRAFT)
    make_clarification()
    make_budget(year=2024)
    before = snapshot()
    backup = tmp_path / "cadangan.json"
    call_command("export_content", str(backup), stderr=None)

    for model in (Question, Clarification, Category, Budget, Program):
        model.objects.all().delete()
    assert not Program.objects.exists()
    call_command("import_content", str(backup), stdout=None)

    assert snapshot() == before
