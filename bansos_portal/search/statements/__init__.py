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

from django.db import connections

from bansos_portal.search.models import SearchEntry, SearchQueryStat
from bansos_portal.search.ranking import RANK_ORDER
from programs.models import Program

from .common import ENTRY_PROGRAMS, ID, PROGRAMS, SELECTED, TABLE, TERMS, column
from .postgresql import PostgresFragments
from .sqlite import SqliteFragments

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


def _execute(connection, statements):
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def published_condition(queryset, connection):
    """The publication rule (`published_filter`) of `queryset.published()` as SQL that names its table:
    compiled by the ORM on every search, since it holds the current time."""
    query = queryset.published().query
    return query.get_compiler(connection=connection).compile(query.where)


class Matches:
    """Published entries matching a parsed query, optionally narrowed: a WHERE clause and its parameters."""

    def __init__(self, database, concepts, conditions=None, weights=None, factors=None):
        """`weights`: each concept's share of the query (equal when not given); `factors`: {kind: factor}
        the relevance of that kind's entries is multiplied by (see ranking.kind_factors)."""
        self.database, self.concepts = database, concepts
        self.weights = weights or [1 / len(concepts)] * len(concepts)
        self.factors = factors or {}
        self.connection = connections[database]
        self.fragments = fragments_for(self.connection)
        if conditions is None:
            published = published_condition(SearchEntry.objects, self.connection)
            conditions = [published, self.fragments.match_sql(concepts)]
        self.conditions = conditions

    @property
    def has_champions(self):
        return self.fragments.has_champions

    def narrowed(self, sql, params):
        conditions = [*self.conditions, (sql, list(params))]
        return Matches(self.database, self.concepts, conditions, self.weights, self.factors)

    def of_kind(self, kind):
        return self.narrowed(f"{column('kind')} = %s", [kind])

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
        return self.narrowed(*self.fragments.champions_sql(stems, quotas))

    def where(self, extra=()):
        conditions = [*self.conditions, *extra]
        return " AND ".join(sql for sql, _ in conditions), [param for _, params in conditions for param in params]

    def ids_and_kinds(self):
        """SELECT id, kind of every match (for counting around it)."""
        where, params = self.where()
        return f'SELECT {ID} AS id, {column("kind")} AS kind FROM "{TABLE}" WHERE {where}', params

    def count(self, at_most):
        where, params = self.where()
        sql = f'SELECT COUNT(*) FROM (SELECT 1 FROM "{TABLE}" WHERE {where} LIMIT {int(at_most)}) AS capped'
        return self.fetch(sql, params)[0][0]

    def kind_counts(self, at_most):
        """{kind: matches of that kind, counted up to `at_most`}, in one statement.

        A count per kind, not one GROUP BY: each stops at the limit and, on PostgreSQL, reads only its
        kind's full-text index."""
        sql, within_params = self.ids_and_kinds()
        kinds, parts, params = SearchEntry.Kind.values, [], []
        for kind in kinds:
            parts.append(
                f"(SELECT COUNT(*) FROM (SELECT 1 FROM ({sql}) AS m WHERE m.kind = %s LIMIT {int(at_most)}) AS capped)"
            )
            params += [*within_params, kind]
        return dict(zip(kinds, self.fetch(f"SELECT {', '.join(parts)}", params)[0], strict=True))

    def program_counts(self, kind=None):
        """[(slug, acronym, name, matches)] per published program, most first."""
        sql, params = self.ids_and_kinds()
        published, published_params = published_condition(Program.objects, self.connection)
        of_kind = " AND m.kind = %s" if kind else ""
        return self.fetch(
            f"SELECT {PROGRAMS}.slug, {PROGRAMS}.acronym, {PROGRAMS}.name, COUNT(*) FROM ({sql}) AS m "
            f"JOIN {ENTRY_PROGRAMS} e ON e.searchentry_id = m.id JOIN {PROGRAMS} ON {PROGRAMS}.id = e.program_id "
            f"WHERE {published}{of_kind} GROUP BY {PROGRAMS}.id, {PROGRAMS}.slug, {PROGRAMS}.acronym, "
            f"{PROGRAMS}.name ORDER BY 4 DESC, {PROGRAMS}.name",
            [*params, *published_params, *([kind] if kind else [])],
        )

    def ranked(self, start, stop):
        """The entries from `start` to `stop` in rank order (see RANK_ORDER)."""
        ranking = self.fragments.ranking(self.concepts, self.weights, self.factors)
        columns = [column(name) for name in SELECTED] + [f"{sql} AS {name}" for name, sql, _ in ranking.columns]
        tables = ", ".join([f'"{TABLE}"', *ranking.tables])
        where, where_params = self.where(ranking.conditions)
        order = ", ".join(self._order_term(term) for term in RANK_ORDER)
        sql = (
            f"SELECT {', '.join(columns)} FROM {tables} WHERE {where} ORDER BY {order} "
            f"LIMIT {int(stop - start)} OFFSET {int(start)}"
        )
        params = [param for _, _, params in ranking.columns for param in params] + where_params
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
        match, match_params = fragments.match_sql([[(stem,)]])
        parts.append(f'SELECT {position} WHERE EXISTS (SELECT 1 FROM "{TABLE}" WHERE {published} AND {match})')
        params += [*published_params, *match_params]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        return {stems[position] for (position,) in cursor.fetchall()}


def entry_frequencies(database, stems):
    """{stem: about how many entries hold it} for each of `stems` (0 for none), and under "" how many
    entries the index holds (published or not: for rarity it barely differs). From the vocabulary
    (SearchTerm: entries per word, summed over the words sharing the stem), in one statement."""
    stems = list(stems)
    placeholders = ", ".join(["%s"] * len(stems)) or "NULL"
    sql = (
        f"SELECT stem, SUM(frequency) FROM {TERMS} WHERE stem IN ({placeholders}) GROUP BY stem "
        f"UNION ALL SELECT '', COUNT(*) FROM \"{TABLE}\""
    )
    with connections[database].cursor() as cursor:
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
