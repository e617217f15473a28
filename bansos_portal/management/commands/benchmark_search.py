"""`benchmark_search --entries 10000 --entries 100000 --queries 300 [--keep]`: search latency on generated
FAQ content in a scratch database, never the configured one's data. It prints numbers, it is not a test."""

import json
import math
import os
import random
import shutil
import signal
import sys
import tempfile
from collections import Counter, namedtuple
from contextlib import contextmanager
from datetime import timedelta
from functools import lru_cache
from itertools import accumulate
from time import perf_counter

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand
from django.db import OperationalError, connection, transaction
from django.test.utils import override_settings
from django.utils import timezone

from bansos_portal.content_file.load import DEMO_CONTENT
from bansos_portal.publishing import Status
from bansos_portal.rich_text import render_markdown
from bansos_portal.search import engine, index
from bansos_portal.search.models import SearchEntry, SearchTerm
from bansos_portal.search.text import STOP_WORDS, words
from faq.models import Category, Question

SEED, BATCH, WARM_UP = 2024, 2_000, 20
FILLER_WORDS = 36_000  # plus ~1,700 demo words: a long tail that still fits text.stem's 50,000-entry cache

QUESTION_STARTS = ["Bagaimana", "Kapan", "Apakah", "Berapa", "Siapa", "Di mana", "Mengapa", "Bisakah"]
FIXED_QUERIES = [
    "kapan pkh cair", "syarat daftar bansos", "kartu kks hilang", "bantuan pangan non tunai",
    "cara cek penerima bansos", "blt dana desa", "pip anak sekolah", "bpjs pbi tidak aktif",
    "nik tidak terdaftar dtks", "cara mengajukan sanggahan", "besaran pkh ibu hamil", "jadwal penyaluran sembako",
    "lapor pungutan pendamping", "rumah tidak layak huni", "bantuan lansia", "atensi penyandang disabilitas",
    "hoaks link pendaftaran bansos", "saldo kks belum masuk", "pindah domisili bansos", "cek bansos kemensos",
]  # fmt: skip


def zipf(count, exponent=1.0):
    return list(accumulate(1 / rank**exponent for rank in range(1, count + 1)))


@lru_cache(maxsize=4)
def vocabulary(seed=SEED):
    """Demo-content words by their frequency there, then pseudo-Indonesian filler as the long tail."""
    data = json.loads(DEMO_CONTENT.read_text(encoding="utf-8"))
    texts = [v for p in data["programs"] for k, v in p.items() if isinstance(v, str) and k != "slug"]
    texts += [t for f in data["faq"] for t in (f["question"], f["answer"])]
    texts += [t for c in data["clarifications"] for t in (c["claim"], c["explanation"])]
    counts = Counter(word for text in texts for word in words(text))
    rng, onsets, filler = random.Random(f"{seed}:filler"), "b c d g h j k l m n p r s t w y ng ny tr pr".split(), set()
    while len(filler) < FILLER_WORDS:
        word = "".join(rng.choice(onsets) + rng.choice("aaaiueo") for _ in range(rng.randint(2, 4)))
        filler.add(word + rng.choice(["", "", "n", "k", "r", "t", "ng"]))
    new = sorted(filler - set(counts))
    ranked = sorted(counts, key=lambda w: (-counts[w], w)) + rng.sample(new, len(new))
    return ranked, zipf(len(ranked), 1.05)


def _text(rng, vocab, count):
    return " ".join(rng.choices(vocab[0], cum_weights=vocab[1], k=count))


def generate_entries(n, seed=SEED, start=0, word_counts=None):
    """Bulk-create questions start..n-1 and their index entries; returns seconds per phase.
    Each batch has its own seed, so growing 10k -> 100k gives the rows a 100k load would.
    `word_counts` counts the entries holding each word, for the typo-correction vocabulary."""
    vocab, phases, word_counts = vocabulary(seed), Counter(), Counter() if word_counts is None else word_counts
    categories = [Category.objects.get_or_create(slug=f"bench-{i}", defaults={"name": f"Uji {i}"})[0] for i in range(5)]
    content_type, published_at = ContentType.objects.get_for_model(Question), timezone.now() - timedelta(days=1)
    for first in range(start, n, BATCH):
        rng, clock, questions = random.Random(f"{seed}:{first}"), perf_counter(), []
        for i in range(first, min(first + BATCH, n)):
            question = f"{rng.choice(QUESTION_STARTS)} {_text(rng, vocab, rng.randint(5, 13))}?"
            left, sentences = rng.randint(40, 150), []  # the answer: 40-150 words in 6-20 word sentences
            while left > 0:
                sentences.append(_text(rng, vocab, min(left, size := rng.randint(6, 20))).capitalize() + ".")
                left -= size
            answer = " ".join(sentences)  # bulk_create skips save(), which renders the HTML the index reads
            questions.append(Question(question=question, slug=f"bench-{i}", answer=answer,
                                      answer_html=render_markdown(answer), category=rng.choice(categories),
                                      status=Status.PUBLISHED, published_at=published_at))  # fmt: skip
        phases["text"] += perf_counter() - clock
        with transaction.atomic():
            clock = perf_counter()
            Question.objects.bulk_create(questions)  # no signals: the index is written below, in bulk
            phases["inserts"] += perf_counter() - clock
            clock = perf_counter()
            entries = [
                SearchEntry(content_type=content_type, object_id=q.pk, **index.entry_fields(q)) for q in questions
            ]
            word_counts.update(w for e in entries for w in index.counted_words(e))
            phases["stemming"] += perf_counter() - clock
            clock = perf_counter()
            SearchEntry.objects.bulk_create(entries, batch_size=BATCH)  # SQLite: the FTS5 triggers index these
            phases["inserts"] += perf_counter() - clock
    return phases


