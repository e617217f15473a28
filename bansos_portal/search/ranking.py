"""The ranking policy: which matches come first, and how a page is read without ranking every match.

The SQL that computes the ranking columns named here lives in statements.py; this module decides their
order and which narrower sets of matches may stand in for all of them.
"""

# Titles holding every concept first, then entries holding every concept, then by how many concepts the
# title holds, then by relevance; the title, then the id, settle ties the same way each time.
RANK_ORDER = ("-title_all", "-all_terms", "-title_hits", "-score", "title", "id")

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

    Entries holding every concept always rank above those that do not (see RANK_ORDER), so when they
    alone fill the requested page, only they need ranking: a much smaller set.
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
            rows = self.matches.holding_every_concept().ranked(window.start, window.stop)
            if len(rows) == wanted:
                return rows
        return self.matches.ranked(window.start, window.stop)

    def _has_prefix(self):
        concepts = self.matches.concepts
        return any(s.endswith("*") for concept in concepts for alternative in concept for s in alternative)
