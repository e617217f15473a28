"""Every SQL text of the search, for both databases: the full-text structures, each database's fragments,
the statements one search runs around them, and the count of searches per day.

A query arrives as concepts (see query.py): each concept is a list of alternatives, each alternative a
tuple of stems that must all occur. Both databases answer the same questions: which entries match any
concept; for ranking, whether the title holds every concept, whether the entry holds every concept, how
many concepts the title holds, and a relevance score (title weighs more than summary, summary more than
body). Each answer is an SQL fragment with its parameters.

A search asks several questions of the same matches (counts per kind, per program, one page of ranked
results). Built as querysets, each compiled the same full-text expressions again, which was a good part
of a search's time; here the matches are one WHERE clause (`Matches`), and each statement is a string
around it. The ORM still says what "published" means (see `published_condition`); the order of the
ranking columns is policy, in ranking.py.
"""

import copy
from datetime import UTC, datetime

from django.db import connections
from django.utils import timezone

from bansos_portal.publishing import published_filter
from bansos_portal.search.models import SearchEntry, SearchQueryStat
from bansos_portal.search.ranking import RANK_ORDER
from programs.models import Program

from .common import ENTRY_PROGRAMS, ID, PROGRAMS, SELECTED, TABLE, TERMS, column
from .postgresql import PostgresFragments
from .sqlite import Bm25Statistics, SqliteFragments, bm25_totals, rows_holding

FRAGMENTS = {"postgresql": PostgresFragments(), "sqlite": SqliteFragments()}


def fragments_for(connection):
    try:
        return FRAGMENTS[connection.vendor]
    except KeyError:
        raise NotImplementedError(f"Search supports PostgreSQL and SQLite, not {connection.vendor}") from None


def install(connection, repair=False):
    """Create the database's full-text structures, or with `repair` restore what a migration dropped."""
    fragments = fragments_for(connection)
    _execute(connection, fragments.repair_sql if repair else fragments.install_sql)


def install_champions(connection):
    """Migration 0005: the title vector, per-kind indexes and champion lists (PostgreSQL only)."""
    _execute(connection, fragments_for(connection).champion_sql)


def install_forget_postings(connection):
    """Migration 0012: PostgreSQL deletes an entry's postings with it, as SQLite's triggers have since 0009."""
    if connection.vendor == "postgresql":
        _execute(connection, fragments_for(connection).forget_postings_sql)


def _execute(connection, statements):
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


# Where the current time goes in a compiled publication rule: a moment no content is dated.
_NOW = datetime(2000, 1, 1, 0, 0, 0, 123457, tzinfo=UTC)
_compiled = {}


def published_condition(queryset, connection):
    """The publication rule (`published_filter`, what `queryset.published()` filters on) as SQL that names
    its table, holding the current time. The ORM compiles it once per model and database (a good part of
    a search's Python time when done every time); the time is put in on every call."""
    key = (queryset.model, connection.alias)
    if key not in _compiled:
        query = queryset.filter(published_filter(_NOW)).query
        sql, params = query.get_compiler(connection=connection).compile(query.where)
        _compiled[key] = sql, params, connection.ops.adapt_datetimefield_value(_NOW)
    sql, params, marker = _compiled[key]
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    return sql, [now if param == marker else param for param in params]


