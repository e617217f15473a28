"""Import of the content file (the format in README.md): upsert by slug, all or nothing."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from bansos_portal.publishing import Status
from faq.models import Category, Clarification, ClarificationSource, Question
from programs.models import SECTIONS, BenefitComponent, Budget, Program, ProgramSource

# The demo content is a file in this format, loaded by `make run` and used by the tests and benchmarks.
DEMO_CONTENT = Path(__file__).with_name("demo_content.json")


class ContentError(Exception):
    """A content file that cannot be imported; the message names the entry and the reason."""


PROGRAM_FIELDS = ["name", "acronym", "agency", "summary", "order", *(field for field, _, _ in SECTIONS)]
BUDGET_FIELDS = ["year", "allocation", "realisation", "beneficiaries", "label", "source", "source_url"]
COMPONENT_FIELDS = ["name", "amount", "period", "year", "note", "order"]
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
} - {"order"}


def import_content(*, data):
    """Create or update everything in `data`; returns counts. Raises ContentError and changes nothing."""
    if not isinstance(data, dict):
        raise ContentError('Isi berkas harus berupa objek JSON dengan kunci seperti "programs" dan "faq".')
    with transaction.atomic():
        counts = {
            "program": [_program(item, f"programs[{i}]") for i, item in enumerate(_list(data, "programs"))],
            "kategori": [
                _category(item, f"faq_categories[{i}]") for i, item in enumerate(_list(data, "faq_categories"))
            ],
            "tanya jawab": [_question(item, f"faq[{i}]") for i, item in enumerate(_list(data, "faq"))],
            "klarifikasi": [
                _clarification(item, f"clarifications[{i}]") for i, item in enumerate(_list(data, "clarifications"))
            ],
        }
        for i, item in enumerate(_list(data, "faq")):
            _related_questions(item, f"faq[{i}]")
        if "ministry_budgets" in data:
            Budget.objects.ministry_wide().delete()
            counts["anggaran kementerian"] = [
                _save(Budget(**_pick(item, BUDGET_FIELDS, f"ministry_budgets[{i}]")), f"ministry_budgets[{i}]")
                for i, item in enumerate(_list(data, "ministry_budgets"))
            ]
    return {name: len(items) for name, items in counts.items()}


def _list(data, key):
    value = data.get(key, [])
    if not isinstance(value, list):
        raise ContentError(f'"{key}" harus berupa daftar (JSON array).')
    seen = {}
    for i, item in enumerate(value):
        slug = item.get("slug") if isinstance(item, dict) else None
        if isinstance(slug, str) and slug in seen:
            raise ContentError(f'{key}[{i}]: slug "{slug}" sudah dipakai oleh {key}[{seen[slug]}].')
        seen.setdefault(slug, i)
    return value


def _value(field, value):
    # JSON null in a text field means "empty"; in a number field it stays "unknown".
    if value is None and field in TEXT_FIELDS:
        return ""
    if field in SYNONYMS and isinstance(value, str):
        return SYNONYMS[field].get(value.strip().lower(), value)
    return value


def _pick(item, fields, where):
    if not isinstance(item, dict):
        raise ContentError(f"{where}: harus berupa objek JSON.")
    values = {field: _value(field, item[field]) for field in fields if field in item}
    source = values.get("source")
    if isinstance(source, dict):  # a budget's source given as {"title", "url"}
        values["source"] = source.get("title") or source.get("url") or ""
        values["source_url"] = values.get("source_url") or source.get("url") or ""
    return values


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
    values = _pick(item, fields, where)
    slug = item.get("slug")
    if not isinstance(slug, str) or not slug:
        raise ContentError(f'{where}: "slug" wajib diisi.')
    where = f'{where} (slug "{slug}")'
    obj = model.objects.filter(slug=slug).first() or model(slug=slug)
    for field, value in values.items():
        setattr(obj, field, value)
    return obj, where


def _publication(obj, item, where):
    obj.status = _value("status", item.get("status") or Status.PUBLISHED)
    if item.get("published_at"):
        obj.published_at = _datetime(item, "published_at", where)
    obj.unpublish_at = _datetime(item, "unpublish_at", where) if item.get("unpublish_at") else None


def _datetime(item, field, where):
    value = parse_datetime(str(item[field]))
    if value is None:
        raise ContentError(f'{where}: {field} "{item[field]}" bukan tanggal-waktu ISO 8601.')
    return value if timezone.is_aware(value) else timezone.make_aware(value)


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
    clarification, where = _entry(Clarification, item, where, ["claim", "verdict", "explanation"])
    date = item.get("date")
    if date:
        clarification.date = parse_date(str(date))
        if clarification.date is None:
            raise ContentError(f'{where}: date "{date}" bukan tanggal YYYY-MM-DD.')
    elif clarification.date is None:
        clarification.date = timezone.localdate()
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
