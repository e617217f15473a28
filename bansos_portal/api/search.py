"""/api/v1/search/: the site's search as JSON, in the order the search page shows."""

from typing import Annotated

from django.conf import settings
from ninja import Query, Router

from bansos_portal.search import engine
from bansos_portal.search.models import SearchEntry
from bansos_portal.search.text import clean_query
from programs.models import Program

from . import schemas
from .http import ApiError
from .params import one_of, required, whole_number
from .schemas import answers

MAX_LIMIT = 50

router = Router()


@router.get(
    "/search/",
    **answers(schemas.SearchResults),
    url_name="api_search",
    operation_id="search",
    summary="Pencarian di program, tanya jawab, cek fakta dan kantor Dinas Sosial.",
)
def search(
    request,
    q: Annotated[str, Query(description="Kata pencarian.")],
    type: Annotated[
        one_of(SearchEntry.Kind.values) | None, Query(None, description="Jenis isi; office untuk kantor Dinas Sosial.")
    ],
    program: Annotated[str, Query("", description="Slug program yang terbit, misalnya pkh.")],
    limit: Annotated[whole_number(MAX_LIMIT), Query(engine.PER_PAGE, description="Jumlah hasil.")],
):
    query = clean_query(q, settings.SEARCH_MAX_QUERY_LENGTH)
    if program:
        program = clean_query(program, 100) or program.replace("\x00", "?")
    if not query:
        raise ApiError(required("q"))
    if program and not Program.objects.published().filter(slug=program).exists():
        raise ApiError(f"Program {program!r} tidak dikenal.")
    results = engine.search(query, kind=type, program=program or None, per_page=limit, facets=False)
    return {
        "query": query,
        "total": results.total + len(results.best_bets),
        "suggestion": results.suggestion,
        "results": [*results.best_bets, *results.entries][:limit],
    }
