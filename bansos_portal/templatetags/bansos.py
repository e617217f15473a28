from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.http import urlencode
from django.utils.safestring import mark_safe

from bansos_portal import formatting
from bansos_portal.search import engine

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
    limit = engine.COUNT_LIMIT
    return f"{formatting.thousands(limit)}+" if value > limit else formatting.thousands(value)


@register.filter
def get_item(mapping, key):
    return mapping.get(key, 0) if mapping else 0


_fixed_fragments = {}


@register.simple_tag
def fixed_fragment(template_name):
    """A fragment that shows no content, only fixed text and links (header, footer), rendered once per
    process and deployment prefix: every page carries them, and their dozen URL lookups were a good part
    of rendering a page. Rendered afresh each time while DEBUG is on, so template edits show at once."""
    key = (template_name, get_script_prefix())
    if settings.DEBUG or key not in _fixed_fragments:
        _fixed_fragments[key] = mark_safe(render_to_string(template_name))
    return _fixed_fragments[key]


@register.simple_tag(takes_context=True)
def search_filter_url(context, **changes):
    """The search page for this query with a filter set or removed (None) and paging reset.

    Built from the three search parameters alone, where `querystring` copies the whole request's
    parameters for every link: a results page holds a dozen of these links."""
    params = {"q": context.get("query"), "jenis": context.get("kind"), "program": context.get("program")}
    params.update(changes)
    return "?" + urlencode({name: value for name, value in params.items() if value})
