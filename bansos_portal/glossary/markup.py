"""Linking the first occurrence of each glossary term on a page to its explanation, in HTML that is already
sanitised (rich_text.render_markdown): read with an HTML parser, so only text is ever changed, never a tag,
an attribute or the text of a link, heading or code.

A term comes out as <a class="istilah" href="/istilah/dtsen/" title="short definition"><abbr>DTSEN</abbr></a>:
a link every reader can follow (on a phone there is no hover), whose title browsers show as a tooltip and
screen readers read as the link's description. An abbreviation is also marked as one."""

import re
from html import escape
from html.parser import HTMLParser
from typing import NamedTuple

# Text inside these is left alone: a link may not hold another link or control, headings and labels are
# read as names, code is literal, and a term already marked by Humas stays as they wrote it.
LEFT_ALONE = frozenset(
    ["a", "abbr", "button", "code", "dfn", "kbd", "label", "option", "pre", "samp", "select", "summary", "textarea"]
    + ["h1", "h2", "h3", "h4", "h5", "h6", "script", "style", "title"]
)


def is_abbreviation(form):
    """Two letters or more and none of them lower case (DTSEN, SIKS-NG, P2K2, KK): matched only as written,
    so "kk" or "Nik" in a sentence are not taken for one. Other forms (desil, Dukcapil) also match at the
    start of a sentence."""
    letters = [char for char in form if char.isalpha()]
    return len(letters) >= 2 and not any(char.islower() for char in letters)


class Entry(NamedTuple):
    key: int  # the term's primary key: a page marks each term once, whichever form it appears in
    url: str
    definition: str


def _pattern(form):
    # Words of a long form may be split over lines in the Markdown source.
    body = r"\s+".join(re.escape(word) for word in form.split())
    return body if is_abbreviation(form) else f"(?i:{body})"


def _first_letters(forms, wrapper):
    """A character class of the forms' first letters, in `wrapper` (case-insensitive for folded forms)."""
    return wrapper.format("[" + re.escape("".join(sorted({form[0] for form in forms}))) + "]") if forms else ""


# How many marked sections a glossary remembers (see Glossary.mark).
MARKED_KEPT = 1024


