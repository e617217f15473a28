"""The ranking policy: which matches come first, and how a page is read without ranking every match.

The SQL that computes the ranking column named here lives in statements/; this module decides what it
weighs, its order and which narrower sets of matches may stand in for all of them.

Matching is graded, not all-or-nothing: an entry that holds most of what a query means, but not a word
that says little ("bantuan" in a portal about bantuan), still ranks, just below one that holds it all
equally well. Each concept weighs by its rarity in the index (BM25's idf), as a share of the query.
"""

import math

from bansos_portal.search.models import SearchEntry

# What a query reads like (decided by query.intent).
MESSAGE, QUESTION = "message", "question"

# relevance = COVERAGE × (share of the query's weight the entry holds anywhere)
#           + TITLE_COVERAGE × (share its title holds)
#           + TEXT_SCORE × (full-text score saturated to 0..1: field-weighted, title > summary > body)
#           all times the factor of its kind for the query's intent (KIND_FACTORS).
COVERAGE = 1.0
TITLE_COVERAGE = 0.5
TEXT_SCORE = 2.0
# Where each database's full-text score saturates to one half: PostgreSQL's ts_rank and SQLite's bm25()
# run on different scales.
TS_RANK_HALF = 0.15
BM25_HALF = 10.0

# A question or a task ("daftar pkh") wants the official answer: a clarification, whose summary repeats the
# hoax's own words, goes below a program or FAQ that is nearly as relevant. A pasted message or claim wants
# its clarification first.
KIND_FACTORS = {
    MESSAGE: {SearchEntry.Kind.CLARIFICATION.value: 1.5},
    QUESTION: {SearchEntry.Kind.CLARIFICATION.value: 0.6},
}

# By relevance; the title, then the id, settle ties the same way each time.
RANK_ORDER = ("-relevance", "title", "id")


def kind_factors(intent):
    return KIND_FACTORS.get(intent, KIND_FACTORS[QUESTION])


def concept_weights(concepts, frequencies, total):
    """Each concept's share of the query: its idf (the rarest of its stems) over the sum of them all.

    `frequencies` is {stem: entries holding it}, `total` the entries in the index."""
    idfs = []
    for concept in concepts:
        entries = max(frequencies.get(s.rstrip("*"), 0) for alternative in concept for s in alternative)
        entries = min(entries, total)
        idfs.append(math.log(1 + (total - entries + 0.5) / (entries + 0.5)))
    whole = sum(idfs)
    return [idf / whole for idf in idfs] if whole > 0 else [1 / len(concepts)] * len(concepts)


def core_concepts(concepts, weights):
    """The concepts that carry at least half an equal share of the query's weight."""
    floor = 0.5 / len(concepts)
    return [concept for concept, weight in zip(concepts, weights, strict=True) if weight >= floor]


# Pages within the first CHAMPION_DEPTH results rank only the champion lists (where the database has
# them): each concept's strongest CHAMPIONS_PER_CONCEPT entries, shared among its stems, at least
# MIN_PER_STEM each. Deeper pages rank every match.
CHAMPION_DEPTH = 100
CHAMPIONS_PER_CONCEPT = 100
MIN_PER_STEM = 10
# Up to this many matches, every match is ranked directly.
FEW_MATCHES = 100


def champion_quotas(concepts, per_concept):
    """(stems, quotas): how many of each stem's strongest entries a concept's share allows."""
    stems, quotas = [], []
    for concept in concepts:
        own = sorted({s for alternative in concept for s in alternative})
        stems += own
        quotas += [max(MIN_PER_STEM, per_concept // len(own))] * len(own)
    return stems, quotas


class RankedMatches:
    """The matches (a statements.Matches) in rank order, read one page at a time by slicing, without
    ranking more rows than needed. The paginator is given its count: the caller has counted already.

    Entries holding every core concept (all but the low-information ones) nearly always rank above those
    that miss one, so when they alone fill the requested page, only they are ranked: a much smaller set.
    This stands in for all matches only on large result sets (more than FEW_MATCHES), like the champion
    lists do.
    """

    def __init__(self, matches, at_most):
        # at_most: how many matches there can be, as the caller counted them.
        self.matches, self.at_most = matches, at_most

    def __getitem__(self, window):
        wanted = window.stop - window.start
        if self.at_most <= FEW_MATCHES:
            # Few matches: ranking them all is one cheap statement, and exact (the narrower tries
            # below would come up short and each cost a statement of its own first).
            return self.matches.ranked(window.start, window.stop)
        if self.matches.has_champions and window.stop <= CHAMPION_DEPTH and not self._has_prefix():
            champions = self.matches.champions(*champion_quotas(self.matches.concepts, CHAMPIONS_PER_CONCEPT))
            rows = champions.ranked(window.start, window.stop)
            if len(rows) == wanted:
                return rows
        if len(self.matches.concepts) > 1:
            core = core_concepts(self.matches.concepts, self.matches.weights)
            rows = self.matches.holding_every_concept(core).ranked(window.start, window.stop)
            if len(rows) == wanted:
                return rows
        return self.matches.ranked(window.start, window.stop)

    def _has_prefix(self):
        concepts = self.matches.concepts
        return any(s.endswith("*") for concept in concepts for alternative in concept for s in alternative)
