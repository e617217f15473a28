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

from dataclasses import dataclass, field

from django.db import connections

from bansos_portal.search.models import SearchEntry, SearchQueryStat
from bansos_portal.search.ranking import BM25_HALF, COVERAGE, RANK_ORDER, TEXT_SCORE, TITLE_COVERAGE, TS_RANK_HALF
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
    as (sql, params)) those columns read."""

    columns: list
    tables: list = field(default_factory=list)
    conditions: list = field(default_factory=list)


class Fragments:
    """What both databases share: concepts joined with the database's own "or" and "and"."""

    any_of = every_of = None

    def _concept(self, alternatives):
        lexemes = [[self._lexeme(s) for s in alternative] for alternative in alternatives]
        return _join([_join(alternative, self.every_of) for alternative in lexemes], self.any_of)

    def _joined(self, concepts, operator):
        return f" {operator} ".join(self._concept(c) for c in concepts)

    def match_sql(self, concepts):
        return self._matches(self._joined(concepts, self.any_of))

    def match_all_sql(self, concepts):
        return self._matches(self._joined(concepts, self.every_of))


class PostgresFragments(Fragments):
    any_of, every_of = "|", "&"
    install_sql = [
        f"""ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS search_vector tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('simple'::regconfig, coalesce(title_stems, '')), 'A') ||
            setweight(to_tsvector('simple'::regconfig, coalesce(summary_stems, '')), 'B') ||
            setweight(to_tsvector('simple'::regconfig, coalesce(body_stems, '')), 'C')) STORED""",
        f"CREATE INDEX IF NOT EXISTS {TABLE}_vector ON {TABLE} USING GIN (search_vector)",
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
        f"CREATE INDEX IF NOT EXISTS {TERMS}_trigram ON {TERMS} USING GIN (word gin_trgm_ops)",
    ]
    # Added later (migration 0005): cheaper ranking and counting at tens of thousands of entries.
    champion_sql = [
        # The title alone, small enough to stay uncompressed in the row: ranking asks several
        # questions of the title per row, and each one on search_vector would decompress it again.
        f"""ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS title_vector tsvector GENERATED ALWAYS AS (
            to_tsvector('simple'::regconfig, coalesce(title_stems, ''))) STORED""",
        # One GIN index per kind: a filtered or per-kind count reads only that kind's postings,
        # not every match of a common word.
        *(
            f"CREATE INDEX IF NOT EXISTS {TABLE}_vector_{kind} ON {TABLE} USING GIN (search_vector) "
            f"WHERE kind = '{kind}'"
            for kind in SearchEntry.Kind.values
        ),
        # Champion lists (SearchPosting): each stem's entries by how strongly they hold it, kept by
        # a trigger from the same tsvector, so no Python code path can forget them.
        f"CREATE INDEX IF NOT EXISTS {POSTINGS}_champions ON {POSTINGS} (stem, impact DESC) INCLUDE (entry_id)",
        f"""CREATE OR REPLACE FUNCTION {POSTINGS}_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'UPDATE' THEN
                DELETE FROM {POSTINGS} WHERE entry_id = NEW.id;
            END IF;
            INSERT INTO {POSTINGS} (entry_id, stem, impact)
            SELECT NEW.id, lexeme,
                   (CASE WHEN 'A' = ANY(weights) THEN 1 ELSE 0 END) + weighted / (weighted + 5.0)
            FROM (
                SELECT lexeme, weights,
                       (SELECT sum(CASE w WHEN 'A' THEN 10 WHEN 'B' THEN 4 ELSE 1 END) FROM unnest(weights) w)
                           AS weighted
                FROM unnest(NEW.search_vector)
            ) terms;
            RETURN NULL;
        END $$""",
        f"""CREATE OR REPLACE TRIGGER {POSTINGS}_refresh
            AFTER INSERT OR UPDATE OF title_stems, summary_stems, body_stems ON {TABLE}
            FOR EACH ROW EXECUTE FUNCTION {POSTINGS}_refresh()""",
        # Entries indexed before the champion lists existed.
        f"""INSERT INTO {POSTINGS} (entry_id, stem, impact)
            SELECT e.id, t.lexeme, (CASE WHEN 'A' = ANY(t.weights) THEN 1 ELSE 0 END)
                   + w.weighted / (w.weighted + 5.0)
            FROM {TABLE} e CROSS JOIN LATERAL unnest(e.search_vector) t
            CROSS JOIN LATERAL (SELECT sum(CASE x WHEN 'A' THEN 10 WHEN 'B' THEN 4 ELSE 1 END) AS weighted
                                FROM unnest(t.weights) x) w
            WHERE NOT EXISTS (SELECT 1 FROM {POSTINGS} p WHERE p.entry_id = e.id)""",
    ]
    # A generated column survives every later migration, so a rebuild has nothing to repair.
    repair_sql = []
    has_champions = True
    vector = f'"{TABLE}"."search_vector"'
    title_vector = f'"{TABLE}"."title_vector"'

    def _lexeme(self, stem):
        # A trailing * marks a word still being typed: match it as a prefix.
        return f"{stem[:-1]}:*" if stem.endswith("*") else stem

    def _matches(self, tsquery, vector=None):
        return f"{vector or self.vector} @@ to_tsquery('simple', %s)", [tsquery]

    def title_match_sql(self, concepts):
        return self._matches(self._joined(concepts, self.any_of), self.title_vector)

    def champions_sql(self, stems, quotas):
        """Only the entries on the champion lists: each stem's strongest `quota` entries."""
        candidates = (
            f"{ID} IN (SELECT c.entry_id FROM unnest(%s::text[], %s::int[]) AS q(stem, quota) "
            f"CROSS JOIN LATERAL (SELECT p.entry_id FROM {POSTINGS} p WHERE p.stem = q.stem "
            "ORDER BY p.impact DESC LIMIT q.quota) c)"
        )
        return candidates, [stems, quotas]

    def ranking(self, concepts, weights, factors):
        parts = [self._concept(c) for c in concepts]
        held = _weighted(f"(CASE WHEN {self.vector} @@ to_tsquery('simple', %s) THEN 1 ELSE 0 END)", parts, weights)
        in_title = _weighted(
            f"(CASE WHEN {self.title_vector} @@ to_tsquery('simple', %s) THEN 1 ELSE 0 END)", parts, weights
        )
        # ts_rank with the A/B/C weights of the vector (title, summary, body; D is unused), saturated to
        # rank / (rank + TS_RANK_HALF): a 0..1 score like the coverage it is added to. (ts_rank_cd ranked
        # no better on the judged queries and costs more per row.)
        rank = f"ts_rank('{{0.1, 0.1, 0.4, 1.0}}', {self.vector}, to_tsquery('simple', %s))"
        score = (f"({rank} / ({rank} + {TS_RANK_HALF}))", [" | ".join(parts)] * 2)
        return Ranking(columns=[("relevance", *_relevance(held, in_title, score, factors))])


