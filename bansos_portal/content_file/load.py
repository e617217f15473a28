"""Import of the content file (the format in README.md): upsert by slug, all or nothing."""

import json
from datetime import UTC
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from bansos_portal.figures.citing import deferred_rerender
from bansos_portal.figures.content_format import FigureFileError, import_figures
from bansos_portal.glossary.models import Term, TermSource
from bansos_portal.links.slug_history import refuse_slug_left_by_another
from bansos_portal.page_cache.invalidation import one_change
from bansos_portal.publishing import Status
from bansos_portal.search.index import deferred_indexing
from faq.models import Category, Clarification, ClarificationSource, Question
from programs.models import BenefitComponent, Budget, Program, ProgramSource, SharedStep
from programs.page_sections import ANSWERS, SECTIONS

# The demo content is a file in this format, loaded by `make run` and used by the tests and benchmarks.
DEMO_CONTENT = Path(__file__).with_name("demo_content.json")


class ContentError(Exception):
    """A content file that cannot be imported; the message names the entry and the reason."""


# The top-level lists of the format, and how deep anything inside one of their entries may nest (an
# entry's sources are 3 deep: entry, list, source); deeper is a mistake, refused before it is walked.
LISTS = [
    "shared_steps",
    "programs",
    "ministry_budgets",
    "faq_categories",
    "faq",
    "clarifications",
    "figures",
    "glossary",
]
MAX_DEPTH = 5

PROGRAM_FIELDS = ["name", "acronym", "agency", "summary", "order", *(field for field, _, _ in SECTIONS)]
PROGRAM_FIELDS += [*(field for field, _, _ in ANSWERS), "status_check_url", "status_check_label"]
SHARED_STEP_FIELDS = ["title", "placement", "body", "order"]
BUDGET_FIELDS = ["year", "allocation", "realisation", "beneficiaries", "label", "source", "source_url"]
COMPONENT_FIELDS = ["name", "amount", "period", "year", "note", "order"]
# A term's other forms are a list of texts in the file, and mark_on_pages is true or false.
TERM_FIELDS = ["term", "short_definition", "explanation"]
# Words people naturally write for the coded values, in Indonesian or English.
SYNONYMS = {
    "period": {
        "year": "year",
        "tahun": "year",
        "per tahun": "year",
        "tahunan": "year",
        "yearly": "year",
        "annual": "year",
        "month": "month",
        "bulan": "month",
        "per bulan": "month",
        "bulanan": "month",
        "monthly": "month",
        "stage": "stage",
        "tahap": "stage",
        "per tahap": "stage",
        "quarter": "stage",
        "triwulan": "stage",
        "once": "once",
        "sekali": "once",
        "one-off": "once",
    },
    "verdict": {
        "hoaks": "hoaks",
        "hoax": "hoaks",
        "disinformasi": "disinformasi",
        "disinformation": "disinformasi",
        "menyesatkan": "menyesatkan",
        "misleading": "menyesatkan",
        "benar": "benar",
        "true": "benar",
    },
    # How precise a clarification's date is: as precise as its source.
    "date_precision": {
        "day": "day",
        "hari": "day",
        "month": "month",
        "bulan": "month",
        "year": "year",
        "tahun": "year",
    },
    "status": {
        "published": "published",
        "terbit": "published",
        "draft": "draft",
        "draf": "draft",
        "review": "review",
        "tinjauan": "review",
        "archived": "archived",
        "arsip": "archived",
        "diarsipkan": "archived",
    },
}

NUMBER_FIELDS = {"order", "year", "amount", "allocation", "realisation", "beneficiaries"}
TEXT_FIELDS = {
    *PROGRAM_FIELDS,
    "acronym",
    "source",
    "source_url",
    "note",
    "description",
    "title",
    "url",
    "answer",
    "explanation",
    "correction",
    "body",
} - {"order"}


