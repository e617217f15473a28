"""Remembers every slug an item leaves behind, so links printed or shared before keep working."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models.signals import pre_save

from .models import SlugHistory


def tracked_models():
    from faq.models import Category, Clarification, Question
    from programs.models import Program

    return [Program, Question, Category, Clarification]


def remember_old_slug(sender, instance, raw=False, **kwargs):
    if raw or not instance.pk or getattr(instance, "proposal_for_id", None):
        return  # a proposal's slug is never an address
    old_slug = sender.objects.filter(pk=instance.pk).values_list("slug", flat=True).first()
    if old_slug and old_slug != instance.slug:
        content_type = ContentType.objects.get_for_model(sender)
        # An old slug belongs to the item that last left it.
        SlugHistory.objects.update_or_create(
            content_type=content_type, old_slug=old_slug, defaults={"object_id": instance.pk}
        )


def connect_signals():
    for model in tracked_models():
        pre_save.connect(remember_old_slug, sender=model, dispatch_uid=f"slug-history-{model.__name__}")


def find_renamed(model, slug, *, other_than=None):
    """The item that once had this slug (other than the one with pk `other_than`), or None."""
    content_type = ContentType.objects.get_for_model(model)
    entries = SlugHistory.objects.filter(content_type=content_type, old_slug=slug)
    entry = entries.exclude(object_id=other_than).first() if other_than else entries.first()
    return model._default_manager.filter(pk=entry.object_id).first() if entry else None


def refuse_slug_left_by_another(model, slug, pk):
    """A slug another item left behind still leads to that item: taken by a new item (a draft, say), it
    would turn the old address into a 404 and, once renamed again, point it at the newcomer. The item
    itself may take its own old slug back, and an item keeps the slug it already has."""
    if not slug or (pk and model._default_manager.filter(pk=pk, slug=slug).exists()):
        return
    owner = find_renamed(model, slug, other_than=pk)
    if owner is not None:
        raise ValidationError(
            {"slug": f"Slug «{slug}» pernah dipakai oleh «{owner}» dan masih mengarah ke sana; pilih slug lain."}
        )
