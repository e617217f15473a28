"""Read-only JSON for integrators: /api/v1/…, open to any origin, errors as JSON with a 4xx code."""

import html

from django.conf import settings
from django.utils.html import strip_tags

from bansos_portal.search import engine
from bansos_portal.search.models import SearchEntry
from bansos_portal.search.text import clean_query
from programs.models import Program

from .http import error, json_response

MAX_LIMIT = 50


def _limit(raw):
    if raw in (None, ""):
        return engine.PER_PAGE
    # ASCII digits only: str.isdigit() also accepts "²", which int() then refuses.
    if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= MAX_LIMIT:
        raise ValueError(f"limit harus bilangan bulat 1 sampai {MAX_LIMIT}.")
    return int(raw)


def _result(request, entry):
    return {
        "type": entry.kind,
        "slug": entry.slug,
        "title": entry.title,
        "url": request.build_absolute_uri(entry.url),
        "snippet": html.unescape(strip_tags(entry.snippet_html)),
    }


def search(request):
    if request.method != "GET":
        return error("Hanya GET yang didukung.", status=405)
    query = clean_query(request.GET.get("q"), settings.SEARCH_MAX_QUERY_LENGTH)
    kind = request.GET.get("type") or None
    program = request.GET.get("program") or None
    if program:
        program = clean_query(program, 100) or program.replace("\x00", "?")
    try:
        limit = _limit(request.GET.get("limit"))
    except ValueError as problem:
        return error(str(problem))
    if not query:
        return error("Parameter q (kata pencarian) wajib diisi.")
    if kind and kind not in SearchEntry.Kind.values:
        return error(f"type harus salah satu dari: {', '.join(SearchEntry.Kind.values)}.")
    if program and not Program.objects.published().filter(slug=program).exists():
        return error(f"Program {program!r} tidak dikenal.")
    results = engine.search(query, kind=kind, program=program, per_page=limit, facets=False)
    entries = [*results.best_bets, *results.entries][:limit]
    return json_response(
        {
            "query": query,
            "total": results.total + len(results.best_bets),
            "suggestion": results.suggestion,
            "results": [_result(request, entry) for entry in entries],
        }
    )
