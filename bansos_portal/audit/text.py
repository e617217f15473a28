"""Reading Humas' Markdown the way the audit needs it: sentences, paragraphs, links and typed numbers."""

import re

from bansos_portal.figures.citations import CITATION

LINK = re.compile(r"\]\(\s*<?(?P<url>https?://[^\s)>]+)>?[^)]*\)")
BARE_URL = re.compile(r"(?<![(<\w])https?://[^\s)<>\]]+")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
# Amounts, quotas and shares a page states: "Rp3.000.000", "Rp58,9 triliun", "10 juta KPM", "800.000
# keluarga", "36%". Phone numbers (171), dates and years are not figures.
TYPED_NUMBER = re.compile(
    r"\bRp\s?\d(?:[\d.,]*\d)?(?:\s?(?:ribu|juta|miliar|triliun)\b)?"
    r"|(?<![\w.,])\d+(?:[.,]\d+)?\s?(?:%|persen\b|ribu\b|juta\b|miliar\b|triliun\b)"
    r"|(?<![\w.,])\d{1,3}(?:\.\d{3})+\s(?:KPM|keluarga|orang|jiwa|penerima)\b",
    re.IGNORECASE,
)
# Words quoted from someone else (a hoax, a question) are not the ministry's voice.
QUOTED = re.compile(r"\u201c[^\u201d]*\u201d|\"[^\"\n]*\"|^>.*$", re.MULTILINE)


# Where a cited figure stands in a sentence the audit quotes.
CITED = "[angka]"


def without_links(text):
    """The words a reader reads: link targets removed, each citation a marker without digits (the digits of
    a URL or a figure's name are not typed figures; the marker shows Humas where the cited figure stands)."""
    text = LINK.sub("]", text or "")
    text = BARE_URL.sub(" ", text)
    return CITATION.sub(CITED, text)


def urls(text):
    """Every web address the text links to, in order, each once."""
    found = [match["url"] for match in LINK.finditer(text or "")] + BARE_URL.findall(text or "")
    return list(dict.fromkeys(url.rstrip(".,;") for url in found))


def sentences(text):
    return [part.strip() for part in SENTENCE_END.split(text or "") if part.strip()]


def paragraphs(text):
    return [part.strip() for part in PARAGRAPH_BREAK.split(text or "") if part.strip()]


def mentions_year(text):
    return bool(YEAR.search(text))


def excerpt(text, around=None, width=160):
    """A short, one-line quotation of `text` (centred on `around` when given) for the report."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    start = max(0, flat.find(around) - width // 3) if around and around in flat else 0
    cut = flat[start : start + width]
    return ("…" if start else "") + cut + ("…" if start + width < len(flat) else "")


def unquoted(text):
    return QUOTED.sub(" ", text or "")
