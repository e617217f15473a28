"""SQLite's full-text search: an FTS5 table kept by triggers, bm25() for the text score, and champion
lists (SearchPosting) kept by triggers too.

FTS5 scores a row only while it reads every match of the query, so ranking a common word's tens of
thousands of matches costs hundreds of milliseconds. On large result sets the first pages therefore rank
only the champion lists, and score them from the postings with the same formula FTS5's bm25() uses
(`Bm25Statistics`), so a candidate gets exactly the score the full ranking would give it.
"""

import math
from dataclasses import dataclass

from bansos_portal.search.ranking import BM25_HALF

from .common import FTS_TABLE, ID, POSTINGS, TABLE, FewOfKind, Fragments, Ranking, column, relevance, weighted

# Per stem, how many entries hold it (= rows of the FTS table holding it): kept by triggers on the postings.
STEM_ENTRIES = f"{POSTINGS}_stems"
# Per entry, its length in tokens (bm25()'s document length), kept by triggers on the entries.
LENGTHS = f"{POSTINGS}_lengths"
KIND_INDEX = f"{TABLE}_kind"
ENTRY_INDEX = f"{POSTINGS}_entry"
# A kind of at most FEW_OF_KIND entries, and less than 1/SMALL_SHARE of the index, has its matches counted
# entry by entry from the postings.
FEW_OF_KIND = 1_000
SMALL_SHARE = 10
# Title, summary, body: bm25()'s column weights here, and the weights a posting's impact counts.
COLUMN_WEIGHTS = (("title_stems", 10), ("summary_stems", 4), ("body_stems", 1))
# FTS5's bm25() constants (fts5_aux.c).
K1, B = 1.2, 0.75


def _stems_in(row, name, weight):
    """Each stem of a column (stems are [0-9a-z]+ joined by single spaces) as a row (stem, weight)."""
    return (
        f"""SELECT value AS stem, {weight} AS weight FROM json_each('["' || """
        f"""replace(coalesce({row}.{name}, ''), ' ', '","') || '"]')"""
    )


def _postings_of(row):
    """The postings of one entry: like PostgreSQL's trigger, 1 for a stem in the title, plus its weighted
    frequency (title 10, summary 4, body 1 per occurrence) saturated as weighted / (weighted + 5)."""
    stems = " UNION ALL ".join(_stems_in(row, name, weight) for name, weight in COLUMN_WEIGHTS)
    return (
        f"INSERT INTO {POSTINGS} (entry_id, stem, impact) SELECT {row}.id, stem, "
        f"MAX(weight = 10) + SUM(weight) / (SUM(weight) + 5.0) FROM ({stems}) WHERE stem != '' GROUP BY stem"
    )


def _missing_postings():
    """The postings of every entry that has none (entries indexed before the triggers existed)."""
    stems = " UNION ALL ".join(
        f"SELECT e.id AS entry_id, j.value AS stem, {weight} AS weight FROM {TABLE} e, "
        f"""json_each('["' || replace(coalesce(e.{name}, ''), ' ', '","') || '"]') j """
        f"WHERE NOT EXISTS (SELECT 1 FROM {POSTINGS} p WHERE p.entry_id = e.id)"
        for name, weight in COLUMN_WEIGHTS
    )
    return (
        f"INSERT INTO {POSTINGS} (entry_id, stem, impact) SELECT entry_id, stem, "
        f"MAX(weight = 10) + SUM(weight) / (SUM(weight) + 5.0) FROM ({stems}) WHERE stem != '' "
        "GROUP BY entry_id, stem"
    )


def _tokens(name):
    """How many stems a stems column holds (they are joined by single spaces)."""
    return f"(length({name}) - length(replace({name}, ' ', '')) + (length({name}) > 0))"


def _length_of(row):
    return " + ".join(_tokens(f"{row}.{name}") for name, _ in COLUMN_WEIGHTS)


def _length_of_entry(row):
    return f"INSERT INTO {LENGTHS} (entry_id, tokens) VALUES ({row}.id, {_length_of(row)})"


