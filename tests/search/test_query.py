"""Synonyms, typos, best bets, filters, suggestions and freshness: what the search understands."""

from datetime import timedelta
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from bansos_portal.publishing import Status
from bansos_portal.search import engine, ranking
from bansos_portal.search.index import rebuild
from bansos_portal.search.models import BestBet, SearchEntry, SynonymGroup
from bansos_portal.search.query import parse_query
from bansos_portal.search.statements import Matches


def urls(query, **filters):
    return [entry.url for entry in engine.search(query, **filters).entries]


@pytest.fixture
def content(make_program, make_question, make_clarification):
    pkh = make_program(name="Program Keluarga Harapan", acronym="PKH", slug="pkh", summary="Bantuan tunai bersyarat.")
    bpnt = make_program(name="Program Sembako", acronym="BPNT", slug="bpnt", summary="Bantuan pangan non tunai.")
    cair = make_question(question="Kapan bantuan PKH cair?", answer="Empat tahap dalam setahun.")
    cair.programs.add(pkh)
    syarat = make_question(question="Apa syarat menerima Program Keluarga Harapan?", answer="Terdaftar di DTSEN.")
    syarat.programs.add(pkh)
    uang = make_question(question="Uang BPNT belum masuk ke kartu", answer="Tanyakan ke pendamping atau bank.")
    uang.programs.add(bpnt)
    hoax = make_clarification(claim="Daftar bantuan Rp2 juta lewat tautan", explanation="Tautan palsu.")
    return {"pkh": pkh, "bpnt": bpnt, "cair": cair, "syarat": syarat, "uang": uang, "hoax": hoax}


def test_acronyms_match_their_full_names_both_ways(content):
    SynonymGroup.objects.create(terms="pkh, program keluarga harapan")

    assert content["syarat"].get_absolute_url() in urls("syarat pkh")
    assert content["cair"].get_absolute_url() in urls("program keluarga harapan cair")


def test_slang_is_understood_through_synonyms(content):
    SynonymGroup.objects.create(terms="uang, duit, dana")

    assert urls("duit bpnt")[0] == content["uang"].get_absolute_url()


def test_the_fillers_of_a_chat_message_do_not_change_the_answer(content, make_question):
    """A message with chat fillers ("tolong kasih tau … dong") asks the same as its plain words: a filler that
    also stands in some entry's text ("kasih") must not pull that entry up."""
    make_question(question="Terima kasih untuk pendamping PKH", answer="Sampaikan lewat desa. Kami mau mendengar.")

    assert urls("tolong kasih tau kapan pkh cair dong") == urls("pkh cair")
    assert urls("mau tau syarat pkh aja") == urls("syarat pkh")


def test_humas_edits_to_synonyms_apply_at_once(content):
    group = SynonymGroup.objects.create(terms="jatah beras, bpnt")
    assert content["uang"].get_absolute_url() in urls("jatah beras")

    group.is_active = False
    group.save()

    assert content["uang"].get_absolute_url() not in urls("jatah beras")


def test_default_synonyms_ship_with_the_database(db):
    terms = " | ".join(SynonymGroup.objects.values_list("terms", flat=True))

    for expected in ("program keluarga harapan", "kartu keluarga sejahtera", "bantuan sosial"):
        assert expected in terms


def test_a_typo_still_finds_and_suggests_the_real_word(content):
    results = engine.search("syrat pkh")

    assert content["syarat"].get_absolute_url() in [entry.url for entry in results.entries]
    assert results.suggestion == "syarat pkh"


def test_no_suggestion_for_words_the_content_uses(content):
    assert engine.search("syarat pkh").suggestion is None
    assert engine.search("pendaftaran").suggestion != "pendaftaran"


def test_suggestion_is_offered_on_the_page(client, content):
    response = client.get(reverse("search"), {"q": "bantun pkh"})

    assert "Maksud Anda:" in response.text and "?q=bantuan%20pkh" in response.text


def test_best_bet_is_pinned_first_for_the_query_and_its_variants(content):
    BestBet.objects.create(query="daftar bantuan", clarification=content["hoax"])

    for variant in ("daftar bantuan", "pendaftaran bantuan", "bantuan mendaftar", "daftr bantuan"):
        results = engine.search(variant)
        assert [entry.url for entry in results.best_bets] == [content["hoax"].get_absolute_url()], variant
    assert engine.search("bantuan").best_bets == []


