"""What the glossary's search box finds: a term by its name, its other forms or its short definition, also
when a citizen types it loosely ("dtsn", "dukcapl"). The glossary holds tens of terms, not thousands, so
they are ranked here in Python rather than through the site search's index."""

import re

from bansos_portal.search.typos import allowed_distance, edit_distance

WORD = re.compile(r"\w+")

# Best first: the whole name typed, the start of a name, a part of a name, words of the definition,
# and names within a typo or two.
EXACT, PREFIX, PART, DEFINITION, CLOSE = range(5)


def _words(text):
    return WORD.findall(text.casefold())


def _close(typed, words):
    return any(edit_distance(typed, word, limit=2) <= allowed_distance(typed) for word in words)


def _level(term, typed):
    forms = [form.casefold() for form in term.forms]
    if typed in forms:
        return EXACT
    if any(form.startswith(typed) for form in forms):
        return PREFIX
    if any(typed in form for form in forms):
        return PART
    typed_words = _words(typed)
    definition_words = set(_words(term.short_definition))
    if typed_words and all(word in definition_words for word in typed_words):
        return DEFINITION
    form_words = {word for form in forms for word in _words(form)}
    # Short words ("di", "kk") are too easy to reach by a typo; they must be typed right.
    if typed_words and all(word in form_words or (len(word) > 2 and _close(word, form_words)) for word in typed_words):
        return CLOSE
    return None


def rank(terms, query):
    """The terms matching `query`, best first, then alphabetically; all terms for an empty query."""
    typed = " ".join(query.casefold().split())
    if not typed:
        return sorted(terms, key=lambda term: term.term.casefold())
    levels = ((_level(term, typed), term) for term in terms)
    found = [(level, term) for level, term in levels if level is not None]
    return [term for _, term in sorted(found, key=lambda pair: (pair[0], pair[1].term.casefold()))]
