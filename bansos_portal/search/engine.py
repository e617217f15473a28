"""One search, used by the search page, the JSON API, the quality report and the benchmark."""

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator

from bansos_portal.models import SearchEntry
from bansos_portal.search.highlight import mark, snippet
from bansos_portal.search.text import query_terms

PER_PAGE = 10


@dataclass
class SearchResults:
    query: str
    page: Page
    suggestion: str | None = None
    kind_counts: dict = field(default_factory=dict)

    @property
    def entries(self):
        return list(self.page.object_list)

    @property
    def total(self):
        return self.page.paginator.count


def search(query, *, kind=None, program=None, page=1, per_page=PER_PAGE):
    """Ranked, highlighted results for `query` (already cleaned), one page at a time."""
    entries = SearchEntry.objects.search(query)
    if kind:
        entries = entries.filter(kind=kind)
    result_page = Paginator(entries, per_page).get_page(page)
    terms = set(query_terms(query))
    for entry in result_page:
        entry.title_html = mark(entry.title, terms)
        entry.snippet_html = snippet(f"{entry.summary} {entry.body}", terms)
    return SearchResults(query=query, page=result_page)