class SqliteFragments(Fragments):
    any_of, every_of = "OR", "AND"
    install_sql = [
        f"""CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(
            title_stems, summary_stems, body_stems, content='{TABLE}', content_rowid='id')""",
        f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_ai AFTER INSERT ON {TABLE} BEGIN
            INSERT INTO {FTS_TABLE}(rowid, title_stems, summary_stems, body_stems)
            VALUES (new.id, new.title_stems, new.summary_stems, new.body_stems); END""",
        f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_ad AFTER DELETE ON {TABLE} BEGIN
            INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title_stems, summary_stems, body_stems)
            VALUES ('delete', old.id, old.title_stems, old.summary_stems, old.body_stems); END""",
        f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_au AFTER UPDATE ON {TABLE} BEGIN
            INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title_stems, summary_stems, body_stems)
            VALUES ('delete', old.id, old.title_stems, old.summary_stems, old.body_stems);
            INSERT INTO {FTS_TABLE}(rowid, title_stems, summary_stems, body_stems)
            VALUES (new.id, new.title_stems, new.summary_stems, new.body_stems); END""",
        # Triggers vanish when a migration rebuilds the table, so installing also refills the index.
        f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')",
    ]
    repair_sql = install_sql
    # FTS5 ranks every match with bm25(); there are no champion lists to narrow them.
    champion_sql = []
    has_champions = False

    def _lexeme(self, stem):
        # A trailing * marks a word still being typed: match it as a prefix.
        return f'"{stem[:-1]}"*' if stem.endswith("*") else f'"{stem}"'

    def _matches(self, fts_query):
        return f"{ID} IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)", [fts_query]

    def title_match_sql(self, concepts):
        return self._matches(f"title_stems : ({self._joined(concepts, self.any_of)})")

    def ranking(self, concepts, weights, factors):
        parts = [self._concept(c) for c in concepts]
        held = _weighted(f"({ID} IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s))", parts, weights)
        in_title = _weighted(
            f"({ID} IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s))",
            [f"title_stems : {part}" for part in parts],
            weights,
        )
        # bm25() is lower for better matches; negated and saturated (s / (s + BM25_HALF)) it is a 0..1 score.
        bm25 = f"(-bm25({FTS_TABLE}, 10.0, 4.0, 1.0))"
        score = (f"({bm25} / ({bm25} + {BM25_HALF}))", [])
        return Ranking(
            columns=[("relevance", *_relevance(held, in_title, score, factors))],
            # bm25() only works in a query that MATCHes the FTS table itself, so it is joined once
            # (a per-row subquery would run a full-text query for every matching entry).
            tables=[FTS_TABLE],
            conditions=[(f"{FTS_TABLE}.rowid = {ID}", []), (f"{FTS_TABLE} MATCH %s", [" OR ".join(parts)])],
        )


def _weighted(test_sql, params, weights):
    """Σ weight × test (1 or 0) over the concepts, as SQL and its parameters."""
    sql = " + ".join(f"%s * {test_sql}" for _ in params)
    return f"({sql})", [value for weight, param in zip(weights, params, strict=True) for value in (weight, param)]


def _relevance(held, in_title, score, factors):
    """One number per entry (see ranking.py): the share of the query's weight it holds, the share its title
    holds and its full-text score, times the factor of its kind."""
    kinds = " ".join(f"WHEN %s THEN {float(factor)}" for factor in factors.values())
    factor = f"(CASE {column('kind')} {kinds} ELSE 1 END)" if factors else "1"
    sql = f"(({held[0]} * {COVERAGE} + {in_title[0]} * {TITLE_COVERAGE} + {score[0]} * {TEXT_SCORE}) * {factor})"
    return sql, [*held[1], *in_title[1], *score[1], *factors]


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
