"""Database-specific full-text matching over the pre-stemmed search index.

A query arrives as concepts (see query.py): each concept is a list of alternatives, each
alternative a tuple of stems that must all occur. Both backends answer the same questions:
which entries match any concept; for ranking, whether the title holds every concept, whether
the entry holds every concept, how many concepts the title holds, and a relevance score
(title weighs more than summary, summary more than body).

Each answer is an SQL fragment with its parameters. The search itself writes its statements from
them directly (search/statements.py); the ORM methods below wrap the same fragments for querysets.
"""

from dataclasses import dataclass, field

from django.db.models import BooleanField, FloatField, IntegerField
from django.db.models.expressions import RawSQL

TABLE = "bansos_portal_searchentry"
FTS_TABLE = f"{TABLE}_fts"
POSTINGS = "bansos_portal_searchposting"
KINDS = ("program", "faq", "clarification")  # SearchEntry.Kind values (models import this module)
MIN_PER_STEM = 10
ID = f'"{TABLE}"."id"'
# Rank order: titles holding every concept first, then entries holding every concept, then by how many
# concepts the title holds, then by relevance; the title, then the id, settle ties the same way each time.
RANK_ORDER = ("-title_all", "-all_terms", "-title_hits", "-score", "title", "id")
RANK_FIELDS = {
    "title_all": BooleanField(),
    "all_terms": BooleanField(),
    "title_hits": IntegerField(),
    "score": FloatField(),
}


def _join(parts, operator):
    return parts[0] if len(parts) == 1 else "(" + f" {operator} ".join(parts) + ")"


@dataclass
class Ranking:
    """What ranking needs: its columns as (name, sql, params) in RANK_FIELDS order, and any table (with
    its join conditions as (sql, params)) those columns read."""

    columns: list
    tables: list = field(default_factory=list)
    conditions: list = field(default_factory=list)


class QuerySetMethods:
    """The backend's fragments applied to a SearchEntry queryset."""

    def match(self, queryset, concepts):
        return queryset.alias(hit=RawSQL(*self.match_sql(concepts), output_field=BooleanField())).filter(hit=True)

    def rank(self, queryset, concepts):
        ranking = self.ranking(concepts)
        if ranking.tables:
            queryset = queryset.extra(
                tables=ranking.tables,
                where=[sql for sql, _ in ranking.conditions],
                params=[param for _, params in ranking.conditions for param in params],
            )
        return queryset.annotate(
            **{name: RawSQL(sql, params, output_field=RANK_FIELDS[name]) for name, sql, params in ranking.columns}
        )


