"""Snippets with the matched words marked, built from plain text (never from stored HTML)."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .text import stem, words

TOKEN = re.compile(r"\w+", re.UNICODE)


# A word as written (case and accents included) -> its stem: titles and snippets repeat the same words.
_token_stems = {}
MAX_KEPT_TOKENS = 200_000


def _stem_of(token):
    try:
        return _token_stems[token]
    except KeyError:
        found = words(token)
        found = stem(found[0]) if found else None
        if len(_token_stems) < MAX_KEPT_TOKENS:
            _token_stems[token] = found
        return found


def _matches(text, terms):
    """The words of `text` whose stem is one of `terms`, in order (a hot loop: every result, every word)."""
    kept = _token_stems
    for match in TOKEN.finditer(text):
        token = match.group()
        found = kept[token] if token in kept else _stem_of(token)
        if found in terms:
            yield match


def mark(text, terms):
    """Escape `text` and wrap each word whose stem is a query term in <mark>."""
    parts, last = [], 0
    for match in _matches(text, terms):
        parts.append(escape(text[last : match.start()]))
        parts.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))


def snippet(text, terms, length=220):
    """The window of `text` around the first matched word, marked; the start when nothing matches.

    `text` is plain already: the index stores the text the page shows (see index.entry_fields)."""
    start = 0
    terms = set(terms)
    for match in _matches(text, terms):
        start = max(0, match.start() - length // 4)
        break
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < match.start() else start
    window = text[start : start + length]
    if start + length < len(text):
        window = window.rsplit(" ", 1)[0] + " …"
    return mark(("… " if start else "") + window, terms)
