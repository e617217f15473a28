from django import template

from bansos_portal import formatting

register = template.Library()

register.filter("rupiah", formatting.rupiah)
register.filter("rupiah_short", formatting.rupiah_short)
register.filter("angka", formatting.thousands)
register.filter("angka_singkat", formatting.short_number)


@register.filter
def percent_of(value, total):
    """Share of `total` as a whole percentage (for chart bars), never below 1 when positive."""
    if not value or not total:
        return 0
    return max(1, round(100 * value / total))


@register.filter
def result_count(value):
    """A search count as shown: counts stop at the engine's limit, so "1.000+" beyond it."""
    from bansos_portal.search.engine import COUNT_LIMIT

    return f"{formatting.thousands(COUNT_LIMIT)}+" if value > COUNT_LIMIT else formatting.thousands(value)


@register.filter
def get_item(mapping, key):
    return mapping.get(key, 0) if mapping else 0
