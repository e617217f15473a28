"""The personal-number rule (bansos_portal.personal_data) holds whatever citizens put between the digits,
and leaves years, amounts and school years alone; search statistics and the page cache follow it."""

from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from bansos_portal.page_cache import store
from bansos_portal.personal_data import has_personal_number, mask_personal_numbers
from bansos_portal.search.models import SearchQueryStat

DIGITS = "0123456789"
# What people type between digit groups, repeated or mixed: "3201 / 2345", "0812..3456", "3201_2345".
common_separators = st.text(alphabet=" -./_,", max_size=3)
# Anything that is neither a letter nor a digit: a tab, "|", "*", "(", a no-break space, an en dash...
any_separators = st.text(st.characters(exclude_categories=("L", "N", "Cs")), max_size=3)


def written_with(digits, separators):
    """The digits with separators[i] typed after digit i."""
    return "".join(digit + separator for digit, separator in zip(digits, separators, strict=False)) + digits[-1]


@st.composite
def spelled(draw, digits, separators):
    number = draw(digits)
    return written_with(number, draw(st.lists(separators, min_size=len(number) - 1, max_size=len(number) - 1)))


def nik(separators):
    return spelled(st.text(alphabet=DIGITS, min_size=16, max_size=16), separators)


@st.composite
def phone(draw, separators):
    """08…, 62… or +62…: 10 to 13 digits in all."""
    plus, start, rest = draw(st.sampled_from([("", "08", 8), ("", "628", 7), ("+", "628", 7)]))
    number = start + draw(st.text(alphabet=DIGITS, min_size=rest, max_size=rest + 3))
    return plus + draw(spelled(st.just(number), separators))


def assert_hidden(number):
    text = f"cek nik {number} status pkh"

    masked = mask_personal_numbers(text)

    assert has_personal_number(text), text
    assert not any(character.isdigit() for character in masked), masked
    assert masked.startswith("cek nik ") and masked.endswith(" status pkh")


@given(nik(common_separators))
def test_every_nik_is_caught_whatever_common_separators_it_is_typed_with(number):
    assert_hidden(number)


@given(nik(any_separators))
def test_every_nik_is_caught_whatever_non_alphanumeric_characters_sit_between_its_digits(number):
    assert_hidden(number)


@given(phone(common_separators) | phone(any_separators))
def test_every_indonesian_phone_number_is_caught_with_any_separators(number):
    assert_hidden(number)


@given(spelled(st.text(alphabet=DIGITS, min_size=10, max_size=24), any_separators))
def test_every_run_of_ten_digits_or_more_is_caught(number):
    assert_hidden(number)


@pytest.mark.parametrize(
    "text",
    [
        "3201/2345/6789/0123",
        "3201_2345_6789_0123",
        "3201,2345,6789,0123",
        "3201.2345.6789.0123",
        "3201 - 2345 - 6789 - 0123",
        "32 01 23 120580 0001",
        "0812.3456.7890",
        "+62 (812) 3456-7890",
        "12345678",
        # A full date: most often a date of birth typed beside a name or NIK.
        "lahir 2025-02-01",
        "tanggal lahir 12/05/1980",
        # An amount of a billion rupiah or more: no citizen's question needs it, and a NIK can look like one.
        "anggaran rp 58.900.000.000.000",
    ],
)
def test_these_are_masked(text):
    masked = mask_personal_numbers(text)

    assert has_personal_number(text) and "[angka]" in masked
    assert sum(character.isdigit() for character in masked) < 4


@pytest.mark.parametrize(
    "text",
    [
        "pkh 2025",
        "pkh tahap 4 2025",
        "bansos rp 3.000.000",
        "blt 300.000 per bulan",
        "Rp 2.400.000,-",
        "bantuan Rp 10.000.000",
        "bantuan 250,000,000",
        "pip tahun ajaran 2024/2025",
        "dtks 2023-2024",
        "permensos 1 tahun 2018",
        "1234567",
    ],
)
def test_years_amounts_and_short_numbers_are_ordinary_text(text):
    assert not has_personal_number(text)
    assert mask_personal_numbers(text) == text


@pytest.mark.parametrize("separator", ["/", "_", ",", ".", "-", " ", "//", " - ", "%2F", "+"])
def test_the_page_cache_sees_a_nik_in_an_encoded_query_string(separator):
    query = "q=cek+" + separator.join(["3201", "2345", "6789", "0123"])

    assert store.query_has_personal_number(query)


@pytest.mark.parametrize("separator", ["/", "_", ",", ".", "-", " ", " / ", "__"])
def test_a_search_for_a_nik_with_separators_is_neither_counted_nor_cached(client, page_store, make_question, separator):
    make_question(question="Bagaimana cek status PKH dengan NIK?")
    url = reverse("search") + "?" + urlencode({"q": separator.join(["3201", "2345", "6789", "0123"])})

    response = client.get(url)
    client.get(reverse("api_search"), {"q": "nik " + separator.join(["3201", "2345", "6789", "0123"])})

    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    assert cache.get(store.page_key(RequestFactory().get(url).META)) is None
    stored = list(SearchQueryStat.objects.values_list("query", flat=True))
    assert stored and all("[angka]" in query for query in stored)
    assert not any(run in query for query in stored for run in ("3201", "2345", "6789", "0123"))


def test_a_search_for_an_amount_is_counted_as_typed_and_stays_cacheable(client, page_store, make_question):
    make_question(question="Berapa bantuan PKH untuk ibu hamil?")

    response = client.get(reverse("search"), {"q": "pkh rp 3.000.000"})

    assert "public" in response["Cache-Control"]
    assert SearchQueryStat.objects.get().query == "pkh rp 3.000.000"
