"""SQLite's full-text search: an FTS5 table kept by triggers, and bm25() for the text score."""

from bansos_portal.search.ranking import BM25_HALF

from .common import FTS_TABLE, ID, TABLE, Fragments, Ranking, relevance, weighted


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
        held = weighted(f"({ID} IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s))", parts, weights)
        in_title = weighted(
            f"({ID} IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s))",
            [f"title_stems : {part}" for part in parts],
            weights,
        )
        # bm25() is lower for better matches; negated and saturated (s / (s + BM25_HALF)) it is a 0..1 score.
        bm25 = f"(-bm25({FTS_TABLE}, 10.0, 4.0, 1.0))"
        score = (f"({bm25} / ({bm25} + {BM25_HALF}))", [])
        return Ranking(
            columns=[("relevance", *relevance(held, in_title, score, factors))],
            # bm25() only works in a query that MATCHes the FTS table itself, so it is joined once
            # (a per-row subquery would run a full-text query for every matching entry).
            tables=[FTS_TABLE],
            conditions=[(f"{FTS_TABLE}.rowid = {ID}", []), (f"{FTS_TABLE} MATCH %s", [" OR ".join(parts)])],
        )
