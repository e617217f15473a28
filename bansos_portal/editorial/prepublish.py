"""Checks shown before publishing: links to pages that do not exist, required sections left empty, and
what the content audit finds (bansos_portal/audit/findings.py). A warning the Penyunting may publish
over once read; an error of the audit (a guess in the ministry's voice, no source, a flagged source, a
citation that cannot be shown) blocks publishing until it is fixed."""

import re

from django.apps import apps
from django.urls import Resolver404, resolve

from bansos_portal.audit.findings import audit_item
from bansos_portal.publishing import published_filter

# Public detail pages whose address names a slug: (url name) -> (model label, must be published).
SLUG_PAGES = {
    "programs:detail": ("programs.program", True),
    "faq:detail": ("faq.question", True),
    "faq:clarification": ("faq.clarification", True),
    "faq:category": ("faq.category", False),
}
# Sections every item of a model must have before it is published.
REQUIRED = {
    "programs.program": ["summary", "description", "eligibility", "benefits", "registration"],
    "faq.question": ["answer"],
    "faq.clarification": ["correction", "explanation"],
}
HREF = re.compile(r'href="([^"]+)"')
ERROR_PREFIX = "Harus diperbaiki: "


class Notice(str):
    """One line of the check as the editor reads it; `blocks` when it is an error that stops publishing."""

    blocks = False


def error(text):
    notice = Notice(ERROR_PREFIX + text)
    notice.blocks = True
    return notice


def warnings_for(obj):
    """Every line of the check, errors first."""
    audit = [error(finding.line()) if finding.is_error else Notice(finding.line()) for finding in audit_item(obj)]
    notices = [*audit, *map(Notice, [*broken_links(obj), *empty_sections(obj)])]
    return sorted(notices, key=lambda notice: not notice.blocks)


def blocking(notices):
    """The lines that stop publishing whatever the editor ticks."""
    return [notice for notice in notices if getattr(notice, "blocks", False)]


def html_fields(obj):
    return [(name, getattr(obj, f"{name}_html", "")) for name in getattr(obj, "markdown_fields", ())]


def broken_links(obj):
    found = []
    for name, html in html_fields(obj):
        for href in HREF.findall(html):
            if href.startswith("/") and not href.startswith("//") and not _internal_page_exists(href):
                label = obj._meta.get_field(name).verbose_name
                found.append(f"Tautan rusak di «{label}»: {href} tidak menuju halaman yang terbit.")
    return found


def _internal_page_exists(href):
    path = href.split("#", 1)[0].split("?", 1)[0] or "/"
    try:
        match = resolve(path)
    except Resolver404:
        return False
    if match.view_name in SLUG_PAGES:
        label, must_be_published = SLUG_PAGES[match.view_name]
        items = apps.get_model(label).objects.filter(slug=match.kwargs.get("slug"))
        return (items.filter(published_filter()) if must_be_published else items).exists()
    return True


def empty_sections(obj):
    found = []
    for name in REQUIRED.get(obj._meta.label_lower, []):
        if not (getattr(obj, name) or "").strip():
            found.append(f"Bagian wajib «{obj._meta.get_field(name).verbose_name}» masih kosong.")
    return found
