import pytest

from bansos_portal.directory.finder import find


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("dinsos kab bandung", "32.04"),
        ("dinas sosial kota malang", "35.73"),
        ("dinsos jatim", "35"),
        ("Dinas Sosial Kabupaten Bandung", "32.04"),
        ("dinsos jabar", "32"),
        ("diy", "34"),
        ("dinsos dki", "31"),
        ("prov sulsel", "73"),
        ("ntt", "53"),
    ],
)
def test_finder_puts_the_intended_region_first(regions, query, code):
    assert find(query)[0].code == code


@pytest.mark.parametrize(
    ("query", "code"),
    [("kabupaten bandng", "32.04"), ("kota malng", "35.73"), ("surabya", "35.78"), ("dinsos kab banyuwangy", "35.10")],
)
def test_finder_forgives_typos(regions, query, code):
    assert find(query)[0].code == code


def test_kota_and_kab_choose_between_regions_of_the_same_name(regions):
    assert find("kota bandung")[0].code == "32.73"
    assert find("kab bandung")[0].code == "32.04"


def test_a_province_abbreviation_narrows_the_name(regions):
    results = find("kota malang jatim")

    assert results[0].code == "35.73"
    assert all(region.province.code == "35" for region in results)


def test_words_that_name_no_place_find_nothing(regions):
    assert find("dinas sosial") == []
    assert find("zzzzqqq") == []
