"""Large result sets: the first pages rank the champion lists (the strongest entries per word), the counts
per kind stop early, and what both read stays true as content is saved, edited and deleted."""

from unittest import mock

import pytest
from django.db import connection

from bansos_portal.search import engine, ranking
from bansos_portal.search.models import SearchEntry, SynonymGroup
from bansos_portal.search.query import parse_partial, parse_query
from bansos_portal.search.statements import Matches, sqlite, text_statistics
from bansos_portal.search.statements.common import FTS_TABLE

only_sqlite = pytest.mark.skipif("connection.vendor != 'sqlite'", reason="SQLite's own bookkeeping")

TEXTS = [
    ("Bantuan untuk lansia dari Kemensos", "Lansia mendapat bantuan tiap bulan."),
    ("Syarat bantuan lansia", "KTP dan KK. Bantuan lansia lewat desa."),
    ("Menteri Sosial meninjau bantuan", "Menteri Sosial datang ke desa. Bantuan untuk lansia dan anak."),
    ("Kartu keluarga hilang", "Lapor ke desa, lalu ke Dinas Sosial."),
    ("Jadwal penyaluran", "Bantuan cair empat kali setahun, juga untuk lansia lansia lansia."),
    ("Pendamping PKH", "Pendamping membantu keluarga penerima bantuan."),
    ("Kemensos membuka layanan pengaduan", "Pengaduan bantuan lewat telepon."),
    ("Lansia tunggal", "Tinggal sendiri. " * 12 + "Bantuan dari Menteri Sosial."),
]


@pytest.fixture
def many(make_question):
    SynonymGroup.objects.create(terms="kemensos, menteri sosial")
    return [make_question(question=title, answer=answer) for title, answer in TEXTS * 3]


@pytest.fixture
def champions_hold_every_match(monkeypatch):
    """Champion lists long enough to hold every match, used however few the matches are."""
    monkeypatch.setattr(ranking, "FEW_MATCHES", 0)
    monkeypatch.setattr(ranking, "CHAMPIONS_PER_CONCEPT", 1_000)
    monkeypatch.setattr(ranking, "MIN_PER_STEM", 1_000)


@pytest.mark.parametrize("query", ["bantuan lansia kemensos", "menteri sosial desa", "lansia"])
def test_a_first_page_from_the_champion_lists_is_the_full_ranking(many, champions_hold_every_match, query):
    full = [entry.url for entry in engine._matches(parse_query(query)).ranked(0, 10)]

    with mock.patch.object(Matches, "champions", autospec=True, side_effect=Matches.champions) as champions:
        first_page = [entry.url for entry in engine.search(query, per_page=10).entries]

    assert champions.called
    assert first_page == full and len(full) == 10


def test_the_first_page_follows_edits_and_deletions(many, champions_hold_every_match):
    edited, deleted = many[3], many[5]
    edited.question, edited.answer = "Bantuan lansia terbaru", "Bantuan lansia naik. Lansia lansia."
    edited.save()
    deleted.delete()

    first_page = [entry.url for entry in engine.search("bantuan lansia", per_page=10).entries]

    assert first_page == [entry.url for entry in engine._matches(parse_query("bantuan lansia")).ranked(0, 10)]
    assert edited.get_absolute_url() in first_page


@only_sqlite
def test_sqlite_keeps_what_bm25_knows_through_edits_and_deletions(many):
    many[0].answer = "Jawaban yang jauh lebih panjang tentang bantuan. " * 5
    many[0].save()
    many[1].delete()
    SearchEntry.objects.filter(pk=SearchEntry.objects.order_by("pk").values("pk")[:1]).update(body_stems="baru")
    entries = list(SearchEntry.objects.values_list("pk", "title_stems", "summary_stems", "body_stems"))
    stems = {stem for *_, title, summary, body in entries for stem in f"{title} {summary} {body}".split()}

    statistics = text_statistics("default", stems)

    with connection.cursor() as cursor:
        for stem in stems:
            cursor.execute(f"SELECT COUNT(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [f'"{stem}"'])
            assert statistics.holding[stem] == cursor.fetchone()[0], stem
        cursor.execute(f"SELECT entry_id, tokens FROM {sqlite.LENGTHS}")
        lengths = dict(cursor.fetchall())
    tokens = {pk: len(f"{title} {summary} {body}".split()) for pk, title, summary, body in entries}
    assert lengths == tokens
    assert statistics.rows == len(entries)
    assert statistics.average_length == pytest.approx(sum(tokens.values()) / len(entries))


@pytest.fixture
def kinds(make_program, make_question, make_clarification):
    for number in range(3):
        make_program(name=f"Program daftar ulang {number}", slug=f"daftar-{number}")
    for number in range(2):
        make_clarification(claim=f"Daftar bansos lewat tautan {number}", explanation="Palsu.")
    for number in range(4):
        make_question(question=f"Cara daftar bantuan {number}?", answer="Ke desa.")
    make_question(question="Jadwal pencairan", answer="Empat tahap.")


def test_one_pass_counts_equal_the_counts_per_kind(kinds):
    matches = Matches("default", parse_query("daftar").groups)

    for kind in (None, "program", "faq"):
        assert matches.facet_counts(100, kind) == (matches.kind_counts(at_most=100), matches.program_counts(kind))
    assert matches.program_counts(), "the programs list themselves"
    # Capped like the counts per kind: "more than 500" is all a citizen sees of a common word.
    expected = {"program": 3, "faq": 3, "clarification": 2, "office": 0}
    assert matches.facet_counts(3)[0] == matches.kind_counts(at_most=3) == expected


@pytest.mark.parametrize("few", [0, 10_000], ids=["streamed", "kind-by-kind"])
def test_counts_per_kind_are_the_same_read_either_way(kinds, monkeypatch, few):
    monkeypatch.setattr(sqlite, "FEW_OF_KIND", few)
    monkeypatch.setattr(sqlite, "SMALL_SHARE", 1)
    monkeypatch.setattr(engine, "ONE_PASS_UP_TO", 0)  # as on a large index: a count per kind
    expected = {"program": 3, "faq": 4, "clarification": 2, "office": 0}

    assert engine.search("daftar").kind_counts == expected
    # A word still being typed matches every word it starts.
    assert Matches("default", parse_partial("daft").groups).kind_counts(at_most=100) == expected