def test_expired_best_bets_and_drafts_are_not_pinned(content):
    BestBet.objects.create(
        query="kapan cair", question=content["cair"], expires_at=timezone.now() - timedelta(minutes=1)
    )
    BestBet.objects.create(query="syarat", question=content["uang"])
    content["uang"].status = Status.DRAFT
    content["uang"].save()

    assert engine.search("kapan cair").best_bets == []
    assert engine.search("syarat").best_bets == []


def test_pinned_result_is_not_repeated_in_the_list(client, content):
    BestBet.objects.create(query="bantuan", question=content["uang"])

    response = client.get(reverse("search"), {"q": "bantuan"})

    assert "Jawaban yang disarankan" in response.text
    assert response.text.count(f'href="{content["uang"].get_absolute_url()}"') == 1


@pytest.mark.parametrize("one_pass_up_to", [0, 10_000], ids=["count-per-kind", "one-pass"])
def test_filters_by_type_and_program_with_counts(content, monkeypatch, one_pass_up_to):
    monkeypatch.setattr(engine, "ONE_PASS_UP_TO", one_pass_up_to)
    everything = engine.search("bantuan")

    assert everything.kind_counts == {"program": 2, "faq": 1, "clarification": 1, "office": 0}
    assert {item["slug"]: item["count"] for item in everything.program_counts} == {"pkh": 2, "bpnt": 1}
    assert set(urls("bantuan", kind="program")) == {"/program/pkh/", "/program/bpnt/"}
    assert set(urls("bantuan", program="pkh")) == {"/program/pkh/", content["cair"].get_absolute_url()}
    in_pkh = engine.search("bantuan", program="pkh")
    assert in_pkh.kind_counts == {"program": 1, "faq": 1, "clarification": 0, "office": 0}
    # Filtered to a kind: the counts per kind stay whole (they are the filter's choices), per program narrow.
    programs_only = engine.search("bantuan", kind="program")
    assert programs_only.kind_counts == everything.kind_counts and programs_only.total == 2
    assert {item["slug"]: item["count"] for item in programs_only.program_counts} == {"pkh": 1, "bpnt": 1}


def test_program_facets_and_filter_know_only_published_programs(client, content, make_program):
    draft = make_program(name="Program Rahasia Baru", acronym="PRB", slug="program-rahasia", status=Status.DRAFT)
    scheduled = make_program(
        name="Program Nanti", slug="program-nanti", published_at=timezone.now() + timedelta(days=1)
    )
    content["cair"].programs.add(draft, scheduled)

    page = client.get(reverse("search"), {"q": "bantuan"}).text

    assert {item["slug"] for item in engine.search("bantuan").program_counts} == {"pkh", "bpnt"}
    assert "program-rahasia" not in page and "PRB" not in page and "program-nanti" not in page
    for slug in ("program-rahasia", "program-nanti"):
        assert urls("bantuan", program=slug) == urls("bantuan", program="tidak-ada") == []


def test_filter_links_work_without_javascript(client, content):
    response = client.get(reverse("search"), {"q": "bantuan", "jenis": "faq"})

    assert "Tanya jawab (1)" in response.text and "Program (2)" in response.text
    assert "?q=bantuan&amp;jenis=program" in response.text
    assert response.text.count('class="result"') == 1


def test_unknown_filter_values_are_ignored(client, content):
    response = client.get(reverse("search"), {"q": "bantuan", "jenis": "<x>", "program": "\x00"})

    assert response.status_code == 200 and response.text.count('class="result"') == 4


def test_title_suggestions_while_typing(client, content):
    response = client.get(reverse("search_suggestions"), {"q": "kapan bant"}, headers={"HX-Request": "true"})

    assert "Kapan bantuan PKH cair?" in response.text and "<html" not in response.text
    assert client.get(reverse("search_suggestions"), {"q": "k"}).text.strip() == ""


