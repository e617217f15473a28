"""Any change to public content starts a new page-cache generation, whichever app owns the model.

Connected once for all senders, filtered by app label, so content models added later are covered
without registering them. Bumping again when the transaction commits closes the window in which a
request could render the old rows after the first bump and store them under the new generation.
"""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from .store import bump_generation


def is_content(model):
    label = model._meta.label
    return model._meta.app_label in settings.PAGE_CACHE_CONTENT_APPS and label not in settings.PAGE_CACHE_IGNORED_MODELS


def content_changed(sender, **kwargs):
    if not is_content(sender):
        return
    bump_generation()
    transaction.on_commit(bump_generation, using=kwargs.get("using"))


def connect_signals():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(content_changed, dispatch_uid=f"page-cache-{signal}")