class Matches:
    """Published entries matching a parsed query, optionally narrowed: a WHERE clause and its parameters."""

    def __init__(self, database, concepts, weights=None, factors=None, statistics=None, entries=None):
        """`weights`: each concept's share of the query (equal when not given); `factors`: {kind: factor}
        the relevance of that kind's entries is multiplied by (see ranking.kind_factors); `statistics`:
        a function giving the full-text statistics of some stems (`text_statistics`, or a memo of it);
        `entries`: about how many entries the index holds (see entry_frequencies), if known."""
        self.database, self.concepts, self.entries = database, concepts, entries
        self.weights = weights or [1 / len(concepts)] * len(concepts)
        self.factors = factors or {}
        self.connection = connections[database]
        self.fragments = fragments_for(self.connection)
        self.statistics = statistics or (lambda stems: text_statistics(database, stems))
        # The full-text condition, apart: a ranking that joins the full-text table needs it no more.
        self.matching = self.fragments.match_sql(concepts)
        self.conditions = [published_condition(SearchEntry.objects, self.connection)]
        # Champion lists to score from their postings alone (SQLite), as (sql, params).
        self.candidates = None
        # Narrowed to a few rows (champion lists), so no index is needed to find the matches among them.
        self.few = False

    @property
    def has_champions(self):
        return self.fragments.has_champions

    def _copy(self, **changes):
        other = copy.copy(self)
        other.__dict__.update(changes)
        return other

    def narrowed(self, sql, params):
        return self._copy(conditions=[*self.conditions, (sql, list(params))])

    def of_kind(self, kind):
        return self.narrowed(*self.fragments.kind_sql(kind))

    def in_program(self, slug):
        """Linked to the published program `slug`: any other slug is a program nobody may see."""
        published, params = published_condition(Program.objects, self.connection)
        return self.narrowed(
            f"{ID} IN (SELECT e.searchentry_id FROM {ENTRY_PROGRAMS} e JOIN {PROGRAMS} "
            f"ON {PROGRAMS}.id = e.program_id WHERE {PROGRAMS}.slug = %s AND {published})",
            [slug, *params],
        )

    def excluding_urls(self, urls):
        return self.narrowed(f"{column('url')} NOT IN ({', '.join(['%s'] * len(urls))})", list(urls))

    def holding_every_concept(self, of=None):
        """Only entries holding every concept (or every one of the concepts `of`)."""
        return self.narrowed(*self.fragments.match_all_sql(self.concepts if of is None else of))

    def with_title_match(self):
        """Only entries whose title holds at least one concept."""
        return self.narrowed(*self.fragments.title_match_sql(self.concepts))

    def champions(self, stems, quotas):
        """Only the entries on the champion lists (where `has_champions`)."""
        candidates = self.fragments.champions_sql(stems, quotas)
        if self.fragments.scores_champions:
            return self._copy(candidates=candidates)
        return self.narrowed(*candidates)._copy(few=True)

    def where(self, extra=(), matching=True):
        conditions = [*([self.matching] if matching else []), *self.conditions, *extra]
        return " AND ".join(sql for sql, _ in conditions), [param for _, params in conditions for param in params]

    def _streamed(self, extra=()):
        """(tables, where, params) of a statement reading the matches one by one, so a LIMIT stops it early:
        on SQLite, from the full-text table joined to the entries (an `id IN` list of a common word's
        matches would be read whole first)."""
        streamed = self.fragments.streamed_matches(self.concepts)
        if streamed is None:
            return (f'"{TABLE}"', *self.where(extra))
        tables, matching = streamed
        return (tables, *self.where([*matching, *extra], matching=False))

    def ids_and_kinds(self):
        """SELECT id, kind of every match (for counting around it). Not streamed: grouped per program, the
        matches are better found from the (fewer) entries linked to a program."""
        where, params = self.where()
        return f'SELECT {ID} AS id, {column("kind")} AS kind FROM "{TABLE}" WHERE {where}', params

    def count(self, at_most):
        tables, where, params = self._streamed()
        sql = f"SELECT COUNT(*) FROM (SELECT 1 FROM {tables} WHERE {where} LIMIT {int(at_most)}) AS capped"
        return self.fetch(sql, params)[0][0]

    def kind_counts(self, at_most):
        """{kind: matches of that kind, counted up to `at_most`}, in one statement.

        A count per kind, not one GROUP BY: each stops at the limit and, on PostgreSQL, reads only its
        kind's full-text index. On SQLite a kind of few entries is read through its own index instead
        (`few_of_kind`), which the statement itself decides."""
        kinds, parts, params = SearchEntry.Kind.values, [], []
        for kind in kinds:
            tables, where, within = self._streamed([self.fragments.kind_sql(kind)])
            count = f"(SELECT COUNT(*) FROM (SELECT 1 FROM {tables} WHERE {where} LIMIT {int(at_most)}) AS c)"
            few = self.fragments.few_of_kind(self.concepts, kind, self.connection)
            if few is None:
                parts.append(count)
                params += within
                continue
            kind_test, kind_params = few.of_kind
            few_where, few_params = self.where([few.of_kind, few.matching], matching=False)
            parts.append(
                f"(CASE WHEN (SELECT COUNT(*) FROM (SELECT 1 FROM {few.tables} WHERE {kind_test} "
                f"LIMIT {few.most + 1}) AS k) <= {few.most} THEN (SELECT COUNT(*) FROM (SELECT 1 FROM "
                f"{few.tables} WHERE {few_where} LIMIT {int(at_most)}) AS f) ELSE {count} END)"
            )
            params += [*kind_params, *few_params, *within]
        return dict(zip(kinds, self.fetch(f"SELECT {', '.join(parts)}", params)[0], strict=True))

    def program_counts(self, kind=None):
        """[(slug, acronym, name, matches)] per published program, most first."""
        sql, params = self.ids_and_kinds()
        per_program, program_params = self._per_program(f"({sql}) AS m", kind)
        return self.fetch(f"{per_program} ORDER BY 4 DESC, {PROGRAMS}.name", [*params, *program_params])

    def facet_counts(self, at_most, kind=None):
        """(kind_counts, program_counts) as kind_counts() and program_counts() give them, from one pass over
        the matches. On a small index that is cheaper than a count per kind, each reading the matches
        again (where the full-text index does not pay, each one tests every row's text)."""
        sql, params = self.ids_and_kinds()
        per_program, program_params = self._per_program("m", kind)
        rows = self.fetch(
            f"WITH m AS MATERIALIZED ({sql}) SELECT 0, m.kind, NULL, NULL, COUNT(*) FROM m GROUP BY m.kind "
            f"UNION ALL SELECT 1, p.* FROM ({per_program}) AS p ORDER BY 1, 5 DESC, 4",
            [*params, *program_params],
        )
        counted = {kind: count for part, kind, _, _, count in rows if part == 0}
        kind_counts = {kind: min(counted.get(kind, 0), at_most) for kind in SearchEntry.Kind.values}
        return kind_counts, [row[1:] for row in rows if row[0] == 1]

    def _per_program(self, matches, kind):
        """SELECT slug, acronym, name, count of the matches (`matches`: a table m of id and kind) per
        published program, and its parameters."""
        published, params = published_condition(Program.objects, self.connection)
        of_kind = " AND m.kind = %s" if kind else ""
        sql = (
            f"SELECT {PROGRAMS}.slug, {PROGRAMS}.acronym, {PROGRAMS}.name, COUNT(*) FROM {matches} "
            f"JOIN {ENTRY_PROGRAMS} e ON e.searchentry_id = m.id JOIN {PROGRAMS} ON {PROGRAMS}.id = e.program_id "
            f"WHERE {published}{of_kind} GROUP BY {PROGRAMS}.id, {PROGRAMS}.slug, {PROGRAMS}.acronym, {PROGRAMS}.name"
        )
        return sql, [*params, *([kind] if kind else [])]

    def ranked(self, start, stop):
        """The entries from `start` to `stop` in rank order (see RANK_ORDER)."""
        if self.candidates:
            stems = {s for concept in self.concepts for alternative in concept for s in alternative}
            ranking = self.fragments.champion_ranking(
                self.concepts, self.weights, self.factors, self.candidates, self.statistics(stems)
            )
        else:
            ranking = self.fragments.ranking(self.concepts, self.weights, self.factors, few=self.few)
        columns = [column(name) for name in SELECTED] + [f"{sql} AS {name}" for name, sql, _ in ranking.columns]
        tables = ", ".join([f'"{TABLE}"', *ranking.tables])
        where, where_params = self.where(ranking.conditions, matching=not ranking.selects_matches)
        order = ", ".join(self._order_term(term) for term in RANK_ORDER)
        sql = (
            f"SELECT {', '.join(columns)} FROM {tables} WHERE {where} ORDER BY {order} "
            f"LIMIT {int(stop - start)} OFFSET {int(start)}"
        )
        params = [param for _, _, params in ranking.columns for param in params]
        params += [*ranking.table_params, *where_params]
        return [SearchEntry.from_db(self.database, SELECTED, row[: len(SELECTED)]) for row in self.fetch(sql, params)]

    def _order_term(self, term):
        name = term.lstrip("-")
        # Ranking columns by their names in the SELECT; entry columns by table, as the FTS table joined
        # for ranking (SQLite) has columns of its own.
        sql = column(name) if name in SELECTED else name
        return f"{sql} DESC" if term.startswith("-") else f"{sql} ASC"

    def fetch(self, sql, params):
        """The rows of a statement, on the matches' database."""
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()


