"""Absolute and short addresses, QR codes, JSON-LD and share links for templates."""

import json
from urllib.parse import quote

import segno
from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

# JSON inside <script> must not be able to close the element or open a comment.
_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    return context["request"].build_absolute_uri(path)


@register.simple_tag(takes_context=True)
def short_url(context, item):
    """The item's short link (/s/<code>) as a full address, or its full page address when it has none."""
    link = next(iter(item.short_links.all()), None)
    return context["request"].build_absolute_uri(link.get_absolute_url() if link else item.get_absolute_url())


@register.simple_tag
def qr_data_uri(url):
    return segno.make(url, error="m").png_data_uri(scale=5, border=2)


@register.simple_tag
def json_ld(data):
    """A schema.org data block: browsers never execute it, so the strict CSP still holds."""
    payload = json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))


@register.filter
def urlquote(value):
    return quote(str(value), safe="")