def parse_content(text):
    """The content file's JSON; ContentError when it is not JSON or nests too deep for the reader."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ContentError(f"Berkas bukan JSON yang sah: {error}") from None
    except RecursionError:
        raise ContentError("Berkas bersarang terlalu dalam untuk dibaca; format isi hanya beberapa tingkat.") from None


def import_content(*, data):
    """Create or update everything in `data`; returns counts. Raises ContentError and changes nothing."""
    if not isinstance(data, dict):
        raise ContentError('Isi berkas harus berupa objek JSON dengan kunci seperti "programs" dan "faq".')
    for key in LISTS:
        for i, item in enumerate(data[key] if isinstance(data.get(key), list) else []):
            _refuse_unstorable(item, _named(f"{key}[{i}]", item))
    # One transaction, indexed and counted as one change of content as it ends: the items are saved and
    # then linked, and the index and the page cache need only the final state.
    # Items citing figures are rendered again once, at the end, when every figure they cite is saved.
    with one_change(), deferred_indexing(), deferred_rerender():
        counts = {
            # Before the programs, which choose them by slug.
            "langkah bersama": [
                _shared_step(item, f"shared_steps[{i}]") for i, item in enumerate(_list(data, "shared_steps"))
            ],
            "program": [_program(item, f"programs[{i}]") for i, item in enumerate(_list(data, "programs"))],
            "kategori": [
                _category(item, f"faq_categories[{i}]") for i, item in enumerate(_list(data, "faq_categories"))
            ],
            "tanya jawab": [_question(item, f"faq[{i}]") for i, item in enumerate(_list(data, "faq"))],
            "klarifikasi": [
                _clarification(item, f"clarifications[{i}]") for i, item in enumerate(_list(data, "clarifications"))
            ],
            "istilah": [_term(item, f"glossary[{i}]") for i, item in enumerate(_list(data, "glossary"))],
        }
        for i, item in enumerate(_list(data, "faq")):
            _related_questions(item, f"faq[{i}]")
        if "ministry_budgets" in data:
            Budget.objects.ministry_wide().delete()
            counts["anggaran kementerian"] = [
                _save(Budget(**_pick(item, BUDGET_FIELDS, f"ministry_budgets[{i}]")), f"ministry_budgets[{i}]")
                for i, item in enumerate(_list(data, "ministry_budgets"))
            ]
        if "figures" in data:
            # Last: a figure may read a program's component or a budget row saved above.
            try:
                counts["angka"] = import_figures(data["figures"])
            except FigureFileError as error:
                raise ContentError(str(error)) from None
    return {name: len(items) for name, items in counts.items()}


def _list(data, key):
    value = data.get(key, [])
    if not isinstance(value, list):
        raise ContentError(f'"{key}" harus berupa daftar (JSON array).')
    seen = {}
    for i, item in enumerate(value):
        slug = item.get("slug") if isinstance(item, dict) else None
        if not isinstance(slug, str):
            continue
        if slug in seen:
            raise ContentError(f'{key}[{i}]: slug "{slug}" sudah dipakai oleh {key}[{seen[slug]}].')
        seen[slug] = i
    return value


def _named(where, item):
    slug = item.get("slug") if isinstance(item, dict) else None
    return f'{where} (slug "{slug}")' if isinstance(slug, str) and slug and _storable(slug) else where


def _storable(text):
    """Neither database keeps a NUL character (PostgreSQL refuses it) nor half a surrogate pair."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return "\x00" not in text


def _refuse_unstorable(value, where, path="", depth=0):
    """Text that cannot be stored anywhere in an entry, or nesting deeper than the format, named by path."""
    at = f"{where}: {path}" if path else f"{where}:"
    if depth > MAX_DEPTH:
        raise ContentError(f"{at} bersarang terlalu dalam; format isi tidak sedalam itu.")
    if isinstance(value, str) and not _storable(value):
        raise ContentError(f"{at} berisi karakter NUL (\\u0000) atau karakter rusak yang tidak dapat disimpan.")
    if isinstance(value, dict):
        for name, child in value.items():
            _refuse_unstorable(child, where, f"{path}.{name}" if path else str(name), depth + 1)
    elif isinstance(value, list):
        for i, child in enumerate(value):
            _refuse_unstorable(child, where, f"{path}[{i}]", depth + 1)


def _shown(value):
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 40 else text[:39] + "…"


def _value(field, value, where):
    # JSON null in a text field means "empty"; in a number field it stays "unknown".
    if value is None:
        return "" if field in TEXT_FIELDS else None
    if field in NUMBER_FIELDS:
        # 1e400 and Infinity read as float infinity, which no integer column holds; 2.5 would be cut to 2.
        whole = isinstance(value, int | str) or (isinstance(value, float) and value.is_integer())
        if isinstance(value, bool) or not whole:
            raise ContentError(f"{where}: {field} harus bilangan bulat, bukan {_shown(value)}.")
        return value
    if not isinstance(value, str):
        raise ContentError(f"{where}: {field} harus berupa teks, bukan {_shown(value)}.")
    return SYNONYMS[field].get(value.strip().lower(), value) if field in SYNONYMS else value


