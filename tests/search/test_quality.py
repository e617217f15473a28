import json
import math
from collections import Counter
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from bansos_portal.content_file.load import DEMO_CONTENT
from bansos_portal.management.commands.search_quality import Command
from bansos_portal.search.quality import (
    HALVES,
    JUDGED_FILE,
    KINDS,
    Bm25Baseline,
    evaluate,
    format_comparison,
    format_report,
    half_of,
    load_judged,
    mrr_at_k,
    ndcg_at_k,
    not_beating_baseline,
    recall_at_k,
    zero_result,
)
from programs.models import Program

DEMO_FILE = DEMO_CONTENT


# Metrics on hand-made rankings


def test_mrr_is_one_over_the_rank_of_the_first_judged_item():
    assert mrr_at_k(["/x/", "/a/", "/b/"], {"/a/": 2, "/b/": 1}) == 0.5
    assert mrr_at_k(["/b/", "/a/"], {"/a/": 2, "/b/": 1}) == 1.0


def test_mrr_is_zero_when_nothing_judged_is_in_the_top_k():
    assert mrr_at_k(["/x/", "/y/"], {"/a/": 2}) == 0.0
    assert mrr_at_k(["/x/", "/y/", "/a/"], {"/a/": 2}, k=2) == 0.0
    assert mrr_at_k([], {"/a/": 2}) == 0.0


def test_ndcg_of_the_ideal_order_is_one():
    assert ndcg_at_k(["/a/", "/b/", "/x/"], {"/a/": 2, "/b/": 1}) == pytest.approx(1.0)


def test_ndcg_uses_graded_gains_and_a_log2_discount():
    # Grade 1 first, grade 2 second: (1 + 3/log2 3) / (3 + 1/log2 3).
    expected = (1 + 3 / math.log2(3)) / (3 + 1 / math.log2(3))

    assert ndcg_at_k(["/b/", "/a/"], {"/a/": 2, "/b/": 1}) == pytest.approx(expected)


def test_ndcg_counts_a_repeated_url_once():
    assert ndcg_at_k(["/a/", "/a/"], {"/a/": 1}) == pytest.approx(1.0)


def test_ndcg_is_zero_without_judged_items_in_the_top_k():
    assert ndcg_at_k(["/x/"], {"/a/": 2}) == 0.0
    assert ndcg_at_k([], {"/a/": 2}) == 0.0


def test_recall_is_the_share_of_judged_items_found():
    assert recall_at_k(["/a/", "/x/"], {"/a/": 2, "/b/": 1}) == 0.5
    assert recall_at_k(["/b/", "/a/"], {"/a/": 2, "/b/": 1}) == 1.0
    assert recall_at_k(["/x/", "/a/"], {"/a/": 2}, k=1) == 0.0


def test_zero_result_means_no_results_at_all():
    assert zero_result([]) == 1.0
    assert zero_result(["/x/"]) == 0.0


def test_evaluate_averages_overall_and_per_kind():
    judged = [
        {"query": "satu", "kind": "exact", "relevant": {"/a/": 2}},
        {"query": "dua", "kind": "exact", "relevant": {"/b/": 2}},
        {"query": "tiga", "kind": "typo", "relevant": {"/c/": 2}},
    ]
    results = {"satu": ["/a/"], "dua": ["/x/", "/b/"], "tiga": []}

    report = evaluate(lambda query: results[query], judged)

    assert report["kinds"]["exact"] == pytest.approx(
        {"mrr": 0.75, "ndcg": (1 + 1 / math.log2(3)) / 2, "recall": 1.0, "zero_results": 0.0, "n": 2}
    )
    assert report["kinds"]["typo"] == {"mrr": 0.0, "ndcg": 0.0, "recall": 0.0, "zero_results": 1.0, "n": 1}
    assert report["overall"]["mrr"] == pytest.approx(0.5)
    assert report["overall"]["zero_results"] == pytest.approx(1 / 3)
    assert report["overall"]["n"] == 3


def test_format_report_has_a_row_per_kind_and_an_overall_row():
    judged = [{"query": "satu", "kind": "exact", "relevant": {"/a/": 2}}]

    lines = format_report(evaluate(lambda query: ["/x/", "/a/"], judged)).splitlines()

    assert "MRR@10" in lines[0] and "tanpa hasil" in lines[0]
    assert lines[2].split() == ["exact", "0.500", "0.631", "1.000", "0.000", "1"]
    assert lines[3].split()[0] == "semua"


def two_kinds(rankings):
    judged = [
        {"query": "satu", "kind": "exact", "relevant": {"/a/": 2}},
        {"query": "dua", "kind": "typo", "relevant": {"/b/": 2}},
    ]
    return evaluate(lambda query: rankings[query], judged)


def test_a_kind_where_the_portal_ties_bm25_short_of_perfect_does_not_beat_it():
    portal = two_kinds({"satu": ["/a/"], "dua": ["/x/", "/b/"]})
    bm25 = two_kinds({"satu": ["/a/"], "dua": ["/x/", "/b/"]})

    # exact: both perfect, nothing to beat; typo: the same 0.5, so not beaten; "semua" then too.
    assert not_beating_baseline(portal, bm25) == [("typo", 0.5, 0.5), ("semua", 0.75, 0.75)]


