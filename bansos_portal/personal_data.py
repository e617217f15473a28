"""The one rule for a personal number (NIK, KK number, phone number) in text citizens type.

Search statistics mask it and the page cache never stores a page whose address holds one.
"""

import re

# NIK (16 digits), KK numbers and phone numbers are long digit runs, often with spaces or dashes.
LONG_NUMBER = re.compile(r"(?:\+?\d[\d\s.-]{6,}\d)")
MASK = "[angka]"


def has_personal_number(text):
    return bool(LONG_NUMBER.search(text))


def mask_personal_numbers(text):
    return LONG_NUMBER.sub(MASK, text)
