"""The glossary's search box: a term by its name, its other forms or its definition, typos included."""

import pytest

from bansos_portal.glossary.lookup import rank


@pytest.fixture
def terms(make_term):
    return [
        make_term("DTSEN", forms=["Data Tunggal Sosial dan Ekonomi Nasional"], short_definition="Data penerima."),
        make_term("DTKS", forms=["Data Terpadu Kesejahteraan Sosial"], short_definition="Data lama Kemensos."),
        make_term("desil", short_definition="Peringkat kesejahteraan keluarga di DTSEN."),
        make_term("Dukcapil", short_definition="Pencatat NIK dan Kartu Keluarga."),
        make_term("KK", forms=["Kartu Keluarga"], short_definition="Dokumen susunan keluarga."),
    ]


def names(found):
    return [term.term for term in found]


def test_an_empty_query_lists_every_term_alphabetically(terms):
    assert names(rank(terms, "  ")) == ["desil", "DTKS", "DTSEN", "Dukcapil", "KK"]


def test_the_name_typed_in_any_case_comes_first(terms):
    assert names(rank(terms, "dtsen"))[0] == "DTSEN"


def test_a_typo_still_finds_the_term(terms):
    assert names(rank(terms, "dtsn")) == ["DTSEN"]
    assert names(rank(terms, "dukcapl")) == ["Dukcapil"]


def test_other_forms_are_searched(terms):
    assert names(rank(terms, "data tunggal")) == ["DTSEN"]
    assert names(rank(terms, "kartu keluarga"))[0] == "KK"


def test_a_name_outranks_a_definition_that_mentions_it(terms):
    # desil's definition mentions DTSEN; the term itself leads.
    assert names(rank(terms, "DTSEN")) == ["DTSEN", "desil"]


def test_words_of_the_definition_find_the_term(terms):
    assert names(rank(terms, "peringkat")) == ["desil"]


def test_unrelated_words_and_short_typos_find_nothing(terms):
    assert rank(terms, "zzxqy") == []
    assert rank(terms, "kx") == []