def test_home_search_box_suggests_titles_and_search_page_updates_results(client, db):
    home = client.get(reverse("home")).text
    search = client.get(reverse("search")).text

    assert 'data-hx-get="/cari/saran/"' in home and 'aria-live="polite"' in home
    assert 'data-hx-target="#search-results"' in search


def test_scheduled_items_appear_and_disappear_on_time(make_question):
    start = timezone.now()
    make_question(question="Jadwal pencairan tahap dua?", published_at=start + timedelta(hours=1))

    with mock.patch("django.utils.timezone.now", return_value=start + timedelta(minutes=59)):
        assert urls("pencairan") == []
    with mock.patch("django.utils.timezone.now", return_value=start + timedelta(hours=1, seconds=1)):
        assert len(urls("pencairan")) == 1


def test_program_links_of_an_entry_update_its_filters(content):
    content["hoax"].programs.add(content["bpnt"])

    assert content["hoax"].get_absolute_url() in urls("bantuan", program="bpnt")

    content["hoax"].programs.clear()

    assert content["hoax"].get_absolute_url() not in urls("bantuan", program="bpnt")


def test_rebuild_keeps_program_links_and_vocabulary(content):
    rebuild()

    assert set(urls("bantuan", program="pkh")) == {"/program/pkh/", content["cair"].get_absolute_url()}
    assert engine.search("syrat").suggestion == "syarat"
    assert SearchEntry.objects.count() == 6


def test_rebuild_keys_best_bets_by_todays_synonyms(content):
    BestBet.objects.create(query="dompet kartu", question=content["uang"])
    SynonymGroup.objects.create(terms="tabungan, dompet")
    assert engine.search("tabungan kartu").best_bets == []

    rebuild()

    assert [entry.url for entry in engine.search("tabungan kartu").best_bets] == [content["uang"].get_absolute_url()]


def test_pages_follow_the_full_ranking_across_every_word_and_some_word_matches(make_question):
    for number in range(3):
        make_question(question=f"Kartu hilang nomor {number}", answer="Lapor ke bank.")
    for number in range(14):
        make_question(question=f"Kartu cadangan nomor {number}", answer="Simpan baik-baik.")

    full = [entry.url for entry in Matches("default", parse_query("kartu hilang").groups).ranked(0, 100)]
    paged = [entry.url for page in (1, 2) for entry in engine.search("kartu hilang", page=page).entries]

    assert paged == full and len(full) == 17
    assert engine.search("kartu hilang").total == 17


def test_counts_stop_at_the_limit_and_say_so(client, make_question, monkeypatch):
    monkeypatch.setattr(engine, "COUNT_LIMIT", 3)
    for number in range(5):
        make_question(question=f"Pencairan bantuan tahap {number}", answer="Lewat bank.")

    results = engine.search("pencairan")
    page = client.get(reverse("search"), {"q": "pencairan"}).content.decode()

    assert results.total == 3 and results.more_than_total
    assert "Lebih dari 3 hasil" in page and "Tanya jawab (3+)" in page
    assert len(results.entries) == 3  # the pages cover what was counted


def test_with_many_matches_entries_holding_every_word_in_the_title_still_come_first(make_question, monkeypatch):
    # Few champions per word, so on PostgreSQL this ranks only the strongest entries per word (and 14
    # matches count as many, so the champion lists are used at all).
    monkeypatch.setattr(ranking, "CHAMPIONS_PER_CONCEPT", 4)
    monkeypatch.setattr(ranking, "FEW_MATCHES", 3)
    monkeypatch.setattr(ranking, "MIN_PER_STEM", 2)
    for number in range(12):
        make_question(
            question=f"Pertanyaan umum {number}", answer="Bantuan lansia dibahas di sini. " * (number % 3 + 1)
        )
    make_question(question="Bantuan untuk lansia", answer="Cek di desa.")
    make_question(question="Syarat bantuan lansia", answer="KTP dan KK.")

    first_page = engine.search("bantuan lansia", per_page=2).entries
    second_page = engine.search("bantuan lansia", per_page=2, page=2).entries

    assert {entry.title for entry in first_page} == {"Bantuan untuk lansia", "Syarat bantuan lansia"}
    assert not {entry.url for entry in first_page} & {entry.url for entry in second_page}
