"""Spelling correction from the vocabulary of published content (SearchTerm rows)."""

from django.contrib.postgres.lookups import TrigramSimilar
from django.contrib.postgres.search import TrigramSimilarity
from django.db import connections
from django.db.models import F, Q
from rapidfuzz.distance import OSA

from bansos_portal.page_cache.memo import per_generation_each
from bansos_portal.search.models import SearchTerm
from bansos_portal.search.statements import published_stems
from bansos_portal.search.text import stem

# Spelling options kept per word, best first: the first one published content holds is offered.
MAX_OPTIONS = 5


def edit_distance(a, b, limit=3):
    """Damerau-Levenshtein distance (adjacent swaps count once: "optimal string alignment"), or `limit` + 1
    for anything farther. In C: a misspelt query compares a word with thousands of vocabulary words."""
    return OSA.distance(a, b, score_cutoff=limit)


def allowed_distance(word):
    return 1 if len(word) <= 5 else 2


def _candidates(word, database):
    """(word, stem, frequency) of vocabulary words that may be `word` misspelt: trigram-similar on PostgreSQL
    (the `%` operator, which the trigram index on word serves), same length band elsewhere."""
    terms = SearchTerm.objects.using(database)
    if connections[database].vendor == "postgresql":
        return list(
            terms.filter(TrigramSimilar(F("word"), word))
            .annotate(similarity=TrigramSimilarity("word", word))
            .order_by("-similarity", "-frequency")
            .values_list("word", "stem", "frequency")[:20]
        )
    spread = allowed_distance(word)
    return list(
        terms.filter(
            length__gte=len(word) - spread, length__lte=len(word) + spread, word__startswith=word[0]
        ).values_list("word", "stem", "frequency")
    )


def corrections(words, database="default"):
    """For each word the content never uses, the closest word that currently published content uses (or
    nothing)."""
    if not words:
        return {}
    options = per_generation_each(("typos", database), words, lambda missing: _options(missing, database))
    options = {word: found for word, found in options.items() if found}
    if not options:
        return {}
    # Asked on every search, not kept with the options: a scheduled publish or unpublish changes what is
    # published without a save, so within one content generation.
    live = published_stems(database, {option_stem for found in options.values() for _, option_stem in found})
    fixes = {
        word: next((option for option, option_stem in found if option_stem in live), None)
        for word, found in options.items()
    }
    return {word: fix for word, fix in fixes.items() if fix}


def _options(words, database):
    """{word: its spelling options as (word, stem), best first; none for a word the content uses}."""
    # A word is known when the content uses it, or uses another form of it ("disalurkannya").
    stems = {word: stem(word) for word in words}
    known = SearchTerm.objects.using(database).filter(Q(word__in=words) | Q(stem__in=stems.values()))
    known_words, known_stems = set(), set()
    for word, word_stem in known.values_list("word", "stem"):
        known_words.add(word)
        known_stems.add(word_stem)
    found = dict.fromkeys(words, ())
    for word in words:
        if word in known_words or stems[word] in known_stems or not word.isalpha() or len(word) < 3:
            continue
        ranked = sorted(
            (edit_distance(word, candidate), not _is_subsequence(word, candidate), -frequency, candidate, option_stem)
            for candidate, option_stem, frequency in _candidates(word, database)
        )
        found[word] = tuple(
            (candidate, option_stem)
            for distance, *_, candidate, option_stem in ranked[:MAX_OPTIONS]
            if distance <= allowed_distance(word)
        )
    return found


def _is_subsequence(typed, candidate):
    """True when `typed` is `candidate` with letters left out, the commonest slip on a phone keyboard."""
    letters = iter(candidate)
    return all(char in letters for char in typed)
