"""Keeps the search index current: the one place that writes SearchEntry and SearchTerm rows."""

from collections import Counter

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from bansos_portal.search import backends
from bansos_portal.search.highlight import plain_text
from bansos_portal.search.models import BestBet, SearchEntry, SearchTerm
from bansos_portal.search.text import stem, stems, words
from faq.models import Clarification, Question
from programs.models import Program

KINDS = {
    Program: SearchEntry.Kind.PROGRAM,
    Question: SearchEntry.Kind.QUESTION,
    Clarification: SearchEntry.Kind.CLARIFICATION,
}
MAX_WORD_LENGTH = 60


def entry_fields(obj):
    document = obj.search_document()
    return {
        "kind": KINDS[type(obj)],
        "slug": obj.slug,
        "title": document["title"],
        "url": obj.get_absolute_url(),
        "summary": plain_text(document["summary"]),
        "body": plain_text(document["body"]),
        "title_stems": stems(document["title"]),
        "summary_stems": stems(document["summary"]),
        "body_stems": stems(document["body"]),
        "status": obj.status,
        "published_at": obj.published_at,
        "unpublish_at": obj.unpublish_at,
        "updated_at": obj.updated_at,
    }


def entry_words(entry):
    return words(f"{entry.title} {entry.summary} {entry.body}")


def vocabulary(counts):
    return [
        SearchTerm(word=word, stem=stem(word)[:MAX_WORD_LENGTH], length=len(word), frequency=count)
        for word, count in counts.items()
        if len(word) <= MAX_WORD_LENGTH
    ]


def index_object(obj):
    entry, _ = SearchEntry.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk, defaults=entry_fields(obj)
    )
    entry.programs.set(obj.search_programs())
    # New words join the vocabulary that typo correction draws from; counts are refreshed on rebuild.
    SearchTerm.objects.bulk_create(vocabulary(Counter(set(entry_words(entry)))), ignore_conflicts=True)


def remove_object(obj):
    SearchEntry.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk).delete()


@transaction.atomic
def rebuild():
    """Rebuild the whole index and vocabulary from the content tables; returns the number of entries."""
    backends.install(connection, repair=True)
    SearchEntry.objects.all().delete()
    SearchTerm.objects.all().delete()
    counts = Counter()
    for model in KINDS:
        content_type = ContentType.objects.get_for_model(model)
        for obj in model.objects.all():
            entry = SearchEntry.objects.create(content_type=content_type, object_id=obj.pk, **entry_fields(obj))
            entry.programs.set(obj.search_programs())
            counts.update(entry_words(entry))
    SearchTerm.objects.bulk_create(vocabulary(counts), batch_size=1000)
    for bet in BestBet.objects.all():
        bet.save()  # recomputes its query key with today's synonyms
    return SearchEntry.objects.count()


def _saved(sender, instance, raw=False, **kwargs):
    if not raw:
        index_object(instance)


def _deleted(sender, instance, **kwargs):
    remove_object(instance)


def _programs_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and type(instance) in KINDS:
        index_object(instance)


def connect_signals():
    for model in KINDS:
        post_save.connect(_saved, sender=model, dispatch_uid=f"search-index-save-{model.__name__}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"search-index-delete-{model.__name__}")
    for relation in (Question.programs.through, Clarification.programs.through):
        m2m_changed.connect(_programs_changed, sender=relation, dispatch_uid=f"search-index-m2m-{relation.__name__}")