@transaction.atomic
def fill_vocabulary(word_counts):
    """Refill the typo-correction vocabulary from every word, as rebuild() would."""
    SearchTerm.objects.all().delete()
    return len(SearchTerm.objects.bulk_create(index.vocabulary(word_counts), batch_size=BATCH))


def make_queries(count, seed=SEED, fixed=True, stream="queries"):
    """2-4 frequent content words, 15% with a rare word, 15% with a dropped or swapped letter;
    shuffled with the fixed ones, so a run cut short by its budget still measures a fair sample."""
    rng, ranked = random.Random(f"{seed}:{stream}"), vocabulary(seed)[0]
    head = [w for w in ranked[:3_000] if w not in STOP_WORDS and w.isalpha() and len(w) > 2]
    head_weights, rare, queries = zipf(len(head)), ranked[10_000:], list(FIXED_QUERIES) if fixed else []
    for _ in range(count):
        terms = rng.choices(head, cum_weights=head_weights, k=rng.randint(2, 4))
        roll, at = rng.random(), rng.randrange(len(terms))
        word, i = terms[at], rng.randrange(1, len(terms[at]) - 1)
        if roll < 0.15:
            terms[at] = rng.choice(rare)
        elif roll < 0.30:
            terms[at] = (
                word[:i] + word[i + 1 :] if roll < 0.225 else word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]
            )
        queries.append(" ".join(terms))
    rng.shuffle(queries)
    return queries


@contextmanager
def time_limit(seconds):
    """Abort a runaway search instead of waiting minutes for it; yields a function that restarts the clock."""
    connection.ensure_connection()
    deadline, postgres = [math.inf], connection.vendor == "postgresql"
    if postgres:
        connection.cursor().execute(f"SET statement_timeout = {int(seconds * 1000)}")  # per statement, not search
    else:
        connection.connection.set_progress_handler(lambda: perf_counter() > deadline[0], 10_000)
    try:
        yield lambda: deadline.__setitem__(0, perf_counter() + seconds)
    finally:
        if postgres:
            connection.cursor().execute("SET statement_timeout = 0")
        else:
            connection.connection.set_progress_handler(None, 0)


# sql: milliseconds per kind of statement (count, grouped for facets, rows for pages and lookups)
Timing = namedtuple("Timing", "query ms total sql statements top")


def measure(queries, timeout=30.0, budget=float("inf")):
    """Time each search as the site runs it (search, total, highlighted entries, suggestion), no HTTP.
    A search over `timeout` s is cut off and kept with total -1; none starts after `budget` s.
    SQL time is cursor.execute(); SQLite fetches rows after it, so part of its SQL counts as Python."""
    sql, statements, timings, started = Counter(), [], [], perf_counter()

    def timed(execute, statement, params, many, context):
        clock, text = perf_counter(), statement.lstrip().upper()
        kind = "count" if text.startswith("SELECT COUNT(") else "grouped" if " GROUP BY " in text else "rows"
        try:
            return execute(statement, params, many, context)
        finally:
            sql[kind] += (perf_counter() - clock) * 1000
            statements.append(kind)

    with time_limit(timeout) as restart_clock, connection.execute_wrapper(timed):
        for query in queries:
            if perf_counter() - started > budget:
                break
            sql.clear()
            statements.clear()
            restart_clock()
            clock = perf_counter()
            try:
                results = engine.search(query, per_page=10)
                total, entries, _ = results.total, results.entries, results.suggestion
            except OperationalError:  # interrupted by time_limit
                total, entries = -1, []
            ms, top = (perf_counter() - clock) * 1000, entries[0].title if entries else "-"
            timings.append(Timing(query, ms, total, sql.copy(), len(statements), top))
    return timings