def test_the_comparison_shows_portal_bm25_and_the_difference_per_kind():
    portal = two_kinds({"satu": ["/a/"], "dua": ["/b/"]})
    bm25 = two_kinds({"satu": ["/x/", "/a/"], "dua": []})

    lines = format_comparison(portal, bm25).splitlines()

    assert not_beating_baseline(portal, bm25) == []
    rows = {line.split()[0]: line.split()[1:4] for line in lines[3:]}
    assert rows["exact"] == ["1.000", "0.500", "+0.500"]
    assert rows["typo"] == ["1.000", "0.000", "+1.000"]
    assert rows["semua"] == ["1.000", "0.250", "+0.750"]


# The judged queries


def demo_urls():
    demo = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    return (
        {f"/program/{item['slug']}/" for item in demo["programs"]}
        | {f"/tanya-jawab/{item['slug']}/" for item in demo["faq"]}
        | {f"/cek-fakta/{item['slug']}/" for item in demo["clarifications"]}
    )


def test_every_judged_url_is_a_demo_item():
    known = demo_urls()

    unknown = {url for item in load_judged(JUDGED_FILE) for url in item["relevant"] if url not in known}

    assert not unknown


def test_every_kind_has_at_least_fifteen_queries_with_an_answer():
    judged = load_judged(JUDGED_FILE)

    assert all(count >= 15 for count in Counter(item["kind"] for item in judged).values())
    assert set(item["kind"] for item in judged) == set(KINDS)
    assert len(judged) >= 90
    assert all(2 in item["relevant"].values() for item in judged)
    assert len({item["query"] for item in judged}) == len(judged)


def test_every_judged_query_sits_in_the_half_its_text_decides():
    judged = load_judged(JUDGED_FILE)

    assert all(item["half"] == half_of(item["query"]) for item in judged)
    counts = Counter(item["half"] for item in judged)
    assert set(counts) == set(HALVES)
    assert min(counts.values()) >= 90
    assert len(judged) >= 200


def test_a_query_moved_to_the_other_half_is_rejected(tmp_path):
    query = "kapan pkh cair"
    other = next(half for half in HALVES if half != half_of(query))
    path = tmp_path / "kueri.json"
    path.write_text(json.dumps([{"query": query, "kind": "exact", "half": other, "relevant": {"/program/pkh/": 2}}]))

    with pytest.raises(ValueError, match="ditentukan dari teks kueri"):
        load_judged(path)


def test_evaluate_reports_each_half_and_howto_queries_answered_by_a_clarification():
    judged = [
        {"query": "satu", "kind": "howto", "half": "tuning", "relevant": {"/a/": 2}},
        {"query": "dua", "kind": "howto", "half": "held-out", "relevant": {"/a/": 2}},
    ]
    results = {"satu": ["/a/"], "dua": ["/cek-fakta/x/", "/a/"]}

    report = evaluate(lambda query: results[query], judged, clarifications={"/cek-fakta/x/"})

    assert report["halves"]["tuning"]["overall"]["mrr"] == 1.0
    assert report["halves"]["held-out"]["overall"]["mrr"] == 0.5
    assert report["howto_clarification_first"] == ["dua"]


def test_load_judged_names_the_bad_entry(tmp_path):
    path = tmp_path / "kueri.json"
    path.write_text(json.dumps([{"query": "pkh", "kind": "lain", "relevant": {"/program/pkh/": 2}}]))

    with pytest.raises(ValueError, match=r"Kueri \[0\]"):
        load_judged(path)


# The BM25 baseline and the command, on the database


@pytest.mark.django_db
def test_baseline_returns_only_entries_that_share_a_word(make_question):
    make_question(question="Kapan pencairan PKH?", answer="Setiap tahap.", slug="cair")
    make_question(question="Syarat BPNT", answer="Terdaftar di DTSEN.", slug="syarat")
    make_question(question="Cara mengadu", answer="Hubungi 171.", slug="adu")

    assert Bm25Baseline().search("dicairkan") == ["/tanya-jawab/cair/"]
    assert Bm25Baseline().search("yang") == []


@pytest.mark.django_db
def test_command_prints_both_reports_and_leaves_the_database_empty():
    out = StringIO()

    call_command("search_quality", min_mrr=0, min_kind_mrr=0, stdout=out)

    text = out.getvalue()
    assert "Basis data: " in text
    assert "Pembanding: BM25" in text
    rows = [line.split()[0] for line in text.splitlines() if line.split() and line.split()[0] in (*KINDS, "semua")]
    # Engine and baseline, each over all queries, then the tuning half, then the held-out half; then the two
    # side by side.
    assert rows == [*KINDS, "semua"] * 7
    assert "MRR@10 portal dibanding BM25 biasa, per jenis" in text
    assert "Mesin pencarian portal, separuh tuning" in text
    assert "Mesin pencarian portal, separuh held-out" in text
    assert "Kueri cara (howto) dengan klarifikasi di urutan pertama: " in text
    assert not Program.objects.exists()


