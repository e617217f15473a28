"""What a citizen's query means: concepts, each satisfied by any of its alternatives.

"kartu sembako ketelen" becomes three concepts: (kartu), (sembako | bpnt | program sembako ...),
(ketelen | tertelan). A concept's alternative is a tuple of stems that must all occur, so a
multi-word synonym like "bantuan pangan non tunai" stays one alternative.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache

from bansos_portal.page_cache.memo import per_generation
from bansos_portal.search.models import CitizenWord, SynonymGroup
from bansos_portal.search.ranking import MESSAGE, QUESTION
from bansos_portal.search.text import MAX_TERMS, STOP_WORDS, stem, words
from bansos_portal.search.typos import corrections

LONGEST_PHRASE = 6


@dataclass
class Concept:
    typed: str
    alternatives: list = field(default_factory=list)
    correction: str | None = None


# What reads like a forwarded message or a claim rather than a question or a task.
LINK = re.compile(r"https?://|www\.|\b[a-z0-9-]+\.(?:com|id|online|net|org|ly|me|xyz|info|site|co|onl|my)\b", re.I)
AMOUNT = re.compile(r"\brp\s?[\d.,]+|\b\d+[.,]?\d*\s?(?:rb|ribu|jt|juta|triliun)\b", re.I)
URGE_WORDS = frozenset(
    "klik segera sebelum buruan sebarkan bagikan daftarkan hubungi klaim selamat kuota terpilih dibuka "
    "login masukkan".split()
)
# Pictographs and symbols (😭 🙄 📩 ✅): a chat or social post being passed on, rarely a typed question.
PICTOGRAPH = re.compile("[\u2600-\u27bf\U0001f000-\U0001faff]")
QUESTION_WORDS = frozenset(
    "cara bagaimana gimana gmn apakah apa kapan berapa siapa kenapa mengapa dimana bisakah".split()
)


def intent(query):
    """MESSAGE when `query` reads like a pasted message or a claim (links, urging words, amounts,
    exclamations, pictographs, quotes, length), else QUESTION: a question or a task such as "daftar pkh"."""
    typed = words(query)
    signs = 2 * bool(LINK.search(query)) + bool(AMOUNT.search(query)) + ("!" in query)
    signs += bool(PICTOGRAPH.search(query))
    # Quoted words are someone else's: a claim being checked.
    signs += 2 * any(mark in query for mark in '"“”') + (len(typed) >= 12)
    signs += len(URGE_WORDS.intersection(typed))
    signs -= bool(typed) and typed[0] in QUESTION_WORDS
    return MESSAGE if signs >= 2 else QUESTION


@dataclass
class ParsedQuery:
    concepts: list
    intent: str = QUESTION

    @property
    def groups(self):
        """The concepts as the search statements take them: lists of alternatives."""
        return [concept.alternatives for concept in self.concepts]

    @property
    def stems(self):
        """Every stem the query may match: what gets highlighted."""
        return {s for concept in self.concepts for alternative in concept.alternatives for s in alternative}

    @property
    def key(self):
        """The query's meaning, independent of affixes, word order and typos (for best bets)."""
        return " ".join(sorted({concept.alternatives[0][0] for concept in self.concepts if concept.alternatives}))

    def suggestion(self, typed_words):
        if not any(concept.correction for concept in self.concepts):
            return None
        fixes = {concept.typed: concept.correction for concept in self.concepts if concept.correction}
        return " ".join(fixes.get(word, word) for word in typed_words)


class Synonyms:
    """Synonym groups as stem sequences, for matching phrases in a query."""

    def __init__(self, groups):
        self.groups = []
        self.phrases = {}
        for terms in groups:
            typed = [words(term) for term in terms]
            typed = [term for term in typed if term]
            if len(typed) < 2:
                continue
            group = len(self.groups)
            self.groups.append(list(dict.fromkeys(_searchable(term) for term in typed)))
            for term in typed:
                # Phrases are recognised as typed, function words included ("data sosial dan ekonomi").
                self.phrases.setdefault(tuple(stem(word) for word in term), group)

    def group_at(self, stems, start):
        """The longest synonym phrase starting at `start`: (group index, length) or (None, 1)."""
        for length in range(min(LONGEST_PHRASE, len(stems) - start), 0, -1):
            group = self.phrases.get(tuple(stems[start : start + length]))
            if group is not None:
                return group, length
        return None, 1


