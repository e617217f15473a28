"""The published glossary, compiled once per content change rather than once per page.

The glossary is one of PAGE_CACHE_CONTENT_APPS, so saving a term drops what was compiled, and the pages
that used it. A term scheduled to appear or leave changes the glossary with no save: a compiled glossary
also says until when it holds, and after that moment the next one is compiled (and kept) in its place."""

from django.utils import timezone

from bansos_portal.page_cache.memo import per_generation
from bansos_portal.publishing import slug_address

from .markup import Glossary
from .models import Term, split_forms

KEY = "glossary:terms"


def _compile():
    """(the glossary as published now, the moment it stops holding or None), from one query: the terms
    published now and those whose publication time is still to come."""
    now = timezone.now()
    rows = Term.objects.to_mark(now).values_list(
        "pk", "slug", "term", "other_forms", "short_definition", "published_at", "unpublish_at"
    )
    address = slug_address("glossary:detail")
    shown, changes = [], []
    for pk, slug, term, other_forms, definition, published_at, unpublish_at in rows:
        if published_at <= now:
            shown.append((pk, address(slug), definition, [term, *split_forms(other_forms)]))
            changes.append(unpublish_at)
        else:
            changes.append(published_at)
    return _built(shown), min((moment for moment in changes if moment), default=None)


# The last glossary built, by the terms it was built from: with the page cache off every page reads the
# terms again, but building the expression again is only needed when they changed.
_last = (None, None)


def _built(terms):
    global _last
    key = tuple((pk, url, definition, tuple(forms)) for pk, url, definition, forms in terms)
    if _last[0] != key:
        _last = (key, Glossary(terms))
    return _last[1]


def current_glossary():
    """The glossary to mark pages with now."""
    key = KEY
    while True:
        glossary, until = per_generation(key, _compile)
        if until is None or timezone.now() < until:
            return glossary
        key = (KEY, until)  # compiled after that moment, under the same content change