@pytest.fixture
def two_queries(tmp_path):
    """A small judged file, so the command's own behaviour is tested without the full query set."""
    path = tmp_path / "dua-kueri.json"
    judged = [
        {"query": "kapan pkh cair", "kind": "exact", "relevant": {"/program/pkh/": 1}},
        {"query": "kartu sembako", "kind": "acronym", "relevant": {"/program/bpnt/": 2}},
    ]
    path.write_text(json.dumps(judged), encoding="utf-8")
    return str(path)


@pytest.mark.django_db
def test_command_ignores_and_keeps_existing_content(make_program, two_queries):
    make_program(name="Program Uji Lokal", slug="uji-lokal", summary="Kartu KKS hilang? Pencairan PKH.")
    out = StringIO()

    # Every quality gate open: this test is about the content, not the ranking.
    call_command(
        "search_quality", "--file", two_queries, baseline=False, min_mrr=0, min_kind_mrr=0, max_gap=1, stdout=out
    )

    assert "Pembanding" not in out.getvalue()
    assert list(Program.objects.values_list("slug", flat=True)) == ["uji-lokal"]


@pytest.mark.django_db
def test_command_fails_below_target_after_printing(two_queries):
    out = StringIO()

    with pytest.raises(CommandError, match="MRR@10 di bawah target"):
        call_command("search_quality", "--no-baseline", "--file", two_queries, "--min-mrr", "1.01", stdout=out)

    assert "semua" in out.getvalue()
    assert not Program.objects.exists()


def gambling_claim_judged_as(tmp_path, kind):
    """A judged file of one query, the words of a demo claim, whose answer is that claim's clarification."""
    path = tmp_path / "kueri.json"
    relevant = {"/cek-fakta/menyesatkan-pelaku-judi-online-akan-dapat-bansos/": 2}
    path.write_text(json.dumps([{"query": "pelaku judi online", "kind": kind, "relevant": relevant}]), encoding="utf-8")
    return str(path)


@pytest.mark.django_db
def test_command_fails_when_a_howto_query_gets_a_clarification_first(tmp_path):
    # The claim's own words, asked as a how-to: the demo's clarification is the only entry holding them.
    path = gambling_claim_judged_as(tmp_path, "howto")
    out = StringIO()

    with pytest.raises(CommandError, match="1 kueri cara \\(howto\\) mendapat klarifikasi pertama"):
        call_command("search_quality", "--no-baseline", "--file", path, min_mrr=0, min_kind_mrr=0, stdout=out)

    assert "klarifikasi di urutan pertama: 1\n  - pelaku judi online" in out.getvalue()


# The command's gates, on reports of hand-made rankings (the command's own run is tested above).


def gate(report, baseline=None, max_gap=0.05):
    """The command's check of `report`, every other target open."""
    Command(stdout=StringIO())._check(report, baseline, min_mrr=0, min_kind_mrr=0, max_gap=max_gap)


def test_the_gate_fails_when_the_held_out_half_trails_the_tuning_half():
    judged = [
        {"query": "kartu sembako", "kind": "acronym", "half": "tuning", "relevant": {"/program/bpnt/": 2}},
        {"query": "zzz qqq", "kind": "acronym", "half": "held-out", "relevant": {"/program/bpnt/": 2}},
    ]
    found = {"kartu sembako": ["/program/bpnt/"], "zzz qqq": []}

    with pytest.raises(CommandError, match="held-out 0.000 < tuning 1.000"):
        gate(evaluate(found.get, judged))


def test_the_gate_fails_when_plain_bm25_does_as_well_as_the_portal_on_a_kind():
    judged = [{"query": "pelaku judi online", "kind": "hoax", "half": "tuning", "relevant": {"/cek-fakta/x/": 2}}]
    portal = evaluate(lambda query: [], judged)
    bm25 = evaluate(lambda query: ["/cek-fakta/x/"], judged)

    with pytest.raises(CommandError, match=r"hoax 0\.000 tidak mengungguli BM25 1\.000"):
        gate(portal, bm25, max_gap=1)


def test_the_gate_passes_and_says_which_targets_it_held():
    judged = [{"query": "kartu sembako", "kind": "acronym", "half": "tuning", "relevant": {"/program/bpnt/": 2}}]
    command = Command(stdout=StringIO())

    command._check(
        evaluate(lambda query: ["/program/bpnt/"], judged), None, min_mrr=0.9, min_kind_mrr=0.8, max_gap=0.05
    )

    assert "Target tercapai (MRR@10 semua >= 0.900" in command.stdout.getvalue()


@pytest.mark.django_db
def test_command_warns_about_judged_urls_missing_from_the_demo(tmp_path):
    path = tmp_path / "kueri.json"
    judged = [{"query": "pkh", "kind": "exact", "relevant": {"/program/tidak-ada/": 2, "/program/pkh/": 1}}]
    path.write_text(json.dumps(judged), encoding="utf-8")
    out = StringIO()

    call_command("search_quality", "--no-baseline", "--file", str(path), min_mrr=0, min_kind_mrr=0, stdout=out)

    assert "tidak ada di isi demo: /program/tidak-ada/" in out.getvalue()
