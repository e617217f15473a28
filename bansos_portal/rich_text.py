"""Markdown written by Humas, turned into sanitised HTML once, when it is saved."""

import markdown
import nh3
from django.db import models

MARKDOWN_HELP = (
    "Markdown: **tebal**, *miring*, baris berawal 1. untuk langkah, - untuk daftar, "
    "[teks tautan](https://alamat), ### untuk judul kecil. Baris kosong memisahkan paragraf."
)

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "dd",
    "dl",
    "dt",
    "em",
    "h3",
    "h4",
    "h5",
    "hr",
    "i",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "ol": {"start"}, "th": {"scope"}}


def render_markdown(text):
    """Return safe HTML for Markdown text: no scripts, event handlers, styles or javascript: links."""
    html = markdown.markdown(text or "", extensions=["sane_lists", "tables"], output_format="html")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )


class MarkdownModel(models.Model):
    """Keeps `<field>_html` beside every field named in `markdown_fields`, rendered on save."""

    markdown_fields = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        for name in self.markdown_fields:
            setattr(self, f"{name}_html", render_markdown(getattr(self, name)))
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, *(f"{n}_html" for n in self.markdown_fields)}
        super().save(*args, **kwargs)


def markdown_html_field():
    return models.TextField(editable=False, blank=True, default="")
