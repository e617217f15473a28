"""The statements one search runs, written directly from the backend's SQL fragments.

A search asks three or four questions of the same matches (counts per kind, per program, one page of
ranked results). Built as querysets, each compiled the same full-text expressions again, which was a
good part of a search's time; here the matches are one WHERE clause, and each statement is a string
around it. The ORM still says what "published" means (see `published_condition`).
"""

from django.db import connections

from bansos_portal.search.backends import ID, RANK_ORDER, TABLE, backend_for
from bansos_portal.search.models import RESULT_FIELDS, SearchEntry
from programs.models import Program

ENTRY_PROGRAMS = SearchEntry.programs.through._meta.db_table
PROGRAMS = Program._meta.db_table
SELECTED = ("id", *RESULT_FIELDS)


def column(name):
    return f'"{TABLE}"."{name}"'


def published_condition(connection):
    """The publication rule (`published_filter`) as SQL: compiled by the ORM on every search, since it
    holds the current time."""
    query = SearchEntry.objects.published().query
    return query.get_compiler(connection=connection).compile(query.where)


class Matches:
    """Published entries matching a parsed query, optionally narrowed: a WHERE clause and its parameters."""

    def __init__(self, database, concepts, conditions=None):
        self.database, self.concepts = database, concepts
        connection = connections[database]
        self.backend = backend_for(connection)
        if conditions is None:
            conditions = [published_condition(connection), self.backend.match_sql(concepts)]
        self.conditions = conditions

    def narrowed(self, sql, params):
        return Matches(self.database, self.concepts, [*self.conditions, (sql, list(params))])

    def of_kind(self, kind):
        return self.narrowed(f"{column('kind')} = %s", [kind])

    def in_program(self, slug):
        return self.narrowed(
            f"{ID} IN (SELECT e.searchentry_id FROM {ENTRY_PROGRAMS} e "
            f"JOIN {PROGRAMS} p ON p.id = e.program_id WHERE p.slug = %s)",
            [slug],
        )

    def excluding_urls(self, urls):
        return self.narrowed(f"{column('url')} NOT IN ({', '.join(['%s'] * len(urls))})", list(urls))

    def holding_every_concept(self):
        return self.narrowed(*self.backend.match_all_sql(self.concepts))

    def champions(self, per_concept):
        """Only the entries on the champion lists (PostgreSQL), or None where the backend has none."""
        if self.backend.champions_sql is None:
            return None
        return self.narrowed(*self.backend.champions_sql(self.concepts, per_concept))

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

    def ranked(self, start, stop):
        """The entries from `start` to `stop` in rank order (see RANK_ORDER)."""
        ranking = self.backend.ranking(self.concepts)
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
        with connections[self.database].cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
