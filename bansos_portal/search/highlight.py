"""Snippets with the matched words marked, built from plain text (never from stored HTML)."""

import re
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .text import stem, words

TOKEN = re.compile(r"\w+", re.UNICODE)
MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
MARKDOWN_MARKS = re.compile(r"[*_`]+|^\s*(?:#+|>|\|)\s*|\s*\|\s*$", re.MULTILINE)


def plain_text(markdown_text):
    """Markdown source reduced to readable text for snippets: links keep their words, marks go."""
    text = MARKDOWN_MARKS.sub("", MARKDOWN_LINK.sub(r"\1", markdown_text or ""))
    return re.sub(r"\s+", " ", text).strip()


@lru_cache(maxsize=100_000)
def _token_stem(token):
    """The stem of one word as written (case and accents included): snippets repeat the same words."""
    found = words(token)
    return stem(found[0]) if found else None


def _is_match(token, terms):
    return _token_stem(token) in terms


def mark(text, terms):
    """Escape `text` and wrap each word whose stem is a query term in <mark>."""
    parts, last = [], 0
    for match in TOKEN.finditer(text):
        if _is_match(match.group(), terms):
            parts.append(escape(text[last : match.start()]))
            parts.append(f"<mark>{escape(match.group())}</mark>")
            last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))


def snippet(text, terms, length=220):
    """The window of `text` around the first matched word, marked; the start when nothing matches."""
    text = plain_text(text)
    start = 0
    for match in TOKEN.finditer(text):
        if _is_match(match.group(), terms):
            start = max(0, match.start() - length // 4)
            break
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < match.start() else start
    window = text[start : start + length]
    if start + length < len(text):
        window = window.rsplit(" ", 1)[0] + " …"
    return mark(("… " if start else "") + window, set(terms))
