"""Measured search quality: judged queries, ranking metrics, and a plain BM25 baseline.

The metrics are pure functions of a ranked list of URL paths and the judged grades of one query
(2 = this is the answer, 1 = also useful), so they can be checked by hand. `evaluate` runs any
search function over the judged queries; `engine_search` is the real search, `Bm25Baseline` the
floor it should beat.
"""

import hashlib
import json
import math
from pathlib import Path

from django.conf import settings
from rank_bm25 import BM25Okapi

from bansos_portal.search import engine
from bansos_portal.search.models import SearchEntry
from bansos_portal.search.text import clean_query, stems

JUDGED_FILE = Path(__file__).with_name("judged_queries.json")
KINDS = ("exact", "morphology", "acronym", "colloquial", "typo", "hoax", "howto")
# Every judged query belongs to one half by a fixed rule on its text (`half_of`), decided before any
# tuning: the tuning half may guide changes to code and word lists, the held-out half only measures them.
HALVES = ("tuning", "held-out")
GRADES = (1, 2)
K = 10
METRICS = ("mrr", "ndcg", "recall", "zero_results")


def _top(ranked_urls, k):
    # A URL counted twice would let a ranking score above the ideal one.
    return list(dict.fromkeys(ranked_urls))[:k]


def mrr_at_k(ranked_urls, relevant, k=K):
    """1/rank of the first judged item (any grade) in the top k; 0 when none is there."""
    for rank, url in enumerate(_top(ranked_urls, k), start=1):
        if relevant.get(url, 0) >= 1:
            return 1 / rank
    return 0.0


def _dcg(grades):
    return sum((2**grade - 1) / math.log2(rank + 1) for rank, grade in enumerate(grades, start=1))


def ndcg_at_k(ranked_urls, relevant, k=K):
    """Graded DCG of the top k (gain 2^grade - 1, log2 discount) over the best possible order."""
    ideal = _dcg(sorted(relevant.values(), reverse=True)[:k])
    if ideal <= 0:
        return 0.0
    return _dcg([relevant.get(url, 0) for url in _top(ranked_urls, k)]) / ideal


def recall_at_k(ranked_urls, relevant, k=K):
    """Share of the judged items (grade 1 or 2) that appear in the top k."""
    judged = {url for url, grade in relevant.items() if grade >= 1}
    if not judged:
        return 0.0
    return len(judged & set(_top(ranked_urls, k))) / len(judged)


def zero_result(ranked_urls):
    """1.0 when the search returned nothing at all, so its mean is the zero-result rate."""
    return 0.0 if ranked_urls else 1.0


def half_of(query):
    """The half a query belongs to, from a hash of its text: nobody chooses it, and it never changes."""
    digest = hashlib.sha256(query.strip().lower().encode("utf-8")).digest()
    return HALVES[digest[0] % 2]


def load_judged(path=JUDGED_FILE):
    """The judged queries in `path`, each with its half; ValueError naming the first malformed entry."""
    judged = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(judged, list):
        raise ValueError("Berkas kueri harus berupa daftar (JSON array).")
    for i, item in enumerate(judged):
        problem = _judged_problem(item)
        if problem:
            raise ValueError(f"Kueri [{i}]: {problem}")
        item.setdefault("half", half_of(item["query"]))
    return judged


def _judged_problem(item):
    if not isinstance(item, dict) or not isinstance(item.get("query"), str) or not item["query"].strip():
        return 'harus berupa objek dengan "query" berisi teks.'
    if item.get("kind") not in KINDS:
        return f'"kind" harus salah satu dari {", ".join(KINDS)}.'
    relevant = item.get("relevant")
    if not isinstance(relevant, dict) or not relevant:
        return '"relevant" harus berupa objek {"/alamat/": nilai} yang tidak kosong.'
    if any(grade not in GRADES for grade in relevant.values()):
        return 'nilai di "relevant" harus 1 atau 2.'
    if "half" in item and item["half"] != half_of(item["query"]):
        return f'"half" harus "{half_of(item["query"])}" (ditentukan dari teks kueri, bukan dipilih).'
    return None


def score_query(ranked_urls, relevant, k=K):
    return {
        "mrr": mrr_at_k(ranked_urls, relevant, k),
        "ndcg": ndcg_at_k(ranked_urls, relevant, k),
        "recall": recall_at_k(ranked_urls, relevant, k),
        "zero_results": zero_result(ranked_urls),
    }


def _summary(rows):
    count = len(rows)
    means = {metric: (sum(row[metric] for row in rows) / count if count else 0.0) for metric in METRICS}
    return {**means, "n": count}


def _breakdown(rows):
    kinds = [kind for kind in KINDS if any(row["kind"] == kind for row in rows)]
    kinds += sorted({row["kind"] for row in rows} - set(kinds))
    return {
        "overall": _summary(rows),
        "kinds": {kind: _summary([row for row in rows if row["kind"] == kind]) for kind in kinds},
    }