class Glossary:
    """Every form of every term to mark, compiled into one expression."""

    def __init__(self, terms):
        """`terms`: (key, url, definition, forms) for each term."""
        self.exact, self.folded = {}, {}
        for key, url, definition, forms in terms:
            for form in (" ".join(form.split()) for form in forms):
                table = self.exact if is_abbreviation(form) else self.folded
                table.setdefault(form if table is self.exact else form.casefold(), Entry(key, url, definition))
        forms = sorted([*self.exact, *self.folded], key=len, reverse=True)  # the longest form wins
        # Whole words: not inside a longer word, nor the "SIKS" of "SIKS-NG"; "DTSEN-nya" is still DTSEN.
        alternatives = "|".join(_pattern(form) for form in forms)
        # Most positions start no term: their first letter rules them out before each form is tried.
        ahead = "|".join(
            part for part in (_first_letters(self.exact, "{}"), _first_letters(self.folded, "(?i:{})")) if part
        )
        self.pattern = re.compile(rf"(?={ahead})(?<![\w-])(?:{alternatives})(?!\w|-[A-Z0-9])") if forms else None
        # What mark() returned for an HTML and the terms marked before it: a page renders its sections in
        # the same order every time, so a render after a change marks only the sections that changed.
        self._marked = {}

    def entry(self, text):
        text = " ".join(text.split())
        return self.exact.get(text) or self.folded.get(text.casefold())

    def mark(self, html, marked):
        """`html` with the first occurrence of each term not in `marked` (keys, updated) linked to its page."""
        before = frozenset(marked)
        key = (html, before)
        if (known := self._marked.get(key)) is None:
            known = self._marked_now(html, marked), frozenset(marked - before)
            if len(self._marked) >= MARKED_KEPT:
                self._marked.clear()  # a few MB at most; the pages read most are marked again at once
            self._marked[key] = known
        marked |= known[1]
        return known[0]

    def _marked_now(self, html, marked):
        if not self._holds_unmarked(html, marked):
            return html  # most sections: nothing left to mark, and no need to parse them
        pieces = _pieces(html)
        if pieces is None:
            marker = _Marker(self, marked)
            marker.feed(html)
            marker.close()
            return "".join(marker.out)
        closed_over, out = 0, []
        for index, piece in enumerate(pieces):
            if index % 2:  # a tag, copied as written
                out.append(piece)
                tag = TAG_NAME.match(piece)
                if tag and not tag["empty"] and tag["name"].lower() in LEFT_ALONE:
                    closed_over = closed_over + 1 if not tag["end"] else max(closed_over - 1, 0)
            else:
                out.append(piece if closed_over else self.replace(piece, marked))
        return "".join(out)

    def _holds_unmarked(self, html, marked):
        """Whether the raw HTML may hold a term not marked yet (in its text or, at worst, in a tag)."""
        if self.pattern is None or not html:
            return False
        return any(
            entry is not None and entry.key not in marked
            for entry in map(self.entry, (match.group() for match in self.pattern.finditer(html)))
        )

    def replace(self, text, marked):
        """Plain text (as it stands in the HTML, entities still escaped) with its unmarked terms linked."""
        parts, position = [], 0
        for match in self.pattern.finditer(text):
            entry = self.entry(match.group())
            if entry is None or entry.key in marked:
                continue
            marked.add(entry.key)
            words = match.group()
            shown = f"<abbr>{words}</abbr>" if is_abbreviation(words) else words
            title = escape(entry.definition, quote=True)
            link = f'<a class="istilah" href="{entry.url}" title="{title}">{shown}</a>'
            parts += [text[position : match.start()], link]
            position = match.end()
        return "".join([*parts, text[position:]]) if parts else text


# Sanitised HTML (rich_text's output, serialised by nh3) escapes "<" and ">" in text, so it splits into
# text and tags at every "<...>" (entities are split off too, and copied as written, as the parser does).
# A "<" or ">" left in a text piece means a tag this split misreads (a ">" inside a quoted attribute, a
# comment holding one): such HTML goes through the HTML parser instead.
TAG = re.compile(r"(<[^<>]*>|&#?\w+;)")
TAG_NAME = re.compile(r"<(?P<end>/?)(?P<name>[A-Za-z][A-Za-z0-9]*)[^<>]*?(?P<empty>/?)>")


def _pieces(html):
    """[text, tag or entity, text, …, text], or None when the split cannot be trusted."""
    pieces = TAG.split(html)
    if any("<" in text or ">" in text for text in pieces[::2]):
        return None
    return pieces


class _Marker(HTMLParser):
    """Copies the HTML as it reads it, replacing only the text outside LEFT_ALONE elements."""

    def __init__(self, glossary, marked):
        # Entities stay as written: the text handed over is still valid HTML text, and is copied as it is.
        super().__init__(convert_charrefs=False)
        self.glossary, self.marked = glossary, marked
        self.out, self.closed_over = [], 0

    def handle_starttag(self, tag, attrs):
        self.out.append(self.get_starttag_text())
        if tag in LEFT_ALONE:
            self.closed_over += 1

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        self.out.append(f"</{tag}>")
        if tag in LEFT_ALONE and self.closed_over:
            self.closed_over -= 1

    def handle_data(self, data):
        self.out.append(data if self.closed_over else self.glossary.replace(data, self.marked))

    def handle_entityref(self, name):
        self.out.append(f"&{name};")

    def handle_charref(self, name):
        self.out.append(f"&#{name};")

    def handle_comment(self, data):
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data):
        self.out.append(f"<?{data}>")

    def unknown_decl(self, data):
        self.out.append(f"<![{data}]>")
