"""Turning Indonesian text into the stems both the index and the queries are made of.

The same functions run at index time and at query time, on every database, so
"pendaftaran", "mendaftar" and "daftar" all become "daftar" on both sides.
"""

import re
import unicodedata
from html.parser import HTMLParser

from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

WORD = re.compile(r"[0-9a-z]+")
# "Rp175" is the amount 175 in rupiah: the number must match "175 juta" as typed, so the currency is a word
# of its own.
RUPIAH_PREFIX = re.compile(r"\brp(?=\d)")

# Function words only: pronouns, particles, conjunctions and the yes/no question words. Content words such
# as "ibu", "bulan" or "cara" carry meaning in this domain and are kept, and so are the question words that
# name what is asked (kapan: a date, berapa: an amount, siapa: who qualifies, kenapa/mengapa: a reason,
# bagaimana: a way) and "belum" ("belum cair", "belum masuk"): the answers' own titles ask the same way.
# Graded matching weighs each word by its rarity, so a common one never keeps an entry out.
STOP_WORDS = frozenset(
    """
    ada adalah agar akan aku anda apa apakah atau bagi bahwa beberapa bisakah dan dapatkah dari dengan di
    dia dong gimana gmn gitu ia ini itu jika juga kah kalau kami kamu karena ke kepada kita lah mana mereka
    nya oleh pada para saja saya sebagai sih tersebut untuk ya yaitu yakni yang
""".split()
)

_stemmer = StemmerFactory().create_stemmer()


def words(text):
    """Lower-case ASCII words of two or more characters; accents and punctuation dropped."""
    folded = unicodedata.normalize("NFKD", (text or "").lower()).encode("ascii", "ignore").decode()
    folded = RUPIAH_PREFIX.sub("rp ", folded)
    return [word for word in WORD.findall(folded) if len(word) > 1]


# word -> stem. The stemmer takes about half a millisecond a word, and a page of snippets holds hundreds
# of words, so stems are kept, and seeded with the ones the index already computed (`remember_stems`).
_stems = {}
MAX_KEPT_STEMS = 200_000


def stem(word):
    try:
        return _stems[word]
    except KeyError:
        found = _stemmer.stem(word) or word
        if len(_stems) < MAX_KEPT_STEMS:
            _stems[word] = found
        return found


def remember_stems(pairs):
    """Keep (word, stem) pairs computed earlier by `stem` itself (the vocabulary in the index)."""
    for word, word_stem in pairs:
        if len(_stems) >= MAX_KEPT_STEMS:
            break
        _stems.setdefault(word, word_stem)


def stems(text):
    """Space-separated stems of the content words of `text`, in order (for the index)."""
    return " ".join(stem(word) for word in words(text) if word not in STOP_WORDS)


# A pasted message can be long; its first words are enough to find it, and the cap bounds the SQL.
MAX_TERMS = 16


def query_terms(query):
    """Unique stems of a query, in order; falls back to stop words when that is all there is."""
    found = words(query)
    content = [word for word in found if word not in STOP_WORDS] or found
    return list(dict.fromkeys(stem(word) for word in content))[:MAX_TERMS]


CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


def clean_query(raw, max_length):
    """A query as typed, made safe to store and show: no control characters, trimmed, cut to size."""
    return re.sub(r"\s+", " ", CONTROL.sub(" ", raw or "")).strip()[:max_length].strip()


# Elements a browser shows apart from their neighbours: their text must not run into the next word.
BLOCKS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption h1 h2 h3 h4 h5 h6 hr li ol p pre section "
    "table tbody td tfoot th thead tr ul".split()
)


class _VisibleText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_starttag(self, tag, attrs):
        self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in BLOCKS:
            self.parts.append(" ")

    def handle_data(self, data):
        self.parts.append(data)


def visible_text(html):
    """The text a reader sees of sanitised HTML (`rich_text.render_markdown`), whitespace folded: no tags,
    no comments, no Markdown marks, entities decoded."""
    parser = _VisibleText()
    parser.feed(html or "")
    parser.close()
    return " ".join("".join(parser.parts).split())


def folded(text):
    """Plain text with its whitespace folded, as the index keeps it."""
    return " ".join((text or "").split())
