"""PostgreSQL's full-text search: a weighted tsvector per entry, GIN indexes, champion lists kept by a
trigger, and ts_rank for the text score."""

from bansos_portal.search.models import SearchEntry
from bansos_portal.search.ranking import TS_RANK_HALF

from .common import ID, POSTINGS, TABLE, TERMS, Fragments, Ranking, relevance, weighted

ESTIMATED_FROM = 10_000


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
    # A deleted entry's postings go with it in the database, as SQLite's trigger does (migration 0012):
    # deleted by Django's cascade, each posting was first read as a model and signalled, hundreds per entry.
    forget_postings_sql = [
        f"""CREATE OR REPLACE FUNCTION {POSTINGS}_forget() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            DELETE FROM {POSTINGS} WHERE entry_id = OLD.id;
            RETURN NULL;
        END $$""",
        f"""CREATE OR REPLACE TRIGGER {POSTINGS}_forget AFTER DELETE ON {TABLE}
            FOR EACH ROW EXECUTE FUNCTION {POSTINGS}_forget()""",
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
        *forget_postings_sql,
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
    # Counting 100 000 rows costs PostgreSQL ~12 ms (every row's visibility is checked), so a large table
    # is taken at the planner's estimate, kept by autovacuum: for a word's rarity 0,1 % either way is
    # nothing. A table never analysed (-1) or small is counted.
    entry_count_sql = (
        f"SELECT CASE WHEN reltuples >= {ESTIMATED_FROM} THEN reltuples::bigint "
        f"ELSE (SELECT COUNT(*) FROM {TABLE}) END FROM pg_class WHERE oid = '{TABLE}'::regclass"
    )
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

    def ranking(self, concepts, weights, factors, few=False):
        parts = [self._concept(c) for c in concepts]
        # The row's vector is read from TOAST and decompressed at every use in an expression; the LATERAL
        # table (OFFSET 0 keeps it apart) does it once per row, and computes ts_rank once, not twice.
        # ts_rank with the A/B/C weights of the vector (title, summary, body; D is unused), saturated to
        # rank / (rank + TS_RANK_HALF): a 0..1 score like the coverage it is added to. (ts_rank_cd ranked
        # no better on the judged queries and costs more per row.)
        per_row = (
            "LATERAL (SELECT v, ts_rank('{0.1, 0.1, 0.4, 1.0}', v, to_tsquery('simple', %s)) AS r "
            f"FROM (SELECT {self.vector} || ''::tsvector AS v OFFSET 0) AS copied OFFSET 0) AS per_row"
        )
        held = weighted("(CASE WHEN per_row.v @@ to_tsquery('simple', %s) THEN 1 ELSE 0 END)", parts, weights)
        in_title = weighted(
            f"(CASE WHEN {self.title_vector} @@ to_tsquery('simple', %s) THEN 1 ELSE 0 END)", parts, weights
        )
        score = (f"(per_row.r / (per_row.r + {TS_RANK_HALF}))", [])
        # Among a few rows (`few`), matching is tested on the copy too; otherwise the GIN index finds them.
        matching = [("per_row.v @@ to_tsquery('simple', %s)", [" | ".join(parts)])] if few else []
        return Ranking(
            columns=[("relevance", *relevance(held, in_title, score, factors))],
            tables=[per_row],
            table_params=[" | ".join(parts)],
            conditions=matching,
            selects_matches=few,
        )