def parse_query(query, database="default"):
    synonyms = per_generation(("synonyms", database), lambda: _read_synonyms(database))
    citizen_words = per_generation(("citizen-words", database), lambda: _read_citizen_words(database))
    return parse(query, synonyms, database, citizen_words)


def _read_citizen_words(database):
    """{word as citizens type it: the standard words it stands for, none for a filler}."""
    rows = CitizenWord.objects.using(database).filter(is_active=True).values_list("word", "standard")
    return {word: tuple(words(standard)) for word, standard in rows}


def standard_words(typed, citizen_words):
    """`typed` with citizens' spellings replaced by standard words and fillers left out; all of it, as
    typed, when nothing else is left (a query of fillers still searches for something)."""
    found = [standard for word in typed for standard in citizen_words.get(word, (word,))]
    return found or typed


def _read_synonyms(database):
    groups = SynonymGroup.objects.using(database).filter(is_active=True).values_list("terms", flat=True)
    return _synonyms(tuple(groups))


@lru_cache(maxsize=8)
def _synonyms(groups):
    # Without a known content generation the groups are read on every search, so edits apply at
    # once; stemming them again is only needed when they changed.
    return Synonyms(_term_list(terms) for terms in groups)


def parse_partial(query, database="default"):
    """A query still being typed: its last word also matches as the start of a longer word."""
    parsed = parse_query(query, database)
    typed = words(query)
    if typed and not query.endswith(" ") and parsed.concepts and parsed.concepts[-1].typed == typed[-1]:
        parsed.concepts[-1].alternatives.append((f"{typed[-1]}*",))
    return parsed


def _term_list(terms):
    return [term.strip() for term in terms.split(",") if term.strip()]


def _searchable(term_words):
    """The stems the index holds for a term: function words are not indexed, so they are left out."""
    content = [word for word in term_words if word not in STOP_WORDS] or term_words
    return tuple(stem(word) for word in content)


def _is_function_word(alternatives):
    return any(len(alternative) == 1 and alternative[0] in STOP_WORDS for alternative in alternatives)


def parse(query, synonyms, database="default", citizen_words=None):
    typed = standard_words(words(query), citizen_words or {})
    stems = [stem(word) for word in typed]
    concepts, position = [], 0
    while position < len(typed):
        group, length = synonyms.group_at(stems, position)
        text = " ".join(typed[position : position + length])
        if group is not None:
            if not _is_function_word(synonyms.groups[group]):
                concepts.append(Concept(text, list(synonyms.groups[group])))
        elif typed[position] not in STOP_WORDS:
            concepts.append(Concept(text, [(stems[position],)]))
        position += length
    if not concepts and typed:  # a query of function words only still searches for them
        concepts = [Concept(word, [(stem(word),)]) for word in dict.fromkeys(typed)]
    concepts = _merge_duplicates(concepts)[:MAX_TERMS]
    _add_corrections(concepts, synonyms, database)
    return ParsedQuery(concepts, intent(query))


def _merge_duplicates(concepts):
    seen, unique = set(), []
    for concept in concepts:
        key = tuple(concept.alternatives)
        if key not in seen:
            seen.add(key)
            unique.append(concept)
    return unique


def _add_corrections(concepts, synonyms, database):
    plain = [c for c in concepts if len(c.alternatives) == 1 and " " not in c.typed]
    fixes = corrections([c.typed for c in plain], database)
    for concept in plain:
        fixed = fixes.get(concept.typed)
        if not fixed:
            continue
        concept.correction = fixed
        group, _ = synonyms.group_at([stem(fixed)], 0)
        meant = synonyms.groups[group] if group is not None else [(stem(fixed),)]
        # What was meant comes first: it names the concept (see ParsedQuery.key).
        concept.alternatives = [*meant, *(a for a in concept.alternatives if a not in meant)]
