"""Remembers every slug an item leaves behind, so links printed or shared before keep working."""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import pre_save

from .models import SlugHistory


def tracked_models():
    from faq.models import Category, Clarification, Question
    from programs.models import Program

    return [Program, Question, Category, Clarification]


def remember_old_slug(sender, instance, raw=False, **kwargs):
    if raw or not instance.pk:
        return
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


def find_renamed(model, slug):
    """The item that once had this slug, or None."""
    content_type = ContentType.objects.get_for_model(model)
    entry = SlugHistory.objects.filter(content_type=content_type, old_slug=slug).first()
    return model._default_manager.filter(pk=entry.object_id).first() if entry else None
