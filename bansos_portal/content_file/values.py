"""Reading the values of a content file: its lists and fields, the words it accepts for coded values, and
the checks every value passes before anything is saved (each refusal names the entry and the reason)."""

import json
from datetime import UTC

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from programs.page_sections import ANSWERS, SECTIONS


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


def entries(data, key):
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


def named(where, item):
    slug = item.get("slug") if isinstance(item, dict) else None
    return f'{where} (slug "{slug}")' if isinstance(slug, str) and slug and storable(slug) else where


def storable(text):
    """Neither database keeps a NUL character (PostgreSQL refuses it) nor half a surrogate pair."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return "\x00" not in text


def refuse_unstorable(value, where, path="", depth=0):
    """Text that cannot be stored anywhere in an entry, or nesting deeper than the format, named by path."""
    at = f"{where}: {path}" if path else f"{where}:"
    if depth > MAX_DEPTH:
        raise ContentError(f"{at} bersarang terlalu dalam; format isi tidak sedalam itu.")
    if isinstance(value, str) and not storable(value):
        raise ContentError(f"{at} berisi karakter NUL (\\u0000) atau karakter rusak yang tidak dapat disimpan.")
    if isinstance(value, dict):
        for name, child in value.items():
            refuse_unstorable(child, where, f"{path}.{name}" if path else str(name), depth + 1)
    elif isinstance(value, list):
        for i, child in enumerate(value):
            refuse_unstorable(child, where, f"{path}[{i}]", depth + 1)


def shown(value):
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 40 else text[:39] + "…"


def value_of(field, value, where):
    # JSON null in a text field means "empty"; in a number field it stays "unknown".
    if value is None:
        return "" if field in TEXT_FIELDS else None
    if field in NUMBER_FIELDS:
        # 1e400 and Infinity read as float infinity, which no integer column holds; 2.5 would be cut to 2.
        whole = isinstance(value, int | str) or (isinstance(value, float) and value.is_integer())
        if isinstance(value, bool) or not whole:
            raise ContentError(f"{where}: {field} harus bilangan bulat, bukan {shown(value)}.")
        return value
    if not isinstance(value, str):
        raise ContentError(f"{where}: {field} harus berupa teks, bukan {shown(value)}.")
    return SYNONYMS[field].get(value.strip().lower(), value) if field in SYNONYMS else value


def pick(item, fields, where):
    if not isinstance(item, dict):
        raise ContentError(f"{where}: harus berupa objek JSON.")
    source = item.get("source")
    if "source" in fields and isinstance(source, dict):  # a budget's source given as {"title", "url"}
        given = pick(source, ["title", "url"], f"{where}.source")
        item = {
            **item,
            "source": given.get("title") or given.get("url") or "",
            "source_url": item.get("source_url") or given.get("url") or "",
        }
    return {field: value_of(field, item[field], where) for field in fields if field in item}


def source_of(child, where):
    """A source given as {"title", "url"}, or as a bare URL."""
    if isinstance(child, str):
        return {"title": child, "url": child}
    return pick(child, ["title", "url"], where)


def datetime_of(item, field, where):
    text = value_of(field, item[field], where)
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
