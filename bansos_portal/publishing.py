"""The one publication rule every public item follows (published, and its date has come), the review
dates and revision history every published item carries, and its public address."""

import functools
import operator
from datetime import timedelta
from functools import reduce

from django.core.signals import setting_changed
from django.db import models
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from simple_history import manager as history_manager
from simple_history import models as history_models


class Status(models.TextChoices):
    DRAFT = "draft", "Draf"
    REVIEW = "review", "Menunggu tinjauan"
    PUBLISHED = "published", "Terbit"
    ARCHIVED = "archived", "Diarsipkan"


def published_filter(now=None):
    """Published, its publish time has come and its unpublish time (if any) has not: checked at
    request time, so scheduling needs no background job."""
    now = now or timezone.now()
    return models.Q(status=Status.PUBLISHED, published_at__lte=now) & (
        models.Q(unpublish_at__isnull=True) | models.Q(unpublish_at__gt=now)
    )


class PublishableQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_filter())

    def awaiting_review(self):
        """Submitted by a writer for an editor, the longest waiting first."""
        return self.filter(status=Status.REVIEW).order_by("updated_at")

    def overdue_for_review(self, today):
        """Published items (of a Reviewable model) whose review date has passed, the most overdue first."""
        return self.filter(status=Status.PUBLISHED, review_due__lt=today).order_by("review_due")


def item_key(obj):
    """How a generic relation names an item: (app label, model name, primary key)."""
    return (obj._meta.app_label, obj._meta.model_name, obj.pk)


def items_filter(keys):
    """Rows whose generic relation (content_type, object_id) points at one of the items named by `keys`,
    as item_key() gives them; no key matches nothing. A join on the content type rather than a
    ContentType lookup, so it costs no query of its own, warm cache or not."""
    conditions = [
        models.Q(content_type__app_label=app_label, content_type__model=model_name, object_id=pk)
        for app_label, model_name, pk in keys
    ]
    return reduce(operator.or_, conditions) if conditions else models.Q(pk__in=[])


# How long a reviewed item may stand before Humas must check it again, unless the editor sets a date.
REVIEW_INTERVAL = timedelta(days=182)


class Reviewable(models.Model):
    """'terakhir ditinjau' and the date by which the content must be checked again."""

    last_reviewed_at = models.DateField(
        "terakhir ditinjau", null=True, blank=True, help_text="Diisi otomatis saat item diterbitkan."
    )
    review_due = models.DateField(
        "tinjau ulang paling lambat",
        null=True,
        blank=True,
        help_text="Item yang lewat tanggal ini tampil di beranda admin sebagai perlu ditinjau ulang.",
    )

    class Meta:
        abstract = True

    def mark_reviewed(self, today=None):
        today = today or timezone.localdate()
        self.last_reviewed_at = today
        if not self.review_due or self.review_due <= today:
            self.review_due = today + REVIEW_INTERVAL


class Publishable(models.Model):
    status = models.CharField(
        "status",
        max_length=20,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
        help_text="Hanya yang berstatus Terbit dan tanggal terbitnya sudah lewat yang tampil di situs.",
    )
    published_at = models.DateTimeField(
        "tanggal terbit",
        default=timezone.now,
        help_text="Isi tanggal di masa depan untuk menerbitkan pada waktu itu.",
    )
    unpublish_at = models.DateTimeField(
        "berhenti tayang",
        null=True,
        blank=True,
        help_text="Kosongkan bila tidak ada batas. Setelah waktu ini item tidak tampil lagi di situs.",
    )
    created_at = models.DateTimeField("dibuat", auto_now_add=True)
    updated_at = models.DateTimeField("diperbarui", auto_now=True)

    class Meta:
        abstract = True

    def is_published(self):
        """Return True if the item is publicly accessible."""
        now = timezone.now()
        return (
            self.status == Status.PUBLISHED
            and self.published_at <= now
            and (self.unpublish_at is None or self.unpublish_at > now)
        )


def successor_field(help_text):
    """What replaces an item once it is archived: its old address answers 410 and links here."""
    return models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="predecessors",
        verbose_name="pengganti",
        help_text=help_text,
    )


class HistoryManager(history_manager.HistoryManager):
    """django-simple-history builds a new manager class, with Django's from_queryset, every time
    `Model.history` or `item.history` is read, and it reads it on every save to write the revision: a few
    hundred microseconds each. Here the class is built once and reused (each manager still gets its own
    model and item); what the manager does is unchanged."""

    @classmethod
    @functools.cache
    def from_queryset(cls, queryset_class, class_name=None):
        return super().from_queryset(queryset_class, class_name)


def HistoricalRecords(**options):  # noqa: N802 - stands in for the library's class in model definitions
    """Revision history for a content model: `history = HistoricalRecords()`."""
    return history_models.HistoricalRecords(history_manager=HistoryManager, **options)


class Source(models.Model):
    """Where a page's facts come from: every published figure carries one."""

    title = models.CharField("judul sumber", max_length=300)
    url = models.URLField("alamat (URL)", max_length=500)
    order = models.PositiveSmallIntegerField("urutan", default=0)

    class Meta:
        abstract = True
        ordering = ["order", "id"]
        verbose_name = "sumber"
        verbose_name_plural = "sumber"

    def __str__(self):
        return self.title


_SLUG = "__slug__"


def slug_address(url_name):
    """slug -> the public address of the item with that slug under `url_name`, from one reverse() for all:
    in a long list of links the addresses differ only by their slug."""
    head, _, tail = reverse(url_name, args=[_SLUG]).rpartition(_SLUG)
    return lambda slug: f"{head}{slug}{tail}"


def address(viewname, *args):
    """reverse(viewname, args=args), kept once made: reverse() takes some 60 microseconds on a 2-core server
    and a page asks for dozens. The URL configuration does not change while the site runs, and an item's
    address changes only with its slug, one of the arguments (slug_address serves long lists instead)."""
    return _address(viewname, args, get_script_prefix(), get_urlconf())


@functools.lru_cache(maxsize=8192)
def _address(viewname, args, prefix, urlconf):
    return reverse(viewname, urlconf=urlconf, args=args)


@receiver(setting_changed, dispatch_uid="publishing-urlconf-changed")
def _urlconf_changed(setting, **kwargs):
    # A test that swaps the URL configuration or the script name empties what was kept.
    if setting in ("ROOT_URLCONF", "FORCE_SCRIPT_NAME"):
        _address.cache_clear()