def text_statistics(database, stems, holding=None):
    """What SQLite's bm25() knows of the index (Bm25Statistics) for `stems`; None on PostgreSQL, whose
    champions are ranked by ts_rank in the database. `holding(stems)` may give the rows holding each
    stem (`fts_rows_holding`, or a memo of it)."""
    connection = connections[database]
    if connection.vendor != "sqlite":
        return None
    with connection.cursor() as cursor:
        rows, tokens = bm25_totals(cursor)
    found = (holding or (lambda stems: fts_rows_holding(database, stems)))(sorted(stems))
    return Bm25Statistics(rows, tokens / rows if rows else 0.0, found)


def fts_rows_holding(database, stems):
    """{stem: rows of SQLite's full-text table holding it}."""
    with connections[database].cursor() as cursor:
        return rows_holding(cursor, stems)


def published_stems(database, stems):
    """The `stems` that a currently published entry holds, in one statement."""
    stems = list(stems)
    if not stems:
        return set()
    connection = connections[database]
    fragments = fragments_for(connection)
    published, published_params = published_condition(SearchEntry.objects, connection)
    parts, params = [], []
    for position, stem in enumerate(stems):
        # Stops at the first published entry holding the stem (see Matches._streamed).
        tables, matching = fragments.streamed_matches([[(stem,)]]) or (f'"{TABLE}"', [fragments.match_sql([[(stem,)]])])
        conditions = [*matching, (published, published_params)]
        where = " AND ".join(sql for sql, _ in conditions)
        parts.append(f"SELECT {position} WHERE EXISTS (SELECT 1 FROM {tables} WHERE {where})")
        params += [param for _, condition_params in conditions for param in condition_params]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        return {stems[position] for (position,) in cursor.fetchall()}


