"""The editorial record: who moved which item between states, and the public change notes."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


class ItemQuerySet(models.QuerySet):
    def for_item(self, obj):
        # A join rather than a ContentType lookup: one query per page, warm cache or not.
        opts = obj._meta
        return self.filter(
            content_type__app_label=opts.app_label, content_type__model=opts.model_name, object_id=obj.pk
        )


class Transition(models.Model):
    """One recorded step in an item's life: a state change, a schedule, a restore or a deletion."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", "Diajukan untuk ditinjau"
        RETURNED = "returned", "Dikembalikan ke draf"
        PUBLISHED = "published", "Diterbitkan"
        SCHEDULED = "scheduled", "Dijadwalkan"
        UNPUBLISHED = "unpublished", "Ditarik dari situs"
        ARCHIVED = "archived", "Diarsipkan"
        RESTORED = "restored", "Revisi dipulihkan"
        DELETED = "deleted", "Dihapus"

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, verbose_name="jenis isi")
    object_id = models.PositiveBigIntegerField("ID item")
    item = GenericForeignKey("content_type", "object_id")
    # Kept as text so the record still reads well after the item (or the user) is deleted.
    object_repr = models.CharField("item", max_length=300)
    action = models.CharField("tindakan", max_length=20, choices=Action.choices, db_index=True)
    from_status = models.CharField("dari status", max_length=20, blank=True)
    to_status = models.CharField("ke status", max_length=20, blank=True)
    published_at = models.DateTimeField("tanggal terbit", null=True, blank=True)
    unpublish_at = models.DateTimeField("berhenti tayang", null=True, blank=True)
    comment = models.TextField("komentar", blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name="oleh"
    )
    username = models.CharField("nama pengguna", max_length=150, blank=True)
    at = models.DateTimeField("waktu", default=timezone.now, db_index=True)

    objects = ItemQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = "catatan audit"
        verbose_name_plural = "catatan audit"
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.get_action_display()}: {self.object_repr}"


class ChangeNote(models.Model):
    """A public 'Perubahan penting' line shown on the item's page, like GOV.UK's change history."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name="jenis isi")
    object_id = models.PositiveBigIntegerField("ID item")
    item = GenericForeignKey("content_type", "object_id")
    note = models.CharField("perubahan penting", max_length=500)
    created_at = models.DateTimeField("tanggal", default=timezone.now)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name="penulis"
    )

    objects = ItemQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "catatan perubahan"
        verbose_name_plural = "catatan perubahan"
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return self.note
