"""Checks shown before publishing: links to pages that do not exist, figures without a source,
and required sections left empty. They warn; the Penyunting decides."""

import re

from django.apps import apps
from django.urls import Resolver404, resolve

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
FIGURE = re.compile(r"\bRp\s?\d|\d+(?:[.,]\d+)*\s?(?:%|persen|juta|miliar|triliun)\b", re.IGNORECASE)


def warnings_for(obj):
    return [*broken_links(obj), *unsourced_figures(obj), *empty_sections(obj)]


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


def unsourced_figures(obj):
    found = []
    has_sources = hasattr(obj, "sources") and obj.pk and obj.sources.exists()
    text = " ".join(getattr(obj, name) or "" for name in getattr(obj, "markdown_fields", ()))
    if FIGURE.search(text) and not has_sources:
        found.append("Ada angka (rupiah, persen, juta/miliar/triliun) tetapi belum ada sumber. Tambahkan sumber.")
    if hasattr(obj, "budgets") and obj.pk:
        for budget in obj.budgets.filter(source=""):
            found.append(f"Angka anggaran {budget.year} belum mencantumkan sumbernya.")
    return found


def empty_sections(obj):
    found = []
    for name in REQUIRED.get(obj._meta.label_lower, []):
        if not (getattr(obj, name) or "").strip():
            found.append(f"Bagian wajib «{obj._meta.get_field(name).verbose_name}» masih kosong.")
    return found
