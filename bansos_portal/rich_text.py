"""Markdown written by Humas, turned into sanitised HTML once, when it is saved."""

import functools
import re

import nh3
from django.conf import settings
from django.db import models
from django.utils.module_loading import import_string
from markdown_it import MarkdownIt

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
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "ol": {"start"},
    "th": {"scope"},
    # A table cell's column heading, which the phone layout (site.css) shows beside the value.
    "td": {"data-label"},
}

# CommonMark, the rules GitHub and most editors follow, plus tables. It nests a sub-item indented 2 or 4
# spaces, where Python-Markdown needed exactly 4 and flattened Humas' 2-space sub-items into siblings.
# Raw HTML is parsed here and then cut down to ALLOWED_TAGS by nh3.
MARKDOWN = MarkdownIt("commonmark", {"html": True}).enable("table")
# nh3 alone decides which link addresses stay (its allow-list, below, is the stricter one). Left to
# markdown-it, a refused [klik](javascript:...) would be printed to readers as its raw source text.
MARKDOWN.validateLink = lambda url: True

LIST_ITEM = re.compile(r"(?P<indent> *)(?P<marker>[*+-]|[0-9]{1,9}[.)])(?P<gap> +|$)")


def expand_text(text):
    """`text` after each expander named in settings.RICH_TEXT_EXPANDERS (dotted paths of functions from
    Markdown to Markdown, e.g. cited figures): how an app adds to every field without this module
    importing it."""
    for path in getattr(settings, "RICH_TEXT_EXPANDERS", ()):
        text = import_string(path)(text)
    return text


# A one-line field (a short answer) keeps its text-level markup only: no paragraph, list or heading.
INLINE_TAGS = {"a", "abbr", "b", "code", "em", "i", "strong", "sub", "sup"}


def render_markdown(text):
    """Return safe HTML for Markdown text: no scripts, event handlers, styles or javascript: links."""
    return _block_html(expand_text(text or ""))


def render_inline_markdown(text):
    """Safe HTML for one line of Markdown (links, emphasis, cited figures), without a paragraph around it."""
    return _inline_html(" ".join(expand_text(text or "").split()))


# Saving an item renders every Markdown field again, though most are unchanged: once the cited figures
# are expanded (they change apart from the text), the HTML depends on the text alone, so it is kept.
@functools.lru_cache(maxsize=512)
def _block_html(markdown):
    env = {}
    tokens = MARKDOWN.parse(_nest_short_indents(markdown), env)
    _label_cells(tokens)
    return _clean(MARKDOWN.renderer.render(tokens, MARKDOWN.options, env), ALLOWED_TAGS)


@functools.lru_cache(maxsize=512)
def _inline_html(markdown):
    return _clean(MARKDOWN.renderInline(markdown), INLINE_TAGS)


def _clean(html, tags):
    return nh3.clean(
        html,
        tags=tags,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )


class _OpenItem:
    """A list item above the current line: where its marker stood, how far it moved, where its text starts."""

    def __init__(self, match, shift):
        self.marker = len(match["indent"])
        self.shift = shift
        gap = len(match["gap"])  # CommonMark: after none or more than 4 spaces, the text starts after one
        self.text_column = self.marker + shift + len(match["marker"]) + (gap if 1 <= gap <= 4 else 1)

    def holds(self, indent):
        return indent >= self.marker + 2

    def place(self, indent):
        return max(indent + self.shift, self.text_column)


def _nest_short_indents(text):
    """Move a line Humas indented under a list item to where CommonMark reads it as part of that item.

    CommonMark nests only from the column where the parent's text starts: 2 spaces under "- ", but 3 under
    "1. ". Humas indent by 2 everywhere, which under "1. " would end the numbered list instead. Lines that
    already nest are left alone, so 4-space indents and code blocks inside items keep their meaning."""
    lines, open_items, after_blank = [], [], False
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        indent = len(line) - len(line.lstrip(" "))
        item = LIST_ITEM.match(line)
        if item:
            while open_items and not open_items[-1].holds(indent):
                open_items.pop()
            parent = open_items[-1] if open_items else None
            column = parent.place(indent) if parent else indent
            open_items.append(_OpenItem(item, column - indent))
            line = " " * column + line[indent:]
        elif line.strip():
            if after_blank and indent < 2:
                open_items.clear()
            holders = [open_item for open_item in open_items if open_item.holds(indent)]
            if holders:
                line = " " * holders[-1].place(indent) + line[indent:]
        after_blank = not line.strip()
        lines.append(line)
    return "\n".join(lines)


def _label_cells(tokens):
    """Mark each table header as a column header, and give each body cell its column's heading."""
    headings, column = [], 0
    for index, token in enumerate(tokens):
        if token.type == "table_open":
            headings = []
        elif token.type == "tr_open":
            column = 0
        elif token.type == "th_open":
            token.attrSet("scope", "col")
            headings.append(_plain_text(tokens[index + 1]))
        elif token.type == "td_open":
            if column < len(headings) and headings[column]:
                token.attrSet("data-label", headings[column])
            column += 1


def _plain_text(inline):
    return "".join(child.content for child in inline.children or () if child.type in ("text", "code_inline")).strip()


class MarkdownModel(models.Model):
    """Keeps `<field>_html` beside every field named in `markdown_fields`, rendered on save; those also
    named in `inline_markdown_fields` are one line, rendered without block markup."""

    markdown_fields = ()
    inline_markdown_fields = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        for field, html in self.rendered_html().items():
            setattr(self, field, html)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, *(f"{n}_html" for n in self.markdown_fields)}
        super().save(*args, **kwargs)

    def rendered_html(self):
        """{`<field>_html`: the HTML its Markdown gives now} for every Markdown field."""
        return {
            f"{name}_html": (render_inline_markdown if name in self.inline_markdown_fields else render_markdown)(
                getattr(self, name)
            )
            for name in self.markdown_fields
        }


def markdown_html_field():
    return models.TextField(editable=False, blank=True, default="")
