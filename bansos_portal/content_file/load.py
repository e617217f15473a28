"""Import of the content file (the format in README.md): upsert by slug, all or nothing."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dateparse import parse_date

from bansos_portal.figures.citing import deferred_rerender
from bansos_portal.figures.content_format import FigureFileError, import_figures
from bansos_portal.glossary.models import Term, TermSource
from bansos_portal.links.slug_history import refuse_slug_left_by_another
from bansos_portal.page_cache.invalidation import one_change
from bansos_portal.publishing import Status
from bansos_portal.search.index import deferred_indexing
from faq.models import Category, Clarification, ClarificationSource, Question
from programs.models import BenefitComponent, Budget, Program, ProgramSource, SharedStep

from .values import (
    BUDGET_FIELDS,
    COMPONENT_FIELDS,
    LISTS,
    PROGRAM_FIELDS,
    SHARED_STEP_FIELDS,
    TERM_FIELDS,
    ContentError,
    datetime_of,
    entries,
    named,
    parse_content,
    pick,
    refuse_unstorable,
    source_of,
    value_of,
)

__all__ = ["DEMO_CONTENT", "ContentError", "import_content", "parse_content"]

# The demo content is a file in this format, loaded by `make run` and used by the tests and benchmarks.
DEMO_CONTENT = Path(__file__).with_name("demo_content.json")


def import_content(*, data):
    """Create or update everything in `data`; returns counts. Raises ContentError and changes nothing."""
    if not isinstance(data, dict):
        raise ContentError('Isi berkas harus berupa objek JSON dengan kunci seperti "programs" dan "faq".')
    for key in LISTS:
        for i, item in enumerate(data[key] if isinstance(data.get(key), list) else []):
            refuse_unstorable(item, named(f"{key}[{i}]", item))
    # One transaction, indexed and counted as one change of content as it ends: the items are saved and
    # then linked, and the index and the page cache need only the final state.
    # Items citing figures are rendered again once, at the end, when every figure they cite is saved;
    # those saved after the figures (questions, clarifications, terms) already show them and are left alone.
    with one_change(), deferred_indexing(), deferred_rerender():
        counts = {
            # Before the programs, which choose them by slug.
            "langkah bersama": [
                _shared_step(item, f"shared_steps[{i}]") for i, item in enumerate(entries(data, "shared_steps"))
            ],
            "program": [_program(item, f"programs[{i}]") for i, item in enumerate(entries(data, "programs"))],
        }
        if "ministry_budgets" in data:
            Budget.objects.ministry_wide().delete()
            counts["anggaran kementerian"] = [
                _save(Budget(**pick(item, BUDGET_FIELDS, f"ministry_budgets[{i}]")), f"ministry_budgets[{i}]")
                for i, item in enumerate(entries(data, "ministry_budgets"))
            ]
        if "figures" in data:
            # After the programs and budgets: a figure may read a program's component or a budget row.
            try:
                counts["angka"] = import_figures(data["figures"])
            except FigureFileError as error:
                raise ContentError(str(error)) from None
        counts["kategori"] = [
            _category(item, f"faq_categories[{i}]") for i, item in enumerate(entries(data, "faq_categories"))
        ]
        counts["tanya jawab"] = [_question(item, f"faq[{i}]") for i, item in enumerate(entries(data, "faq"))]
        counts["klarifikasi"] = [
            _clarification(item, f"clarifications[{i}]") for i, item in enumerate(entries(data, "clarifications"))
        ]
        counts["istilah"] = [_term(item, f"glossary[{i}]") for i, item in enumerate(entries(data, "glossary"))]
        for i, item in enumerate(entries(data, "faq")):
            _related_questions(item, f"faq[{i}]")
    return {name: len(items) for name, items in counts.items()}


def _save(obj, where):
    try:
        obj.full_clean()
    except ValidationError as error:
        reasons = "; ".join(f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items())
        raise ContentError(f"{where}: {reasons}") from None
    obj.save()
    return obj


def _entry(model, item, where, fields):
    """The existing object with the item's slug, or a new one, with the item's fields set."""
    slug = pick(item, ["slug"], where).get("slug")
    if not slug:
        raise ContentError(f'{where}: "slug" wajib diisi.')
    where = named(where, item)
    values = pick(item, fields, where)
    obj = model.objects.filter(slug=slug).first() or model(slug=slug)
    try:
        refuse_slug_left_by_another(model, slug, obj.pk)
    except ValidationError as error:
        raise ContentError(f"{where}: {' '.join(error.message_dict['slug'])}") from None
    for field, value in values.items():
        setattr(obj, field, value)
    return obj, where


def _publication(obj, item, where):
    # A new item is published unless the file says otherwise; an item already here keeps its status, so
    # re-importing a file without "status" never publishes a draft (nor withdraws a published item).
    if item.get("status") not in (None, ""):
        obj.status = value_of("status", item["status"], where)
    elif obj._state.adding:
        obj.status = Status.PUBLISHED
    if item.get("published_at"):
        obj.published_at = datetime_of(item, "published_at", where)
    obj.unpublish_at = datetime_of(item, "unpublish_at", where) if item.get("unpublish_at") else None
    # The last review by a person, so a restored backup keeps its "Diperbarui" dates.
    if item.get("last_reviewed_at"):
        reviewed = value_of("last_reviewed_at", item["last_reviewed_at"], where)
        try:
            obj.last_reviewed_at = parse_date(reviewed)
        except ValueError:  # well-formed but not in the calendar
            obj.last_reviewed_at = None
        if obj.last_reviewed_at is None:
            raise ContentError(f'{where}: last_reviewed_at "{reviewed}" bukan tanggal YYYY-MM-DD yang ada.')


def _by_slugs(model, slugs, where, label):
    slugs = slugs or []
    if not isinstance(slugs, list):
        raise ContentError(f"{where}: daftar {label} harus berupa JSON array.")
    slugs = [str(slug) for slug in slugs]
    found = {obj.slug: obj for obj in model.objects.filter(slug__in=slugs)}
    missing = [slug for slug in slugs if slug not in found]
    if missing:
        raise ContentError(f"{where}: {label} tidak ditemukan: {', '.join(map(str, missing))}.")
    return [found[slug] for slug in slugs]


def _replace_children(item, key, where, manager, build):
    if key not in item:
        return
    manager.all().delete()
    for i, child in enumerate(entries(item, key)):
        _save(build(child, f"{where}.{key}[{i}]"), f"{where}.{key}[{i}]")


def _program(item, where):
    program, where = _entry(Program, item, where, PROGRAM_FIELDS)
    _publication(program, item, where)
    _save(program, where)
    if "shared_steps" in item:
        program.shared_steps.set(_by_slugs(SharedStep, item["shared_steps"], where, "langkah bersama"))
    _replace_children(
        item,
        "benefit_components",
        where,
        program.components,
        lambda child, at: BenefitComponent(program=program, **pick(child, COMPONENT_FIELDS, at)),
    )
    _replace_children(
        item,
        "budgets",
        where,
        program.budgets,
        lambda child, at: Budget(program=program, **pick(child, BUDGET_FIELDS, at)),
    )
    _replace_children(
        item,
        "sources",
        where,
        program.sources,
        lambda child, at: ProgramSource(program=program, **source_of(child, at)),
    )
    return program


def _shared_step(item, where):
    step, where = _entry(SharedStep, item, where, SHARED_STEP_FIELDS)
    return _save(step, where)


def _category(item, where):
    category, where = _entry(Category, item, where, ["name", "description", "order"])
    return _save(category, where)


def _question(item, where):
    question, where = _entry(Question, item, where, ["question", "answer", "order"])
    category_slug = item.get("category")
    category = Category.objects.filter(slug=str(category_slug)).first()
    if category is None:
        raise ContentError(f'{where}: kategori "{category_slug}" tidak ditemukan.')
    question.category = category
    _publication(question, item, where)
    _save(question, where)
    question.programs.set(_by_slugs(Program, item.get("programs"), where, "program"))
    return question


def _related_questions(item, where):
    question = Question.objects.get(slug=item["slug"])
    question.related.set(
        _by_slugs(Question, item.get("related"), f'{where} (slug "{item["slug"]}")', "pertanyaan terkait")
    )


def _clarification(item, where):
    clarification, where = _entry(Clarification, item, where, ["claim", "correction", "verdict", "explanation"])
    clarification.allow_blank_correction = True  # a backup made before corrections existed still restores
    date = item.get("date")
    if date:
        date = value_of("date", date, where)
        try:
            clarification.date = parse_date(date)
        except ValueError:  # well-formed but not in the calendar: 2025-02-30
            raise ContentError(f'{where}: date "{date}" bukan tanggal yang ada.') from None
        if clarification.date is None:
            raise ContentError(f'{where}: date "{date}" bukan tanggal YYYY-MM-DD.')
    elif clarification.date is None:
        clarification.date = timezone.localdate()
    if item.get("date_precision"):
        clarification.date_precision = value_of("date_precision", item["date_precision"], where)
    _publication(clarification, item, where)
    _save(clarification, where)
    clarification.programs.set(_by_slugs(Program, item.get("programs"), where, "program"))
    _replace_children(
        item,
        "sources",
        where,
        clarification.sources,
        lambda child, at: ClarificationSource(clarification=clarification, **source_of(child, at)),
    )
    return clarification


def _term(item, where):
    term, where = _entry(Term, item, where, TERM_FIELDS)
    if "other_forms" in item:
        forms = item["other_forms"] or []
        if not isinstance(forms, list) or not all(isinstance(form, str) for form in forms):
            raise ContentError(f"{where}: other_forms harus berupa daftar teks (JSON array).")
        term.other_forms = "\n".join(forms)
    if "mark_on_pages" in item:
        if not isinstance(item["mark_on_pages"], bool):
            raise ContentError(f"{where}: mark_on_pages harus true atau false.")
        term.mark_on_pages = item["mark_on_pages"]
    _publication(term, item, where)
    _save(term, where)
    _replace_children(
        item, "sources", where, term.sources, lambda child, at: TermSource(term=term, **source_of(child, at))
    )
    return term