class PostgresBackend(QuerySetMethods):
    install_sql = [
        f"""ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS search_vector tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('simple'::regconfig, coalesce(title_stems, '')), 'A') ||
            setweight(to_tsvector('simple'::regconfig, coalesce(summary_stems, '')), 'B') ||
            setweight(to_tsvector('simple'::regconfig, coalesce(body_stems, '')), 'C')) STORED""",
        f"CREATE INDEX IF NOT EXISTS {TABLE}_vector ON {TABLE} USING GIN (search_vector)",
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
        "CREATE INDEX IF NOT EXISTS bansos_portal_searchterm_trigram ON bansos_portal_searchterm "
        "USING GIN (word gin_trgm_ops)",
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
            for kind in KINDS
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
    vector = f'"{TABLE}"."search_vector"'
    title_vector = f'"{TABLE}"."title_vector"'

    def _lexeme(self, stem, weight):
        # A trailing * marks a word still being typed: match it as a prefix.
        if stem.endswith("*"):
            return f"{stem[:-1]}:*{weight}"
        return f"{stem}:{weight}" if weight else stem

    def _concept(self, alternatives, weight=""):
        return _join([_join([self._lexeme(s, weight) for s in alternative], "&") for alternative in alternatives], "|")

    def _matches(self, tsquery, vector=None):
        return f"{vector or self.vector} @@ to_tsquery('simple', %s)", [tsquery]

    def match_sql(self, concepts):
        return self._matches(" | ".join(self._concept(c) for c in concepts))

    def match_all_sql(self, concepts):
        return self._matches(" & ".join(self._concept(c) for c in concepts))

    def champions_sql(self, concepts, per_concept):
        """Only the entries on the champion lists of the query's stems: each concept's strongest
        `per_concept` entries, shared among its stems (at least MIN_PER_STEM each)."""
        stems, quotas = [], []
        for concept in concepts:
            own = sorted({s for alternative in concept for s in alternative})
            stems += own
            quotas += [max(MIN_PER_STEM, per_concept // len(own))] * len(own)
        candidates = (
            f"{ID} IN (SELECT c.entry_id FROM unnest(%s::text[], %s::int[]) AS q(stem, quota) "
            f"CROSS JOIN LATERAL (SELECT p.entry_id FROM {POSTINGS} p WHERE p.stem = q.stem "
            "ORDER BY p.impact DESC LIMIT q.quota) c)"
        )
        return candidates, [stems, quotas]

    def ranking(self, concepts):
        parts = [self._concept(c) for c in concepts]
        title_hits = " + ".join(
            f"(CASE WHEN {self.title_vector} @@ to_tsquery('simple', %s) THEN 1 ELSE 0 END)" for _ in parts
        )
        return Ranking(
            columns=[
                ("title_all", *self._matches(" & ".join(parts), self.title_vector)),
                ("all_terms", *self._matches(" & ".join(parts))),
                ("title_hits", f"({title_hits})", parts),
                ("score", f"ts_rank({self.vector}, to_tsquery('simple', %s))", [" | ".join(parts)]),
            ]
        )


class SqliteBackend(QuerySetMethods):
    # FTS5 ranks every match with bm25(); there are no champion lists to narrow them.
    champion_sql = []
    champions_sql = None

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

    def _concept(self, alternatives):
        lexemes = [
            [f'"{s[:-1]}"*' if s.endswith("*") else f'"{s}"' for s in alternative] for alternative in alternatives
        ]
        return _join([_join(alternative, "AND") for alternative in lexemes], "OR")

    def _matches(self, fts_query):
        return f"{ID} IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)", [fts_query]

    def match_sql(self, concepts):
        return self._matches(" OR ".join(self._concept(c) for c in concepts))

    def match_all_sql(self, concepts):
        return self._matches(" AND ".join(self._concept(c) for c in concepts))

    def ranking(self, concepts):
        parts = [self._concept(c) for c in concepts]
        any_concept, all_concepts = " OR ".join(parts), " AND ".join(parts)
        title_hits = " + ".join(f"({ID} IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s))" for _ in parts)
        return Ranking(
            columns=[
                ("title_all", *self._matches(f"title_stems : ({all_concepts})")),
                ("all_terms", *self._matches(all_concepts)),
                ("title_hits", f"({title_hits})", [f"title_stems : {part}" for part in parts]),
                # bm25() is lower for better matches; negated, every backend sorts score descending.
                ("score", f"-bm25({FTS_TABLE}, 10.0, 4.0, 1.0)", []),
            ],
            # bm25() only works in a query that MATCHes the FTS table itself, so it is joined once
            # (a per-row subquery would run a full-text query for every matching entry).
            tables=[FTS_TABLE],
            conditions=[(f"{FTS_TABLE}.rowid = {ID}", []), (f"{FTS_TABLE} MATCH %s", [any_concept])],
        )


BACKENDS = {"postgresql": PostgresBackend(), "sqlite": SqliteBackend()}


def backend_for(connection):
    try:
        return BACKENDS[connection.vendor]
    except KeyError:
        raise NotImplementedError(f"Search supports PostgreSQL and SQLite, not {connection.vendor}") from None


def install(connection, repair=False):
    """Create the database's full-text structures, or with `repair` restore what a migration dropped."""
    _execute(connection, backend_for(connection).repair_sql if repair else backend_for(connection).install_sql)


def install_champions(connection):
    """Migration 0005: the title vector, per-kind indexes and champion lists (PostgreSQL only)."""
    _execute(connection, backend_for(connection).champion_sql)


def _execute(connection, statements):
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