def percentile(values, p):
    ordered = sorted(values)  # nearest rank: the smallest value with at least p% of values at or below it
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def report(write, timings, planned, warmed_up):
    ms, cut = [t.ms for t in timings], sum(t.total < 0 for t in timings)
    write(f"  queries  {len(ms)} of {planned} (after {warmed_up} warm-up), one connection, one at a time")
    if cut:
        write(f"  timed out {cut}: counted at the time they were cut off, so high percentiles are lower bounds")
    for label, p in (("p50", 50), ("p95", 95), ("p99", 99), ("max", 100)):
        write(f"  {label:<8} {percentile(ms, p):8.1f} ms")
    write(f"  qps      {len(ms) / (sum(ms) / 1000):8.1f}")
    parts = {f"sql {kind}": [t.sql[kind] for t in timings] for kind in ("count", "grouped", "rows")}
    parts["python"] = [t.ms - sum(t.sql.values()) for t in timings]  # parsing, typos, highlighting, ORM
    for label, values in parts.items():
        write(f"  {label:<12} p50 {percentile(values, 50):7.1f} ms  p95 {percentile(values, 95):7.1f} ms")
    write(f"  statements per search: p50 {percentile([t.statements for t in timings], 50)}")
    write("  samples (fixed queries, then the three slowest):")
    samples = [t for t in timings if t.query in FIXED_QUERIES][:5]
    for t in samples + sorted((t for t in timings if t not in samples), key=lambda t: -t.ms)[:3]:
        found = f"{t.total:>7,} results" if t.total >= 0 else "  timed out   "
        write(f"    {t.query!r:<34} {found} {t.ms:8.1f} ms  top: {t.top[:40]!r}")


def benchmark_size(write, n, query_count, seed=SEED, loaded=0, word_counts=None, timeout=30.0, budget=float("inf")):
    write(f"== {n:,} entries ==")
    word_counts = Counter() if word_counts is None else word_counts
    phases = generate_entries(n, seed, start=loaded, word_counts=word_counts)
    clock, terms = perf_counter(), fill_vocabulary(word_counts)
    phases["vocabulary"], clock = perf_counter() - clock, perf_counter()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Maintenance of the scratch database, not a page's query: on a busy machine it may take longer
            # than the statement timeout every request gets (settings), so that limit is lifted meanwhile.
            cursor.execute("SET statement_timeout = 0")
            # VACUUM empties the GIN pending list and ANALYZE gives the planner statistics: the steady
            # state autovacuum keeps a live site in (a manual ANALYZE alone leaves the pending list).
            cursor.execute("VACUUM ANALYZE")
            # And a checkpoint, so writing out the bulk load does not happen during the measurement.
            cursor.execute("CHECKPOINT")
            cursor.execute("RESET statement_timeout")
        phases["vacuum analyze, checkpoint"] = perf_counter() - clock
    detail = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in phases.items())
    write(f"  load     {sum(phases.values()):.1f} s for {n - loaded:,} new entries ({detail}); {terms:,} terms")
    warm_up = measure(make_queries(WARM_UP, seed, False, "warm-up"), timeout, budget / 5)  # caches, stems
    queries = make_queries(query_count, seed)
    report(write, measure(queries, timeout, budget), len(queries), len(warm_up))


class Command(BaseCommand):
    help = "Measure search latency on generated FAQ entries in a scratch database."

    def add_arguments(self, parser):
        parser.add_argument("--entries", type=int, action="append", help="entries to load; repeat for more sizes")
        parser.add_argument("--queries", type=int, default=300, help="generated queries, on top of 20 fixed ones")
        parser.add_argument("--timeout", type=float, default=10.0, help="seconds before one search is cut off")
        parser.add_argument("--budget", type=float, default=600.0, help="seconds of searching per size, at most")
        parser.add_argument("--keep", action="store_true", help="keep the scratch database for inspection")

    def handle(self, *args, entries, queries, timeout, budget, keep, **options):
        write, creation, settings_dict = self.stdout.write, connection.creation, connection.settings_dict
        old_name, scratch_dir = settings_dict["NAME"], None
        if connection.vendor == "sqlite":
            # A file, not memory, so page cache and disk behave as on a real site.
            scratch_dir = tempfile.mkdtemp(prefix="benchmark-search-")
            settings_dict["TEST"]["NAME"] = os.path.join(scratch_dir, "benchmark.sqlite3")
        else:
            # Not test_<name>: autoclobber would drop a test database pytest may be using right now.
            settings_dict["TEST"]["NAME"] = f"benchmark_search_{old_name}"
        # A plain SIGTERM would skip the finally below and leave the scratch database behind.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
        name = creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False, serialize=False)
        try:
            version = connection.Database.sqlite_version if connection.vendor == "sqlite" else connection.pg_version
            write(f"database: {connection.vendor} {version}, scratch database {name}")
            # Production runs with DEBUG off; the debug cursor would add its bookkeeping to every query.
            with override_settings(DEBUG=False):
                loaded, word_counts = 0, Counter()
                for n in sorted(set(entries or [10_000])):
                    benchmark_size(write, n, queries, SEED, loaded, word_counts, timeout, budget)
                    loaded = n
        finally:
            if keep:
                write(f"kept scratch database: {name}")
            else:
                creation.destroy_test_db(old_name, verbosity=0)
                if scratch_dir:
                    shutil.rmtree(scratch_dir, ignore_errors=True)