def entry_frequencies(database, stems):
    """{stem: about how many entries hold it} for each of `stems` (0 for none), and under "" how many
    entries the index holds (published or not: for rarity it barely differs). From the vocabulary
    (SearchTerm: entries per word, summed over the words sharing the stem), in one statement."""
    stems = list(stems)
    placeholders = ", ".join(["%s"] * len(stems)) or "NULL"
    connection = connections[database]
    sql = (
        f"SELECT stem, SUM(frequency) FROM {TERMS} WHERE stem IN ({placeholders}) GROUP BY stem "
        f"UNION ALL SELECT '', ({fragments_for(connection).entry_count_sql})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, stems)
        return {**dict.fromkeys(stems, 0), **{stem: int(entries) for stem, entries in cursor.fetchall()}}


STATS = SearchQueryStat._meta.db_table
# What one search, or one opened result, adds to its query's row for the day.
STAT_CHANGES = {
    "search": f"searches = {STATS}.searches + 1, results = excluded.results",
    "click": f"clicks = {STATS}.clicks + 1",
}


def count_query(connection, change, day, query, *, searches, clicks, results):
    """Today's row for `query`, created or updated in one statement: every search writes one, so it must be
    cheap. PostgreSQL and SQLite both take this form."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {STATS} (day, query, searches, clicks, results) VALUES (%s, %s, %s, %s, %s) "
            f"ON CONFLICT (day, query) DO UPDATE SET {STAT_CHANGES[change]}",
            [day, query, searches, clicks, results],
        )