def _forget(row):
    """Delete the postings and length of one entry (also before writing them: an id may be reused)."""
    return f"DELETE FROM {POSTINGS} WHERE entry_id = {row}.id; DELETE FROM {LENGTHS} WHERE entry_id = {row}.id"


CHAMPION_SQL = [
    # Read only by counts of a kind with few entries (INDEXED BY); elsewhere the kind test is written
    # +kind, so the planner never drives a full-text query from it, one row at a time.
    f"CREATE INDEX IF NOT EXISTS {KIND_INDEX} ON {TABLE} (kind)",
    f"CREATE INDEX IF NOT EXISTS {POSTINGS}_champions ON {POSTINGS} (stem, impact DESC, entry_id)",
    # An entry's postings of some stems, read without visiting the table (ranking champions).
    f"CREATE INDEX IF NOT EXISTS {ENTRY_INDEX} ON {POSTINGS} (entry_id, stem, impact)",
    f"CREATE TABLE IF NOT EXISTS {LENGTHS} (entry_id INTEGER PRIMARY KEY, tokens INTEGER NOT NULL)",
    # No INSERT OR REPLACE here: the upsert that writes entries would impose its own conflict rule on it.
    f"""CREATE TRIGGER IF NOT EXISTS {POSTINGS}_ai AFTER INSERT ON {TABLE} BEGIN {_forget("new")};
        {_postings_of("new")}; {_length_of_entry("new")}; END""",
    f"""CREATE TRIGGER IF NOT EXISTS {POSTINGS}_au AFTER UPDATE OF title_stems, summary_stems, body_stems
        ON {TABLE} BEGIN {_forget("old")}; {_postings_of("new")}; {_length_of_entry("new")}; END""",
    f"CREATE TRIGGER IF NOT EXISTS {POSTINGS}_ad AFTER DELETE ON {TABLE} BEGIN {_forget('old')}; END",
    f"""INSERT INTO {LENGTHS} (entry_id, tokens) SELECT e.id, {_length_of("e")} FROM {TABLE} e
        WHERE NOT EXISTS (SELECT 1 FROM {LENGTHS} l WHERE l.entry_id = e.id)""",
    _missing_postings(),
    # How many entries hold a stem: the idf of bm25(), for scoring champions as FTS5 would. (FTS5's own
    # vocabulary table reads the whole list of a word's rows to say it.) Counted afresh, then kept by
    # triggers on every posting written or deleted, whichever code deletes it.
    f"CREATE TABLE IF NOT EXISTS {STEM_ENTRIES} (stem TEXT PRIMARY KEY, entries INTEGER NOT NULL) WITHOUT ROWID",
    f"DELETE FROM {STEM_ENTRIES}",
    f"INSERT INTO {STEM_ENTRIES} (stem, entries) SELECT stem, COUNT(*) FROM {POSTINGS} GROUP BY stem",
    f"""CREATE TRIGGER IF NOT EXISTS {STEM_ENTRIES}_ai AFTER INSERT ON {POSTINGS} BEGIN
        INSERT INTO {STEM_ENTRIES} (stem, entries) VALUES (new.stem, 1)
        ON CONFLICT (stem) DO UPDATE SET entries = entries + 1; END""",
    f"""CREATE TRIGGER IF NOT EXISTS {STEM_ENTRIES}_ad AFTER DELETE ON {POSTINGS} BEGIN
        UPDATE {STEM_ENTRIES} SET entries = entries - 1 WHERE stem = old.stem; END""",
]


@dataclass
class Bm25Statistics:
    """What bm25() knows of the whole FTS table: its rows, their average length in tokens, and per stem
    the rows holding it."""

    rows: int
    average_length: float
    holding: dict

    def idf(self, stem):
        # fts5_aux.c: log((N - n + 0.5) / (n + 0.5)), and a tiny positive value for a word in most rows.
        held = self.holding.get(stem, 0)
        value = math.log((self.rows - held + 0.5) / (held + 0.5))
        return value if value > 0 else 1e-6


