"""What searches read from Humas' settings (synonyms, best bets, the vocabulary), read once per content
change instead of once per search.

These rows only change when something is saved, and every save moves the content change count (see
store.invalidate), also after its transaction commits. While the shared cache knows the count, each
process keeps what it read under that count; when the cache cannot say (page cache off, cache down),
every search reads the database, as before. A kept value also keeps the tags of what its computation
read, and a page that reuses it counts them as read (see tags.py), so the page is outdated by a change
to those rows as if it had read them itself.
"""

from django.conf import settings

from .store import current_changes
from .tags import add_reads, recording

# A burst of made-up words must not grow a process without bound.
MAX_VALUES = 20_000

# (change count, values), replaced whole when the count changes, so threads never mix the two.
_current = (None, {})


def _values():
    """This change count's kept values, or None when the count is unknown."""
    global _current
    changes = current_changes() if settings.PAGE_CACHE_SECONDS else None
    if changes is None:
        return None
    if _current[0] != changes:
        _current = (changes, {})
    values = _current[1]
    if len(values) >= MAX_VALUES:
        values.clear()
    return values


def _computed(compute, *args):
    """(value, tags read computing it)."""
    with recording() as reads:
        value = compute(*args)
    add_reads(reads)
    return value, frozenset(reads)


def per_generation(key, compute):
    """`compute()`, or what it gave earlier under this content change count."""
    values = _values()
    if values is None:
        return compute()
    if key not in values:
        values[key] = _computed(compute)
    else:
        add_reads(values[key][1])
    return values[key][0]


def per_generation_each(prefix, items, compute):
    """{item: value} for each of `items`; `compute(missing)` gives the values of the items not kept yet
    under this count, all at once (one query for several words)."""
    values = _values()
    if values is None:
        return compute(list(items))
    missing = [item for item in items if (prefix, item) not in values]
    if missing:
        found, reads = _computed(compute, missing)
        for item, value in found.items():
            values[(prefix, item)] = (value, reads)
    for item in items:
        add_reads(values[(prefix, item)][1])
    return {item: values[(prefix, item)][0] for item in items}
