"""One search, used by the search page, the JSON API, the quality report and the benchmark."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.utils import timezone

from bansos_portal.page_cache.memo import per_generation, per_generation_each
from bansos_portal.publishing import items_filter
from bansos_portal.search.highlight import mark, snippet
from bansos_portal.search.models import BestBet, SearchEntry, SearchTerm
from bansos_portal.search.query import parse_partial, parse_query
from bansos_portal.search.ranking import RankedMatches, concept_weights, kind_factors
from bansos_portal.search.statements import (
    Matches,
    entry_frequencies,
    fts_rows_holding,
    text_statistics,
)
from bansos_portal.search.text import remember_stems, words

PER_PAGE = 10
# Counts stop here ("Lebih dari 500 hasil", 50 pages): nobody pages that far, and exact counts of a common
# word cost a scan of most of the index.
COUNT_LIMIT = 500
# Up to this many entries in the index, the counts per kind and per program come from one pass over the
# matches (Matches.facet_counts); a larger index counts each kind apart, stopping at COUNT_LIMIT.
ONE_PASS_UP_TO = 2_000


@dataclass
class SearchResults:
    query: str
    page: Page
    suggestion: str | None = None
    best_bets: list = field(default_factory=list)
    kind_counts: dict = field(default_factory=dict)
    program_counts: list = field(default_factory=list)
    more_than_total: bool = False  # more results exist than were counted (see COUNT_LIMIT)

    @property
    def entries(self):
        return list(self.page.object_list)

    @property
    def total(self):
        return self.page.paginator.count


def search(query, *, kind=None, program=None, page=1, per_page=PER_PAGE, facets=True):
    """Ranked, highlighted results for `query` (already cleaned), one page at a time.

    With `facets`, also the number of results per program (the counts per kind always come,
    since they give the total too).
    """
    parsed = parse_query(query)
    if not parsed.concepts:
        return SearchResults(query, Paginator(SearchEntry.objects.none(), per_page).get_page(1))
    _load_known_stems()
    matches = _matches(parsed)
    in_program = matches.in_program(program) if program else matches
    chosen = in_program.of_kind(kind) if kind else in_program
    bets = _best_bets(parsed.key) if page in (1, "1", None) and not (kind or program) else []
    pinned = {bet.url for bet in bets}
    if facets and not program and matches.entries <= ONE_PASS_UP_TO:
        kind_counts, program_rows = matches.facet_counts(COUNT_LIMIT + 1, kind)
    else:
        kind_counts = in_program.kind_counts(at_most=COUNT_LIMIT + 1)
        program_rows = matches.program_counts(kind) if facets else []
    total = kind_counts.get(kind, 0) if kind else sum(kind_counts.values())
    results = SearchResults(
        query=query,
        page=_paginator(chosen, pinned, total, per_page).get_page(page),
        suggestion=parsed.suggestion(words(query)),
        best_bets=bets,
        kind_counts=kind_counts,
        program_counts=[
            {"slug": slug, "name": acronym or name, "count": count} for slug, acronym, name, count in program_rows
        ],
        more_than_total=total > COUNT_LIMIT,
    )
    for entry in [*bets, *results.page]:
        entry.title_html = mark(entry.title, parsed.stems)
        entry.snippet_html = snippet(f"{entry.summary} {entry.body}".strip(), parsed.stems)
    return results


def _matches(parsed):
    """The query's matches, ranked by each concept's rarity and the query's intent."""
    database = SearchEntry.objects.db
    # A word still being typed ("daft*") weighs as the stem it starts with; "" is the number of entries.
    stems = ["", *{s.rstrip("*") for s in parsed.stems}]
    frequencies = per_generation_each(
        ("entry-frequencies", database), stems, lambda missing: entry_frequencies(database, missing)
    )
    weights = concept_weights(parsed.groups, frequencies, frequencies[""])
    return Matches(
        database,
        parsed.groups,
        weights=weights,
        factors=kind_factors(parsed.intent),
        statistics=_statistics(database),
        entries=frequencies[""],
    )


def _statistics(database):
    """The full-text statistics of some stems (SQLite), the rows holding each stem kept per generation."""

    def holding(stems):
        return per_generation_each(("fts-rows-holding", database), stems, lambda m: fts_rows_holding(database, m))

    return lambda stems: text_statistics(database, stems, holding)


def _paginator(chosen, pinned, total, per_page):
    """Pages of the chosen matches but the pinned ones, in rank order; `total` is how many were chosen."""
    listed = chosen.excluding_urls(pinned) if pinned else chosen
    paginator = Paginator(RankedMatches(listed, at_most=total), per_page)
    # The counts per kind hold the total, unless pinned entries left the list.
    paginator.count = listed.count(COUNT_LIMIT + 1) if pinned and total <= COUNT_LIMIT else min(total, COUNT_LIMIT)
    return paginator


_known_stems_loaded = False


def _load_known_stems():
    """Once per process, the stems the index already holds for every word of the content: highlighting
    then never runs the stemmer on a word of a title or snippet (a new worker would spend seconds on it)."""
    global _known_stems_loaded
    if not _known_stems_loaded:
        _known_stems_loaded = True
        remember_stems(SearchTerm.objects.values_list("word", "stem").iterator(chunk_size=5000))


BET_TARGETS = {"program_id": "programs.program", "question_id": "faq.question", "clarification_id": "faq.clarification"}


def _best_bets(key):
    """The published entries Humas pinned to this query, in their order."""
    now = timezone.now()
    wanted = [
        target
        for expires_at, target in per_generation("best-bets", _all_best_bets).get(key, [])
        if expires_at is None or expires_at > now
    ]
    if not wanted:
        return []
    condition = items_filter((*model.split("."), pk) for model, pk in wanted)
    found = {
        (f"{entry.content_type.app_label}.{entry.content_type.model}", entry.object_id): entry
        for entry in SearchEntry.objects.published().filter(condition).select_related("content_type")
    }
    return list({found[target].url: found[target] for target in wanted if target in found}.values())


def _all_best_bets():
    """Every best bet as {query key: [(expiry, (model, pk)), ...]} in Humas' order: a small table."""
    found = defaultdict(list)
    for bet in BestBet.objects.values("query_key", "expires_at", *BET_TARGETS):
        found[bet["query_key"]] += [(bet["expires_at"], (BET_TARGETS[f], bet[f])) for f in BET_TARGETS if bet[f]]
    return found


def title_suggestions(query, limit=6):
    """Published titles for a query still being typed, best first (for suggestions while typing)."""
    parsed = parse_partial(query)
    if not parsed.concepts:
        return []
    return Matches(SearchEntry.objects.db, parsed.groups).with_title_match().ranked(0, limit)