def _varints(data):
    """SQLite's variable-length integers (big-endian, 7 bits a byte, up to 9 bytes) in `data`."""
    values, value, read = [], 0, 0
    for byte in data:
        read += 1
        if read == 9:
            value, read = (value << 8) | byte, 0
            values.append(value)
            value = 0
        elif byte & 0x80:
            value = (value << 7) | (byte & 0x7F)
        else:
            values.append((value << 7) | byte)
            value, read = 0, 0
    return values


def bm25_totals(cursor):
    """(rows, tokens in all rows) from the FTS table's averages record, which bm25() itself reads."""
    cursor.execute(f"SELECT block FROM {FTS_TABLE}_data WHERE id = 1")
    found = cursor.fetchone()
    if not found or not found[0]:
        return 0, 0
    rows, *per_column = _varints(found[0])
    return rows, sum(per_column)


def rows_holding(cursor, stems):
    """{stem: rows of the FTS table holding it} (an entry's FTS row holds the stems of its postings)."""
    stems = list(stems)
    cursor.execute(
        f"SELECT stem, entries FROM {STEM_ENTRIES} WHERE stem IN ({', '.join(['%s'] * len(stems)) or 'NULL'})", stems
    )
    return {**dict.fromkeys(stems, 0), **dict(cursor.fetchall())}


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
    # Migration 0005 created the postings table on both databases; migration 0009 fills it here.
    champion_sql = CHAMPION_SQL
    repair_sql = [*install_sql, *CHAMPION_SQL]
    has_champions = scores_champions = True

    def _lexeme(self, stem):
        # A trailing * marks a word still being typed: match it as a prefix.
        return f'"{stem[:-1]}"*' if stem.endswith("*") else f'"{stem}"'

    def _matches(self, fts_query):
        return f"{ID} IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)", [fts_query]

    def title_match_sql(self, concepts):
        return self._matches(f"title_stems : ({self._joined(concepts, self.any_of)})")

    def kind_sql(self, kind):
        return f"+{column('kind')} = %s", [kind]

    def streamed_matches(self, concepts):
        match = f"{FTS_TABLE} MATCH %s", [self._joined(concepts, self.any_of)]
        return f'{FTS_TABLE} JOIN "{TABLE}" ON {ID} = {FTS_TABLE}.rowid', [match]

    def few_of_kind(self, concepts, kind, connection):
        # A kind that is a small part of the index: reading a common word's matches until some of that kind
        # turn up would read nearly all of them; testing each entry of the kind costs its size. (Where the
        # kind is a tenth of the index or more, its matches turn up soon enough.)
        with connection.cursor() as cursor:
            rows, _ = bm25_totals(cursor)
        return FewOfKind(
            min(FEW_OF_KIND, rows // SMALL_SHARE),
            f'"{TABLE}" INDEXED BY {KIND_INDEX}',
            (f"{column('kind')} = %s", [kind]),
            self.postings_match_sql(concepts),
        )

    def postings_match_sql(self, concepts):
        """Whether an entry holds any concept, from its postings (as the full-text query would say)."""
        single, prefixes, combined, params = [], [], [], []
        for concept in concepts:
            for alternative in concept:
                if len(alternative) > 1:
                    combined.append(alternative)
                elif alternative[0].endswith("*"):  # a word being typed: any stem it starts ([0-9a-z]+)
                    prefixes.append(alternative[0][:-1])
                else:
                    single.append(alternative[0])
        holds = f"EXISTS (SELECT 1 FROM {POSTINGS} p WHERE p.entry_id = {ID} AND "
        tests = []
        if single:  # every one-word alternative in one lookup
            tests.append(f"{holds}p.stem IN ({', '.join(['%s'] * len(single))}))")
            params += single
        for prefix in prefixes:
            tests.append(f"{holds}p.stem >= %s AND p.stem < %s)")
            params += [prefix, prefix + "~"]
        for alternative in combined:
            tests.append("(" + " AND ".join(f"{holds}p.stem = %s)" for _ in alternative) + ")")
            params += alternative
        return "(" + " OR ".join(tests) + ")", params

    def champions_sql(self, stems, quotas):
        """Only the entries on the champion lists: each stem's strongest `quota` entries."""
        lists = " UNION ".join(
            f"SELECT entry_id FROM (SELECT entry_id FROM {POSTINGS} WHERE stem = %s ORDER BY impact DESC LIMIT %s)"
            for _ in stems
        )
        return f"({lists})", [value for pair in zip(stems, quotas, strict=True) for value in pair]

    def ranking(self, concepts, weights, factors, few=False):
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
            # (a per-row subquery would run a full-text query for every matching entry); that join
            # keeps only the matches.
            tables=[FTS_TABLE],
            conditions=[(f"{FTS_TABLE}.rowid = {ID}", []), (f"{FTS_TABLE} MATCH %s", [" OR ".join(parts)])],
            selects_matches=True,
        )

    def champion_ranking(self, concepts, weights, factors, candidates, statistics):
        """The ranking of `candidates` (champions_sql) from their postings alone: the same relevance as
        `ranking`, with bm25() computed as fts5_aux.c does. Only entries holding a concept are kept."""
        stems = sorted({s for concept in concepts for alternative in concept for s in alternative})
        slot = {stem: f"h.s{position}" for position, stem in enumerate(stems)}

        def holds(alternative, in_title=False):
            # A missing stem's slot is NULL; in the title, the posting's impact is 1 or more.
            tests = [f"coalesce({slot[s]}, 0) >= 1" if in_title else f"{slot[s]} IS NOT NULL" for s in alternative]
            return "(" + " AND ".join(tests) + ")"

        def concept_test(concept, in_title=False):
            return "(" + " OR ".join(holds(alternative, in_title) for alternative in concept) + ")"

        held = _weighted_sum([concept_test(c) for c in concepts], weights)
        in_title = _weighted_sum([concept_test(c, in_title=True) for c in concepts], weights)
        # Every stem of the full-text query is a phrase of its own; a phrase counts only where the
        # alternative it belongs to matches (FTS5 empties the positions of an AND that fails).
        norm = f"({K1} * ({1 - B} + {B} * h.length / %s))"
        terms, params = [], []
        for concept in concepts:
            for alternative in concept:
                for stem in alternative:
                    frequency = _weighted_frequency(slot[stem])
                    # In the order of operations of fts5_aux.c, so equal rows get equal scores.
                    terms.append(
                        f"(CASE WHEN {holds(alternative)} THEN %s * (({frequency} * {K1 + 1}) / ({frequency} + {norm}))"
                        " ELSE 0 END)"
                    )
                    params += [statistics.idf(stem), statistics.average_length or 1.0]
        bm25 = f"({' + '.join(terms)})"
        score = (f"({bm25} / ({bm25} + {BM25_HALF}))", params * 2)
        # Each candidate's postings of the query's stems (each one lookup in the covering index ENTRY_INDEX)
        # and its length in tokens, in one row. LIMIT -1 (no limit) keeps SQLite from merging this table
        # into the outer query, where each column would be computed again at every use.
        picked = ", ".join(
            f"(SELECT impact FROM {POSTINGS} p INDEXED BY {ENTRY_INDEX} "
            f"WHERE p.entry_id = c.entry_id AND p.stem = %s) AS s{i}"
            for i in range(len(stems))
        )
        candidates_sql, candidate_params = candidates
        table = (
            f"(SELECT c.entry_id AS hid, {picked}, (SELECT tokens FROM {LENGTHS} l WHERE l.entry_id = c.entry_id) "
            f"AS length FROM {candidates_sql} AS c LIMIT -1) AS h"
        )
        return Ranking(
            columns=[("relevance", *relevance(held, in_title, score, factors))],
            tables=[table],
            table_params=[*stems, *candidate_params],
            conditions=[(f"h.hid = {ID}", []), (f"{held[0]} > 0", held[1])],
            selects_matches=True,
        )


def _weighted_sum(tests, weights):
    """Σ weight × test (1 or 0), as SQL and its parameters."""
    return "(" + " + ".join(f"%s * {test}" for test in tests) + ")", list(weights)


def _weighted_frequency(impact):
    """The weighted frequency a posting's impact was made from (impact = [in title] + w / (w + 5), and w is
    a whole number)."""
    saturated = f"({impact} - ({impact} >= 1))"
    return f"round(5.0 * {saturated} / (1.0 - {saturated}))"