def _pick(item, fields, where):
    if not isinstance(item, dict):
        raise ContentError(f"{where}: harus berupa objek JSON.")
    source = item.get("source")
    if "source" in fields and isinstance(source, dict):  # a budget's source given as {"title", "url"}
        given = _pick(source, ["title", "url"], f"{where}.source")
        item = {
            **item,
            "source": given.get("title") or given.get("url") or "",
            "source_url": item.get("source_url") or given.get("url") or "",
        }
    return {field: _value(field, item[field], where) for field in fields if field in item}


def _source(child, where):
    """A source given as {"title", "url"}, or as a bare URL."""
    if isinstance(child, str):
        return {"title": child, "url": child}
    return _pick(child, ["title", "url"], where)


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
    slug = _pick(item, ["slug"], where).get("slug")
    if not slug:
        raise ContentError(f'{where}: "slug" wajib diisi.')
    where = _named(where, item)
    values = _pick(item, fields, where)
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
        obj.status = _value("status", item["status"], where)
    elif obj._state.adding:
        obj.status = Status.PUBLISHED
    if item.get("published_at"):
        obj.published_at = _datetime(item, "published_at", where)
    obj.unpublish_at = _datetime(item, "unpublish_at", where) if item.get("unpublish_at") else None
    # The last review by a person, so a restored backup keeps its "Diperbarui" dates.
    if item.get("last_reviewed_at"):
        reviewed = _value("last_reviewed_at", item["last_reviewed_at"], where)
        try:
            obj.last_reviewed_at = parse_date(reviewed)
        except ValueError:  # well-formed but not in the calendar
            obj.last_reviewed_at = None
        if obj.last_reviewed_at is None:
            raise ContentError(f'{where}: last_reviewed_at "{reviewed}" bukan tanggal YYYY-MM-DD yang ada.')


def _datetime(item, field, where):
    text = _value(field, item[field], where)
    try:
        value = parse_datetime(text)
        if value is None:
            parse_date(text)  # only to tell a date not in the calendar (2025-02-30) from a misspelling
    except ValueError:  # well-formed but not in the calendar: 2025-02-30T08:00
        raise ContentError(f'{where}: {field} "{text}" bukan tanggal-waktu yang ada.') from None
    if value is None:
        raise ContentError(f'{where}: {field} "{text}" bukan tanggal-waktu ISO 8601.')
    try:
        # Stored in UTC: a time on the edge of the calendar (0001-01-01T00:00 in Jakarta) has no UTC twin.
        return (value if timezone.is_aware(value) else timezone.make_aware(value)).astimezone(UTC)
    except OverflowError:
        raise ContentError(f'{where}: {field} "{text}" di luar rentang tanggal yang dapat disimpan.') from None


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
    for i, child in enumerate(_list(item, key)):
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
        lambda child, at: BenefitComponent(program=program, **_pick(child, COMPONENT_FIELDS, at)),
    )
    _replace_children(
        item,
        "budgets",
        where,
        program.budgets,
        lambda child, at: Budget(program=program, **_pick(child, BUDGET_FIELDS, at)),
    )
    _replace_children(
        item, "sources", where, program.sources, lambda child, at: ProgramSource(program=program, **_source(child, at))
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
        date = _value("date", date, where)
        try:
            clarification.date = parse_date(date)
        except ValueError:  # well-formed but not in the calendar: 2025-02-30
            raise ContentError(f'{where}: date "{date}" bukan tanggal yang ada.') from None
        if clarification.date is None:
            raise ContentError(f'{where}: date "{date}" bukan tanggal YYYY-MM-DD.')
    elif clarification.date is None:
        clarification.date = timezone.localdate()
    if item.get("date_precision"):
        clarification.date_precision = _value("date_precision", item["date_precision"], where)
    _publication(clarification, item, where)
    _save(clarification, where)
    clarification.programs.set(_by_slugs(Program, item.get("programs"), where, "program"))
    _replace_children(
        item,
        "sources",
        where,
        clarification.sources,
        lambda child, at: ClarificationSource(clarification=clarification, **_source(child, at)),
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
        item, "sources", where, term.sources, lambda child, at: TermSource(term=term, **_source(child, at))
    )
    return term
