"""What the SQL of both databases shares: the tables it names, the ranking it hands back, and concepts
joined with each database's own "or" and "and"."""

from dataclasses import dataclass, field

from bansos_portal.search.models import SearchEntry
from bansos_portal.search.ranking import COVERAGE, TEXT_SCORE, TITLE_COVERAGE
from programs.models import Program

TABLE = SearchEntry._meta.db_table
FTS_TABLE = f"{TABLE}_fts"
POSTINGS = "bansos_portal_searchposting"
TERMS = "bansos_portal_searchterm"
ENTRY_PROGRAMS = SearchEntry.programs.through._meta.db_table
PROGRAMS = Program._meta.db_table
ID = f'"{TABLE}"."id"'
# What a result shows (page, API, suggestions): the stems and dates are left unread.
SELECTED = ("id", "kind", "slug", "title", "url", "summary", "body")


def column(name):
    return f'"{TABLE}"."{name}"'


def _join(parts, operator):
    return parts[0] if len(parts) == 1 else "(" + f" {operator} ".join(parts) + ")"


@dataclass
class Ranking:
    """What ranking needs: its columns as (name, sql, params), and any table (with its join conditions
    as (sql, params)) those columns read. `table_params` are the parameters of the tables' SQL; with
    `selects_matches` the tables and conditions already keep only the matches, so the matches' own
    condition is left out (on SQLite it would read every match's id a second time)."""

    columns: list
    tables: list = field(default_factory=list)
    conditions: list = field(default_factory=list)
    table_params: list = field(default_factory=list)
    selects_matches: bool = False


class Fragments:
    """What both databases share: concepts joined with the database's own "or" and "and"."""

    any_of = every_of = None
    # Whether champions are scored from their postings (statements.Matches.champions).
    scores_champions = False
    # How many entries the index holds (a scalar subquery).
    entry_count_sql = f'SELECT COUNT(*) FROM "{TABLE}"'

    def _concept(self, alternatives):
        lexemes = [[self._lexeme(s) for s in alternative] for alternative in alternatives]
        return _join([_join(alternative, self.every_of) for alternative in lexemes], self.any_of)

    def _joined(self, concepts, operator):
        return f" {operator} ".join(self._concept(c) for c in concepts)

    def kind_sql(self, kind):
        return f"{column('kind')} = %s", [kind]

    def streamed_matches(self, concepts):
        """(tables, conditions) that read the matches one by one, or None where the matching condition
        on the entries table does (PostgreSQL's GIN index)."""
        return None

    def few_of_kind(self, concepts, kind, connection):
        """How to read the matches of a kind with few entries (FewOfKind), or None: always the usual way."""
        return None

    def match_sql(self, concepts):
        return self._matches(self._joined(concepts, self.any_of))

    def match_all_sql(self, concepts):
        return self._matches(self._joined(concepts, self.every_of))


@dataclass
class FewOfKind:
    """The matches of one kind read entry by entry, for a kind of at most `most` entries: `tables`, the
    test of the kind and the test of a match, each as (sql, params)."""

    most: int
    tables: str
    of_kind: tuple
    matching: tuple


def weighted(test_sql, params, weights):
    """Σ weight × test (1 or 0) over the concepts, as SQL and its parameters."""
    sql = " + ".join(f"%s * {test_sql}" for _ in params)
    return f"({sql})", [value for weight, param in zip(weights, params, strict=True) for value in (weight, param)]


def relevance(held, in_title, score, factors):
    """One number per entry (see ranking.py): the share of the query's weight it holds, the share its title
    holds and its full-text score, times the factor of its kind."""
    kinds = " ".join(f"WHEN %s THEN {float(factor)}" for factor in factors.values())
    factor = f"(CASE {column('kind')} {kinds} ELSE 1 END)" if factors else "1"
    sql = f"(({held[0]} * {COVERAGE} + {in_title[0]} * {TITLE_COVERAGE} + {score[0]} * {TEXT_SCORE}) * {factor})"
    return sql, [*held[1], *in_title[1], *score[1], *factors]
