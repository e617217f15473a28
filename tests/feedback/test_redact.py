"""The personal-data guard for free text: NIK/KK, phone numbers, e-mail addresses and account numbers are
replaced by a marker, whatever separators people type; ordinary sentences stay as written."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bansos_portal.personal_data import REDACTED_MARKER, redact

DIGITS = "0123456789"
separators = st.text(alphabet=" -./_,", max_size=2)


@st.composite
def spelled(draw, number):
    """`number` with a separator (possibly none) typed after each digit but the last."""
    gaps = draw(st.lists(separators, min_size=len(number) - 1, max_size=len(number) - 1))
    return "".join(digit + gap for digit, gap in zip(number, gaps, strict=False)) + number[-1]


@st.composite
def nik(draw):
    return draw(spelled(draw(st.text(alphabet=DIGITS, min_size=16, max_size=16))))


@st.composite
def phone(draw):
    """+62 8…, 62 8… or 08…, 10 to 13 digits, grouped with spaces, dashes or dots."""
    plus, start = draw(st.sampled_from([("+", "628"), ("", "628"), ("", "08")]))
    rest = draw(st.text(alphabet=DIGITS, min_size=11 - len(start), max_size=13 - len(start)))
    return plus + draw(spelled(start + rest))


def assert_redacted(value):
    text = f"halaman kurang jelas {value} tolong dibantu"

    cleaned, redacted = redact(text)

    assert redacted and REDACTED_MARKER in cleaned, text
    assert cleaned.startswith("halaman kurang jelas ") and cleaned.endswith(" tolong dibantu"), cleaned
    assert "@" not in cleaned and not any(character.isdigit() for character in cleaned), (text, cleaned)


@given(nik())
def test_every_nik_or_kk_number_is_removed_whatever_its_separators(number):
    assert_redacted(number)


@given(phone())
def test_every_indonesian_phone_number_is_removed_in_any_format(number):
    assert_redacted(number)


@given(st.emails())
def test_every_e_mail_address_is_removed(address):
    assert_redacted(address)


@pytest.mark.parametrize(
    "value",
    [
        "budi.santoso@gmail.com",
        "budi @ gmail . com",
        "no rek 123.456.789",
        "rekening BRI 0012-01-123456-50-1",
        "VA 8808 1234",
        "(021) 555-1234",
    ],
)
def test_these_are_removed(value):
    assert_redacted(value)


@pytest.mark.parametrize(
    "text",
    [
        "Bantuan Rp 600.000 tahap 2 tahun 2025 belum cair.",
        "Syarat untuk lansia 70 tahun kurang jelas.",
        "PIP tahun ajaran 2024/2025 cairnya kapan?",
        "",
    ],
)
def test_ordinary_comments_are_kept_as_written(text):
    assert redact(text) == (text, False)
