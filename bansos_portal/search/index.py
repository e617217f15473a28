"""Keeps the search index current: the one place that writes SearchEntry rows."""

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save

from bansos_portal.models import SearchEntry
from bansos_portal.search import backends
from bansos_portal.search.highlight import plain_text
from bansos_portal.search.text import stems
from faq.models import Clarification, Question
from programs.models import Program

KINDS = {
    Program: SearchEntry.Kind.PROGRAM,
    Question: SearchEntry.Kind.QUESTION,
    Clarification: SearchEntry.Kind.CLARIFICATION,
}


def entry_fields(obj):
    document = obj.search_document()
    return {
        "kind": KINDS[type(obj)],
        "title": document["title"],
        "url": obj.get_absolute_url(),
        "summary": plain_text(document["summary"]),
        "body": plain_text(document["body"]),
        "title_stems": stems(document["title"]),
        "summary_stems": stems(document["summary"]),
        "body_stems": stems(document["body"]),
        "status": obj.status,
        "published_at": obj.published_at,
        "updated_at": obj.updated_at,
    }


def index_object(obj):
    SearchEntry.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk, defaults=entry_fields(obj)
    )


def remove_object(obj):
    SearchEntry.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk).delete()


@transaction.atomic
def rebuild():
    """Rebuild the whole index from the content tables; returns the number of entries."""
    backends.install(connection, repair=True)
    SearchEntry.objects.all().delete()
    entries = [
        SearchEntry(content_type=ContentType.objects.get_for_model(model), object_id=obj.pk, **entry_fields(obj))
        for model in KINDS
        for obj in model.objects.all()
    ]
    SearchEntry.objects.bulk_create(entries, batch_size=500)
    return len(entries)


def _saved(sender, instance, raw=False, **kwargs):
    if not raw:
        index_object(instance)


def _deleted(sender, instance, **kwargs):
    remove_object(instance)


def connect_signals():
    for model in KINDS:
        post_save.connect(_saved, sender=model, dispatch_uid=f"search-index-save-{model.__name__}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"search-index-delete-{model.__name__}")
