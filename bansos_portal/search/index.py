"""Keeps the search index current: the one place that writes SearchEntry and SearchTerm rows, and the
query keys of best bets."""

from collections import Counter

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from bansos_portal.publishing import Status
from bansos_portal.search import statements
from bansos_portal.search.models import BestBet, SearchEntry, SearchTerm
from bansos_portal.search.query import parse_query
from bansos_portal.search.text import folded, stem, stems, visible_text, words
from faq.models import Clarification, Question
from programs.models import Program

KINDS = {
    Program: SearchEntry.Kind.PROGRAM,
    Question: SearchEntry.Kind.QUESTION,
    Clarification: SearchEntry.Kind.CLARIFICATION,
}
MAX_WORD_LENGTH = 60


def entry_fields(obj):
    """The entry of `obj`: what its public page shows, so text the sanitiser drops is never found."""
    document = obj.search_document()
    summary, body = folded(document["summary"]), visible_text(document["body_html"])
    return {
        "kind": KINDS[type(obj)],
        "slug": obj.slug,
        "title": document["title"],
        "url": obj.get_absolute_url(),
        "summary": summary,
        "body": body,
        "title_stems": stems(document["title"]),
        "summary_stems": stems(summary),
        "body_stems": stems(body),
        "status": obj.status,
        "published_at": obj.published_at,
        "unpublish_at": obj.unpublish_at,
        "updated_at": obj.updated_at,
    }


def entry_words(entry):
    return words(f"{entry.title} {entry.summary} {entry.body}")


def counted_words(entry):
    """The words `entry` lends the vocabulary: only published content's, so a suggestion never shows a word
    of a draft. Publish and unpublish times are checked when a correction is offered (see typos.py)."""
    if entry is None or entry.status != Status.PUBLISHED:
        return set()
    return set(entry_words(entry))


def vocabulary(counts):
    return [
        SearchTerm(word=word, stem=stem(word)[:MAX_WORD_LENGTH], length=len(word), frequency=count)
        for word, count in counts.items()
        if len(word) <= MAX_WORD_LENGTH
    ]


def recount(before, after):
    """Move the vocabulary from an entry's words `before` to its words `after`: each word counts the
    published entries holding it, and leaves the vocabulary when none does."""
    added, removed = after - before, before - after
    if added:
        SearchTerm.objects.bulk_create(vocabulary(dict.fromkeys(added, 0)), ignore_conflicts=True)
        SearchTerm.objects.filter(word__in=added).update(frequency=F("frequency") + 1)
    if removed:
        SearchTerm.objects.filter(word__in=removed, frequency__gt=0).update(frequency=F("frequency") - 1)
        SearchTerm.objects.filter(word__in=removed, frequency=0).delete()


def _entries_of(obj):
    return SearchEntry.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)


def index_object(obj):
    if getattr(obj, "proposal_for_id", None):
        return  # a proposed change to a live item is not content: never indexed, not even as a draft
    before = counted_words(_entries_of(obj).first())
    entry, _ = SearchEntry.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk, defaults=entry_fields(obj)
    )
    entry.programs.set(obj.search_programs())
    recount(before, counted_words(entry))


def remove_object(obj):
    entries = _entries_of(obj)
    recount(counted_words(entries.first()), set())
    entries.delete()


def query_key(query):
    """A best bet's key: matching by meaning lets "pendaftaran PKH", "daftar pkh" and "pkh daftr" share one
    pin."""
    return parse_query(query).key


@transaction.atomic
def rebuild():
    """Rebuild the whole index and vocabulary from the content tables; returns the number of entries."""
    statements.install(connection, repair=True)
    SearchEntry.objects.all().delete()
    SearchTerm.objects.all().delete()
    counts = Counter()
    for model in KINDS:
        content_type = ContentType.objects.get_for_model(model)
        for obj in model.objects.filter(proposal_for__isnull=True):
            entry = SearchEntry.objects.create(content_type=content_type, object_id=obj.pk, **entry_fields(obj))
            entry.programs.set(obj.search_programs())
            counts.update(counted_words(entry))
    SearchTerm.objects.bulk_create(vocabulary(counts), batch_size=1000)
    bets = list(BestBet.objects.all())
    for bet in bets:
        bet.query_key = query_key(bet.query)  # today's synonyms and vocabulary
    BestBet.objects.bulk_update(bets, ["query_key"], batch_size=500)
    return SearchEntry.objects.count()


def _saved(sender, instance, raw=False, **kwargs):
    if not raw:
        index_object(instance)


def _deleted(sender, instance, **kwargs):
    remove_object(instance)


def _programs_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and type(instance) in KINDS:
        index_object(instance)


def _best_bet_saving(sender, instance, raw=False, **kwargs):
    # Every way a best bet is saved (the admin, an import, a script) keys it the same way.
    if not raw:
        instance.query_key = query_key(instance.query)


def connect_signals():
    for model in KINDS:
        post_save.connect(_saved, sender=model, dispatch_uid=f"search-index-save-{model.__name__}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"search-index-delete-{model.__name__}")
    for relation in (Question.programs.through, Clarification.programs.through):
        m2m_changed.connect(_programs_changed, sender=relation, dispatch_uid=f"search-index-m2m-{relation.__name__}")
    pre_save.connect(_best_bet_saving, sender=BestBet, dispatch_uid="search-best-bet-key")
