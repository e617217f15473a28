"""Export of all content, drafts included, in the format import_content reads.

Proposed changes to live items (usulan perubahan) are left out: they are working state of the admin,
not content, and their rows would otherwise arrive as a second item beside the live one."""

from bansos_portal.figures.content_format import export_figures
from bansos_portal.glossary.models import Term, split_forms
from faq.models import Category, Clarification, Question
from programs.models import Budget, Program, SharedStep

from .values import BUDGET_FIELDS, COMPONENT_FIELDS, PROGRAM_FIELDS, SHARED_STEP_FIELDS, TERM_FIELDS


def _fields(obj, fields):
    return {field: getattr(obj, field) for field in fields if getattr(obj, field) is not None}


def _publication(obj):
    data = {"status": obj.status, "published_at": obj.published_at.isoformat()}
    if obj.unpublish_at:
        data["unpublish_at"] = obj.unpublish_at.isoformat()
    if obj.last_reviewed_at:
        data["last_reviewed_at"] = obj.last_reviewed_at.isoformat()
    return data


def _sources(obj):
    return [{"title": source.title, "url": source.url} for source in obj.sources.all()]


def _program(program):
    return {
        "slug": program.slug,
        **_fields(program, PROGRAM_FIELDS),
        "shared_steps": [step.slug for step in program.shared_steps.all()],
        **_publication(program),
        "benefit_components": [_fields(c, COMPONENT_FIELDS) for c in program.components.all()],
        "budgets": [_fields(b, BUDGET_FIELDS) for b in program.budgets.all()],
        "sources": _sources(program),
    }


def _question(question):
    return {
        "slug": question.slug,
        **_fields(question, ["question", "answer", "order"]),
        "category": question.category.slug,
        "programs": [program.slug for program in question.programs.all()],
        "related": [other.slug for other in question.related.all()],
        **_publication(question),
    }


def _clarification(clarification):
    return {
        "slug": clarification.slug,
        **_fields(clarification, ["claim", "correction", "verdict", "explanation"]),
        "date": clarification.date.isoformat(),
        "date_precision": clarification.date_precision,
        "programs": [program.slug for program in clarification.programs.all()],
        "sources": _sources(clarification),
        **_publication(clarification),
    }


def _term(term):
    return {
        "slug": term.slug,
        **_fields(term, TERM_FIELDS),
        "other_forms": split_forms(term.other_forms),
        "mark_on_pages": term.mark_on_pages,
        "sources": _sources(term),
        **_publication(term),
    }


def export_content():
    programs = (
        Program.objects.filter(proposal_for__isnull=True)
        .order_by("order", "slug")
        .prefetch_related("components", "budgets", "sources", "shared_steps")
    )
    questions = (
        Question.objects.filter(proposal_for__isnull=True)
        .order_by("order", "slug")
        .select_related("category")
        .prefetch_related("programs", "related")
    )
    clarifications = (
        Clarification.objects.filter(proposal_for__isnull=True)
        .order_by("-date", "slug")
        .prefetch_related("programs", "sources")
    )
    return {
        "shared_steps": [{"slug": step.slug, **_fields(step, SHARED_STEP_FIELDS)} for step in SharedStep.objects.all()],
        "programs": [_program(program) for program in programs],
        "ministry_budgets": [_fields(b, BUDGET_FIELDS) for b in Budget.objects.ministry_wide()],
        "faq_categories": [_fields(c, ["slug", "name", "description", "order"]) for c in Category.objects.all()],
        "faq": [_question(question) for question in questions],
        "clarifications": [_clarification(clarification) for clarification in clarifications],
        "glossary": [
            _term(term) for term in Term.objects.filter(proposal_for__isnull=True).prefetch_related("sources")
        ],
        "figures": export_figures(),
    }
