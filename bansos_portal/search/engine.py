"""One search, used by the search page, the JSON API, the quality report and the benchmark."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Q
from django.utils import timezone

from bansos_portal.page_cache.memo import per_generation
from bansos_portal.search.highlight import mark, snippet
from bansos_portal.search.models import BestBet, SearchEntry, SearchTerm
from bansos_portal.search.query import parse_partial, parse_query
from bansos_portal.search.statements import ENTRY_PROGRAMS, PROGRAMS, Matches
from bansos_portal.search.text import remember_stems, words

PER_PAGE = 10
# Counts stop here ("Lebih dari 500 hasil", 50 pages): nobody pages that far, and exact counts of a common
# word cost a scan of most of the index.
COUNT_LIMIT = 500
# Pages within the first CHAMPION_DEPTH results rank only the champion lists (where the database
# has them); deeper pages rank every match.
CHAMPION_DEPTH = 100
CHAMPIONS_PER_CONCEPT = 100
# Up to this many matches, every match is ranked directly.
FEW_MATCHES = 100


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
    matches = Matches(SearchEntry.objects.db, parsed.groups)
    in_program = matches.in_program(program) if program else matches
    chosen = in_program.of_kind(kind) if kind else in_program
    bets = _best_bets(parsed.key) if page in (1, "1", None) and not (kind or program) else []
    pinned = {bet.url for bet in bets}
    facets_of = Facets(matches)
    kind_counts = facets_of.kind_counts(program)
    total = kind_counts.get(kind, 0) if kind else sum(kind_counts.values())
    ranked = RankedMatches(chosen.excluding_urls(pinned) if pinned else chosen, at_most=total)
    paginator = Paginator(ranked, per_page)
    if not pinned or total > COUNT_LIMIT:  # the counts per kind already hold the total
        paginator.count = min(total, COUNT_LIMIT)
    results = SearchResults(
        query=query,
        page=paginator.get_page(page),
        suggestion=parsed.suggestion(words(query)),
        best_bets=bets,
        kind_counts=kind_counts,
        program_counts=facets_of.program_counts(kind) if facets else [],
        more_than_total=total > COUNT_LIMIT,
    )
    for entry in [*bets, *results.page]:
        entry.title_html = mark(entry.title, parsed.stems)
        entry.snippet_html = snippet(f"{entry.summary} {entry.body}".strip(), parsed.stems)
    return results


_known_stems_loaded = False


def _load_known_stems():
    """Once per process, the stems the index already holds for every word of the content: highlighting
    then never runs the stemmer on a word of a title or snippet (a new worker would spend seconds on it)."""
    global _known_stems_loaded
    if not _known_stems_loaded:
        _known_stems_loaded = True
        remember_stems(SearchTerm.objects.values_list("word", "stem").iterator(chunk_size=5000))


class RankedMatches:
    """The matches in rank order, read one page at a time without ranking more rows than needed.

    Entries holding every concept always rank above those that do not (see RANK_ORDER), so when they
    alone fill the requested page, only they need ranking: a much smaller set.
    """

    def __init__(self, matches, at_most=None):
        # at_most: how many matches there can be, when the caller has counted them already.
        self.matches, self.at_most = matches, at_most

    def count(self):
        return self.matches.count(COUNT_LIMIT + 1)

    def __len__(self):
        return self.count()

    def __getitem__(self, window):
        wanted = window.stop - window.start
        if self.at_most is not None and self.at_most <= FEW_MATCHES:
            # Few matches: ranking them all is one cheap statement, and exact (the narrower tries
            # below would come up short and each cost a statement of its own first).
            return self.matches.ranked(window.start, window.stop)
        champions = self.matches.champions(CHAMPIONS_PER_CONCEPT)
        if champions is not None and window.stop <= CHAMPION_DEPTH and not self._has_prefix():
            rows = champions.ranked(window.start, window.stop)
            if len(rows) == wanted:
                return rows
        if len(self.matches.concepts) > 1:
            rows = self.matches.holding_every_concept().ranked(window.start, window.stop)
            if len(rows) == wanted:
                return rows
        return self.matches.ranked(window.start, window.stop)

    def _has_prefix(self):
        concepts = self.matches.concepts
        return any(s.endswith("*") for concept in concepts for alternative in concept for s in alternative)


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
    condition = Q()
    for model, pk in wanted:
        app_label, model_name = model.split(".")
        condition |= Q(content_type__app_label=app_label, content_type__model=model_name, object_id=pk)
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


class Facets:
    """Counts per kind and per program, written around the matches' SELECT (see statements.Matches)."""

    def __init__(self, matches):
        self.matches = matches

    def kind_counts(self, program=None):
        """Matches per kind, each counted up to COUNT_LIMIT + 1 (more means "lebih dari"), in one statement.

        A count per kind, not one GROUP BY: each stops at the limit and, on PostgreSQL, reads only its
        kind's full-text index."""
        within = self.matches.in_program(program) if program else self.matches
        sql, within_params = within.ids_and_kinds()
        kinds, parts, params = SearchEntry.Kind.values, [], []
        for kind in kinds:
            parts.append(
                f"(SELECT COUNT(*) FROM (SELECT 1 FROM ({sql}) AS m WHERE m.kind = %s "
                f"LIMIT {COUNT_LIMIT + 1}) AS capped)"
            )
            params += [*within_params, kind]
        return dict(zip(kinds, self.matches.fetch(f"SELECT {', '.join(parts)}", params)[0], strict=True))

    def program_counts(self, kind=None):
        """Matches per program, most first."""
        sql, params = self.matches.ids_and_kinds()
        of_kind = " WHERE m.kind = %s" if kind else ""
        rows = self.matches.fetch(
            f"SELECT p.slug, p.acronym, p.name, COUNT(*) FROM ({sql}) AS m "
            f"JOIN {ENTRY_PROGRAMS} e ON e.searchentry_id = m.id JOIN {PROGRAMS} p ON p.id = e.program_id{of_kind} "
            "GROUP BY p.id, p.slug, p.acronym, p.name ORDER BY 4 DESC, p.name",
            [*params, *([kind] if kind else [])],
        )
        return [{"slug": slug, "name": acronym or name, "count": total} for slug, acronym, name, total in rows]


def title_suggestions(query, limit=6):
    """Published titles for a query still being typed, best first (for suggestions while typing)."""
    parsed = parse_partial(query)
    if not parsed.concepts:
        return []
    entries = (
        SearchEntry.objects.published()
        .matching(parsed.groups)
        .ranked(parsed.groups)
        .filter(title_hits__gte=1)
        .only("title", "url", "kind")[:limit]
    )
    return [entry for entry in entries]
