"""What searches read from Humas' settings (synonyms, best bets, the vocabulary), read once per content
generation instead of once per search.

These rows only change when something is saved, and every save starts a new page-cache generation
(see invalidation.py), also after its transaction commits. While the shared cache knows the
generation, each process keeps what it read under that generation; when the cache cannot say (page
cache off, cache down), every search reads the database, as before.
"""

from django.conf import settings

from .store import current_generation

# A burst of made-up words must not grow a process without bound.
MAX_VALUES = 20_000

# (generation, values), replaced whole when the generation changes, so threads never mix the two.
_current = (None, {})


def _values():
    """This generation's kept values, or None when the generation is unknown."""
    global _current
    generation = current_generation() if settings.PAGE_CACHE_SECONDS else None
    if generation is None:
        return None
    if _current[0] != generation:
        _current = (generation, {})
    values = _current[1]
    if len(values) >= MAX_VALUES:
        values.clear()
    return values


def per_generation(key, compute):
    """`compute()`, or what it gave earlier in this content generation."""
    values = _values()
    if values is None:
        return compute()
    if key not in values:
        values[key] = compute()
    return values[key]


def per_generation_each(prefix, items, compute):
    """{item: value} for each of `items`; `compute(missing)` gives the values of the items not kept yet
    in this generation, all at once (one query for several words)."""
    values = _values()
    if values is None:
        return compute(list(items))
    missing = [item for item in items if (prefix, item) not in values]
    if missing:
        for item, value in compute(missing).items():
            values[(prefix, item)] = value
    return {item: values[(prefix, item)] for item in items}
