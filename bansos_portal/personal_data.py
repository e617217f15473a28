"""The one rule for a personal number (NIK, KK number, phone number) in text citizens type.

Search statistics mask it and the page cache never stores a page whose address holds one.

People write these numbers with anything between the digits: "3201 2345 6789 0123", "3201/2345/6789/0123",
"0812-3456-7890", "+62 812.3456.7890", "3201_2345,6789". So digits joined by any run of characters that are
neither letters nor digits count as one number, and the rule looks at how many digits it holds:

- fewer than 8 digits is ordinary text: a year ("2025"), a stage ("tahap 4"), an amount up to
  "Rp 9.999.999".
- 8 digits or more is personal: NIK and KK numbers (16), phone numbers (10 to 13, written +62…, 62… or
  08…), card and account numbers, and full dates ("2025-02-01", "12/05/1980"): a full date typed into the
  portal's search box is most often a date of birth typed beside a name or a NIK, and masking one only
  costs a statistics row its date and the page its cache.
- except two kinds of 8 or 9 digits that citizens type and that no NIK or phone number can look like:
  an amount in thousands groups below one billion ("10.000.000", "Rp 250,000,000": phone numbers have 10
  digits or more, and none starts a group with 1 to 3 digits then groups of exactly 3), and a pair of
  years ("2024/2025", the school year of PIP).
A number joined to another by separators alone ("2025 3.000.000") is judged as one and masked whole:
over-masking costs little, while splitting it could leave half a NIK in view.
"""

import re

# Digits joined by any run of non-alphanumeric characters (the "_" that \W lets through included); a "+"
# before the first digit belongs to a phone number.
LONG_NUMBER = re.compile(r"\+?\d(?:[\W_]*\d)+")
MIN_DIGITS = 8
# "10.000.000" or "250,000,000": a first group of 1 to 3 digits, then groups of exactly 3, one separator.
AMOUNT = re.compile(r"[1-9]\d{0,2}([.,])\d{3}(?:\1\d{3})+")
YEAR_PAIR = re.compile(r"(?:19|20)\d\d[\W_]+(?:19|20)\d\d")
MAX_AMOUNT_DIGITS = 9
MASK = "[angka]"


def _digit_count(text):
    return sum(character.isdigit() for character in text)


def is_personal_number(run):
    """True for a run of digits and separators (as LONG_NUMBER finds them) that may identify a person."""
    digits = _digit_count(run)
    if digits < MIN_DIGITS:
        return False
    if digits <= MAX_AMOUNT_DIGITS and AMOUNT.fullmatch(run):
        return False
    return not YEAR_PAIR.fullmatch(run)


def has_personal_number(text):
    return any(is_personal_number(match.group()) for match in LONG_NUMBER.finditer(text))


def mask_personal_numbers(text):
    return LONG_NUMBER.sub(lambda match: MASK if is_personal_number(match.group()) else match.group(), text)


# --- Free text (feedback comments): every kind of personal data, not only numbers --------------------------
#
# A comment is read by people, not counted, so its rule is stricter than the search box's: e-mail addresses
# (spaces around "@" and "." included), and an account number after a word that names one ("rekening",
# "no rek", "VA") even when it is short or grouped like an amount, are removed too. What is removed is
# replaced by REDACTED_MARKER and the text is flagged, so Humas see that a citizen needed the complaint
# channel instead.

REDACTED_MARKER = "[data pribadi dihapus]"
EMAIL = re.compile(r"[^\s@<>()\[\],;:\"]+\s?@\s?[A-Za-z0-9-]+(?:\s?\.\s?[A-Za-z0-9-]+)+")
# Bank and virtual accounts run from 6 digits up; the word in front says what the digits are.
ACCOUNT = re.compile(
    r"(?P<lead>\b(?:no(?:mor)?\.?\s*)?(?:rekening|rek|norek|virtual\s+account|va|akun\s+bank)\b\D{0,15}?)"
    r"(?P<number>\d(?:[\W_]*\d)+)",
    re.IGNORECASE,
)
MIN_ACCOUNT_DIGITS = 6


def _redact_account(match):
    if _digit_count(match.group("number")) < MIN_ACCOUNT_DIGITS:
        return match.group()
    return match.group("lead") + REDACTED_MARKER


def redact(text):
    """(text, redacted): `text` with every NIK, KK, phone, account number and e-mail address replaced by
    REDACTED_MARKER, and whether anything was replaced."""
    cleaned = EMAIL.sub(REDACTED_MARKER, text)
    cleaned = ACCOUNT.sub(_redact_account, cleaned)
    cleaned = LONG_NUMBER.sub(
        lambda match: REDACTED_MARKER if is_personal_number(match.group()) else match.group(), cleaned
    )
    return cleaned, cleaned != text
