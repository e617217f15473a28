"""Any change to public content outdates the stored pages that show it, whichever app owns the model.

A change bumps the tags of what it touched (see tags.py: its model's lists, its keys before and
after), so only the pages that read those render afresh. Connected once for all senders, filtered by
app label, so content models added later are covered without registering them. Bumping again when
the transaction commits closes the window in which a request could render the old rows after the
first bump and store them under the new versions.

Each change is also counted in the database, in the change's own transaction (ContentChange): a
process that could not reach the cache leaves that count behind, and the next process to compare it
with the cache's starts a new generation (see store.catch_up). A withdrawal (see is_withdrawal) is
counted in the cache too, so no copy rendered before it is served, not even while the database is down.

An import saves hundreds of rows in one transaction; inside `one_change()` they count as one change,
counted and bumped as the block ends and bumped again when it commits, as a single save would be;
one that touches more than MAX_TAGS tags starts a new generation instead (every page outdated).
"""

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import partial

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from bansos_portal.publishing import Publishable, published_filter

from .models import ContentChange
from .purge import purge_changed_pages
from .store import invalidate
from .tags import change_tags, key_fields, key_tag, key_values, link_change_tags, link_tags, list_tag
from .tags import install as install_recorders

# Set on an item before its save: whether it was public then (see is_withdrawal).
WAS_PUBLIC = "_page_cache_was_public"
# Set on an item before its save: its key values then (see tags.change_tags).
OLD_KEYS = "_page_cache_old_keys"
# A change touching more tags than this (an import) outdates every page: one counter, not thousands.
MAX_TAGS = 500


@dataclass
class Batch:
    """The changes made inside `one_change()` on one database: whether any, and whether one withdrew."""

    using: str
    changed: bool = False
    withdrawal: bool = False
    tags: set = field(default_factory=set)


_batch = ContextVar("page_cache_batch", default=None)


def is_content(model):
    label = model._meta.label
    return model._meta.app_label in settings.PAGE_CACHE_CONTENT_APPS and label not in settings.PAGE_CACHE_IGNORED_MODELS


def remember_before_save(sender, instance, using=None, **kwargs):
    if not is_content(sender) or instance.pk is None:
        return
    rows = sender._base_manager.using(using).filter(pk=instance.pk)
    setattr(instance, OLD_KEYS, rows.values(*(field.attname for field in key_fields(sender))).first())
    if isinstance(instance, Publishable):
        setattr(instance, WAS_PUBLIC, rows.filter(published_filter()).exists())


def changed_tags(sender, signal, instance, **kwargs):
    """The tags a change outdates (see tags.py): for a row, also the key tags of its many-to-many links;
    for links added or removed, those links' key tags. Links cleared name no rows: the links are read
    before they go (pre_clear)."""
    if signal is m2m_changed:
        model, pk_set = kwargs["model"], kwargs["pk_set"]
        related = [key_tag(model, model._meta.pk.attname, pk) for pk in pk_set or ()]
        links = link_change_tags(sender, instance, model, pk_set)
        if kwargs["action"] == "pre_clear":
            links |= link_tags(type(instance), instance.pk)
        return change_tags(type(instance), None, key_values(instance)) | {list_tag(sender), *related} | links
    if signal is post_delete:
        return change_tags(sender, key_values(instance), None)
    return change_tags(sender, getattr(instance, OLD_KEYS, None), key_values(instance)) | link_tags(sender, instance.pk)


def is_withdrawal(signal, instance):
    """A public item unpublished, archived or set to end in the past, or an item with an address of its
    own deleted: the site must stop showing it. Rows derived from items (the search index) come and go
    with every edit and withdraw nothing."""
    if signal is post_delete:
        return hasattr(instance, "get_absolute_url")
    return signal is post_save and getattr(instance, WAS_PUBLIC, False) and not instance.is_published()


def is_historical(model):
    return model.__module__ == "__fake__"


def content_changed(sender, signal, **kwargs):
    if not is_content(sender):
        return
    using = kwargs.get("using") or DEFAULT_DB_ALIAS
    withdrawal = is_withdrawal(signal, kwargs.get("instance"))
    historical = is_historical(sender)
    batch = _batch.get()
    if batch is not None and batch.using == using and not historical:
        batch.changed = True
        batch.withdrawal = batch.withdrawal or withdrawal
        if len(batch.tags) <= MAX_TAGS:  # past it the batch outdates every page: no need to read more tags
            batch.tags |= changed_tags(sender, signal, **kwargs)
        return
    # A historical model (a data migration) is not the app's model: its tags could miss its readers.
    tags = None if historical else changed_tags(sender, signal, **kwargs)
    # Data migrations save through historical models, the early ones before this counter's table
    # exists; their bumps below still reach the cache.
    count_change(using, withdrawal, tags, record=not historical)


def count_change(using, withdrawal, tags, *, record=True):
    """Count the change in the database, in its transaction, and outdate the pages that read `tags`
    (None: every page) now and again once it commits."""
    if tags is not None and len(tags) > MAX_TAGS:
        tags = None
    if record:
        ContentChange.objects.using(using).record()
    invalidate(tags or (), everything=tags is None, withdrawal=withdrawal)
    transaction.on_commit(partial(changes_committed, using, withdrawal, tags), using=using)


@contextmanager
def one_change(using=DEFAULT_DB_ALIAS):
    """Run the block in one transaction that counts as one content change, however many rows it saves.

    No row of the block is visible to another connection before the commit, so counting and bumping
    once as it ends, and once more when it commits, leaves no page stale: the same guarantee as one
    count per row, without a counter update and a cache round trip for each. Inside an outer batch on
    the same database the outer one counts."""
    outer = _batch.get()
    batch = outer if outer is not None and outer.using == using else Batch(using)
    token = _batch.set(batch)
    try:
        with transaction.atomic(using=using):
            yield
            if batch is not outer and batch.changed:
                count_change(using, batch.withdrawal, batch.tags)
    finally:
        _batch.reset(token)


def changes_committed(using, withdrawal, tags):
    try:
        changes = ContentChange.objects.using(using).number()
    except DatabaseError:
        changes = None  # the next process to catch up compares the count
    invalidate(tags or (), everything=tags is None, withdrawal=withdrawal, database_changes=changes)
    purge_changed_pages(tags)


def connect_signals():
    install_recorders()
    pre_save.connect(remember_before_save, dispatch_uid="page-cache-publicness")
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(content_changed, dispatch_uid=f"page-cache-{signal}")
