"""Any change to public content starts a new page-cache generation, whichever app owns the model.

Connected once for all senders, filtered by app label, so content models added later are covered
without registering them. Bumping again when the transaction commits closes the window in which a
request could render the old rows after the first bump and store them under the new generation.

Each change is also counted in the database, in the change's own transaction (ContentChange): a
process that could not reach the cache leaves that count behind, and the next process to compare it
with the cache's starts a new generation (see store.catch_up). A withdrawal (see is_withdrawal) is
counted in the cache too, so no copy rendered before it is served, not even while the database is down.

An import saves hundreds of rows in one transaction; inside `one_change()` they count as one change,
counted and bumped as the block ends and bumped again when it commits, as a single save would be.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from bansos_portal.publishing import Publishable, published_filter

from .models import ContentChange
from .store import bump_generation

# Set on an item before its save: whether it was public then (see is_withdrawal).
WAS_PUBLIC = "_page_cache_was_public"


@dataclass
class Batch:
    """The changes made inside `one_change()` on one database: whether any, and whether one withdrew."""

    using: str
    changed: bool = False
    withdrawal: bool = False


_batch = ContextVar("page_cache_batch", default=None)


def is_content(model):
    label = model._meta.label
    return model._meta.app_label in settings.PAGE_CACHE_CONTENT_APPS and label not in settings.PAGE_CACHE_IGNORED_MODELS


def remember_publicness(sender, instance, using=None, **kwargs):
    if is_content(sender) and isinstance(instance, Publishable) and instance.pk is not None:
        public = sender._base_manager.using(using).filter(published_filter(), pk=instance.pk).exists()
        setattr(instance, WAS_PUBLIC, public)


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
    batch = _batch.get()
    if batch is not None and batch.using == using and not is_historical(sender):
        batch.changed = True
        batch.withdrawal = batch.withdrawal or withdrawal
        return
    # Data migrations save through historical models, the early ones before this counter's table
    # exists; their generation bumps below still reach the cache.
    count_change(using, withdrawal, record=not is_historical(sender))


def count_change(using, withdrawal, *, record=True):
    """Count the change in the database, in its transaction, and start a new generation now and again
    once it commits."""
    if record:
        ContentChange.objects.using(using).record()
    bump_generation(withdrawal=withdrawal)
    transaction.on_commit(partial(changes_committed, using, withdrawal), using=using)


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
                count_change(using, batch.withdrawal)
    finally:
        _batch.reset(token)


def changes_committed(using, withdrawal):
    try:
        changes = ContentChange.objects.using(using).number()
    except DatabaseError:
        changes = None  # the next process to catch up compares the count
    bump_generation(withdrawal=withdrawal, database_changes=changes)


def connect_signals():
    pre_save.connect(remember_publicness, dispatch_uid="page-cache-publicness")
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(content_changed, dispatch_uid=f"page-cache-{signal}")