def evaluate(search_fn, judged, k=K, clarifications=frozenset()):
    """Run `search_fn(query) -> ranked URL paths` over `judged`: overall and per-kind means, the same for
    each half, and the how-to queries whose first result is one of the `clarifications` (URL paths)."""
    rows = []
    for item in judged:
        ranked = list(search_fn(item["query"]))
        scores = score_query(ranked, item["relevant"], k)
        half = item.get("half") or half_of(item["query"])
        rows.append({"query": item["query"], "kind": item["kind"], "half": half, "ranked": ranked[:k], **scores})
    return {
        **_breakdown(rows),
        "halves": {half: _breakdown([row for row in rows if row["half"] == half]) for half in HALVES},
        "howto_clarification_first": [
            row["query"]
            for row in rows
            if row["kind"] == "howto" and row["ranked"][:1] and row["ranked"][0] in clarifications
        ],
        "queries": rows,
    }


def _cut(query):
    # The same cleaning and length limit the search page applies to what citizens type.
    return clean_query(query, settings.SEARCH_MAX_QUERY_LENGTH)


def engine_search(query):
    """The portal's own search, first page of ten, as URL paths."""
    return [entry.url for entry in engine.search(_cut(query), per_page=K).entries]


class Bm25Baseline:
    """Okapi BM25 over the published index entries, with none of the engine's rules.

    Tokens are the stems of title + summary + body, recomputed from the entries' text rather
    than read from their stored stems, so the baseline stays put when the engine changes what
    it indexes. The title is included twice: a cheap way to weigh it more without a
    field-aware model.
    """

    def __init__(self, entries=None):
        if entries is None:
            entries = SearchEntry.objects.published().only("url", "title", "summary", "body").order_by("url")
        entries = list(entries)
        self.urls = [entry.url for entry in entries]
        corpus = [self._tokens(entry) for entry in entries]
        # BM25Okapi cannot be built over nothing; an empty index simply finds nothing.
        self._bm25 = BM25Okapi(corpus) if corpus else None

    @staticmethod
    def _tokens(entry):
        return stems(f"{entry.title} {entry.title} {entry.summary} {entry.body}").split()

    def search(self, query, k=K):
        """URLs of the top k entries with a positive score, best first (ties by URL, for stable runs)."""
        terms = stems(_cut(query)).split()
        if self._bm25 is None or not terms:
            return []
        scores = self._bm25.get_scores(terms)
        order = sorted(range(len(scores)), key=lambda i: (-scores[i], self.urls[i]))
        return [self.urls[i] for i in order[:k] if scores[i] > 0]

    __call__ = search


COLUMNS = [("MRR@10", "mrr"), ("nDCG@10", "ndcg"), ("recall@10", "recall"), ("tanpa hasil", "zero_results")]
ALL_LABEL = "semua"


def format_report(report):
    """A text table: one row per kind, then the "semua" row; metrics with three decimals."""
    rows = [*report["kinds"].items(), (ALL_LABEL, report["overall"])]
    label_width = max(len(label) for label, _ in rows)
    header = " ".join([f"{'jenis':<{label_width}}", *(f"{title:>11}" for title, _ in COLUMNS), f"{'n':>4}"])
    lines = [header, "-" * len(header)]
    for label, summary in rows:
        cells = [f"{summary[metric]:>11.3f}" for _, metric in COLUMNS]
        lines.append(" ".join([f"{label:<{label_width}}", *cells, f"{summary['n']:>4}"]))
    return "\n".join(lines)


def _mrr_pairs(report, baseline):
    """(label, portal MRR@10, BM25 MRR@10) per kind the engine was measured on, then "semua"."""
    rows = [
        (kind, summary["mrr"], baseline["kinds"].get(kind, {}).get("mrr", 0.0))
        for kind, summary in report["kinds"].items()
    ]
    return [*rows, (ALL_LABEL, report["overall"]["mrr"], baseline["overall"]["mrr"])]


def not_beating_baseline(report, baseline):
    """Kinds where the portal does not beat plain BM25: a lower MRR@10, or the same one short of perfect."""
    return [
        (label, portal, bm25)
        for label, portal, bm25 in _mrr_pairs(report, baseline)
        if portal < bm25 or (portal == bm25 and portal < 1.0)
    ]


def format_comparison(report, baseline):
    """MRR@10 of the portal beside plain BM25, kind by kind: over all queries and over the held-out half."""
    held_out = HALVES[1]
    half = {
        label: (portal, bm25)
        for label, portal, bm25 in _mrr_pairs(report["halves"][held_out], baseline["halves"][held_out])
    }
    groups = ("semua kueri", f"separuh {held_out}")
    pairs = _mrr_pairs(report, baseline)
    width = max(len(label) for label, _, _ in pairs)
    header = " ".join([f"{'jenis':<{width}}", *(f"{group:>29}" for group in groups)])
    columns = " ".join([" " * width, *(f"{'portal':>9}{'BM25':>9}{'selisih':>11}" for _ in groups)])
    lines = [header, columns, "-" * len(columns)]
    for label, portal, bm25 in pairs:
        in_half = _comparison_cell(*half[label]) if label in half else f"{'-':>29}"
        lines.append(" ".join([f"{label:<{width}}", _comparison_cell(portal, bm25), in_half]))
    return "\n".join(lines)


def _comparison_cell(portal, bm25):
    return f"{portal:>9.3f}{bm25:>9.3f}{portal - bm25:>+11.3f}"
