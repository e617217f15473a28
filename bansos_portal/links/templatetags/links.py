"""Absolute and short addresses, QR codes, JSON-LD and share links for templates."""

import json

import segno
from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from bansos_portal.links import share, structured_data
from bansos_portal.publishing import address
from faq.models import Clarification, Question
from programs.models import Program

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


@register.simple_tag(takes_context=True)
def share_kit(context, item):
    """Everything the share/embed box of a page needs: plain and short link, share links, embed code."""
    # A page asks twice (the head's JSON-LD, the box in the body); build it once per item.
    if not hasattr(item, "_share_kit"):
        item._share_kit = _build_share_kit(context, item)
    return item._share_kit


def _build_share_kit(context, item):
    request = context["request"]
    url = request.build_absolute_uri(item.get_absolute_url())
    short = short_url(context, item)
    kit = {"url": url, "short": short}
    if isinstance(item, Clarification):
        kit["message"] = share.clarification_message(item, short)
        kit["links"] = share.share_links(short, kit["message"], message=kit["message"])
        kit["json_ld"] = structured_data.claim_review(item, url)
        return kit
    if isinstance(item, Program):
        text, embed = share.program_message(item), address("links:embed_program", item.slug)
        kit["leaflet"] = address("links:leaflet", item.slug)
        kit["json_ld"] = structured_data.government_service(item, url)
    elif isinstance(item, Question):
        text, embed = share.question_message(item), address("links:embed_question", item.slug)
        kit["json_ld"] = structured_data.faq_page([(item, url)])
    kit["links"] = share.share_links(short, text)
    kit["embed_url"] = request.build_absolute_uri(embed)
    # Partners paste this into their own pages: every value is escaped, so a title cannot add attributes.
    kit["embed_code"] = format_html(
        '<iframe src="{}" title="{} · Portal Bansos" width="100%" height="420" loading="lazy"></iframe>',
        kit["embed_url"],
        item,
    )
    return kit


@register.filter
def leaflet_excerpt(html, words):
    """The first `words` words of sanitised HTML for paper. Django's truncatewords_html puts its "…" where
    the cut falls, which can be straight inside a list; here the "…" gets a paragraph of its own."""
    cut = Truncator(html).words(int(words), html=True, truncate="")
    if cut == html:
        return mark_safe(html)
    return mark_safe(f'{cut}<p class="more">…</p>')
