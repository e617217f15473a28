"""What citizens answered to «Apakah halaman ini membantu?»: anonymous votes, then daily counts.

A vote keeps the item, the answer, the day (not the time) and an optional comment that went through the
personal-data guard before it was saved. Nothing about the visitor is kept: no address, no cookie, no
browser. `prune_feedback` folds votes older than N days into DailyCount and deletes them, comments included.
"""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Count, F, Q, Sum
from django.utils import timezone

from bansos_portal.publishing import items_filter

# The content that carries the feedback box; a model added here (glossary, offices) needs
# `get_absolute_url` and a `published()` queryset, and its page includes "feedback/_form.html".
FEEDBACK_MODELS = ["programs.Program", "faq.Question", "faq.Clarification"]
COMMENT_MAX_LENGTH = 500


def row_key(row):
    """item_key() of the item a values() row (content_type__app_label, content_type__model, object_id) names."""
    return (row["content_type__app_label"], row["content_type__model"], row["object_id"])


ITEM_FIELDS = ("content_type__app_label", "content_type__model", "object_id")


class ItemRowQuerySet(models.QuerySet):
    def for_items(self, keys):
        return self.filter(items_filter(keys))

    def between(self, first, last):
        return self.filter(day__range=(first, last))


class VoteQuerySet(ItemRowQuerySet):
    def counts(self):
        """{item key: (yes, no)} of these votes."""
        rows = self.values(*ITEM_FIELDS).annotate(
            yes=Count("pk", filter=Q(helpful=True)), no=Count("pk", filter=Q(helpful=False))
        )
        return {row_key(row): (row["yes"], row["no"]) for row in rows.order_by()}

    def comments(self):
        return self.exclude(comment="")

    def open_comments(self):
        return self.comments().filter(status=Vote.Status.NEW)

    def older_than(self, day):
        return self.filter(day__lt=day)


class DailyCountQuerySet(ItemRowQuerySet):
    def counts(self):
        rows = self.values(*ITEM_FIELDS).annotate(yes=Sum("yes"), no=Sum("no"))
        return {row_key(row): (row["yes"], row["no"]) for row in rows.order_by()}


class AboutItem(models.Model):
    """A row about one content item (a generic relation: the feedback box sits on several kinds)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name="jenis isi")
    object_id = models.PositiveBigIntegerField("ID item")
    item = GenericForeignKey("content_type", "object_id")

    class Meta:
        abstract = True


class Vote(AboutItem):
    class Status(models.TextChoices):
        NEW = "new", "Baru"
        DONE = "done", "Selesai"
        DISMISSED = "dismissed", "Diabaikan"

    helpful = models.BooleanField("membantu")
    day = models.DateField("tanggal", default=timezone.localdate, db_index=True)
    # The citizen typed at most COMMENT_MAX_LENGTH characters; markers put in by the guard may make it longer.
    comment = models.TextField("apa yang kurang", blank=True)
    redacted = models.BooleanField(
        "data pribadi dihapus",
        default=False,
        help_text="Komentar memuat NIK, nomor HP, e-mail atau nomor rekening yang sudah dihapus sebelum disimpan: "
        "warga ini mungkin perlu kanal pengaduan (171, lapor.go.id).",
    )
    status = models.CharField("status", max_length=10, choices=Status.choices, default=Status.NEW)

    objects = VoteQuerySet.as_manager()

    class Meta:
        ordering = ["-day", "-id"]
        verbose_name = "umpan balik"
        verbose_name_plural = "umpan balik"
        indexes = [models.Index(fields=["content_type", "object_id", "day"])]

    def __str__(self):
        return f"{'Ya' if self.helpful else 'Tidak'}, {self.day:%d-%m-%Y}"

    @property
    def key(self):
        return (self.content_type.app_label, self.content_type.model, self.object_id)


class DailyCount(AboutItem):
    """Votes of one item on one day, once the votes themselves were pruned."""

    day = models.DateField("tanggal")
    yes = models.PositiveIntegerField("membantu", default=0)
    no = models.PositiveIntegerField("tidak membantu", default=0)

    objects = DailyCountQuerySet.as_manager()

    class Meta:
        ordering = ["-day"]
        verbose_name = "jumlah harian umpan balik"
        verbose_name_plural = "jumlah harian umpan balik"
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id", "day"], name="feedback_one_count_per_day")
        ]

    def __str__(self):
        return f"{self.day:%d-%m-%Y}: {self.yes} ya, {self.no} tidak"


def counts_between(first, last, keys=None):
    """{item key: (yes, no)} from first to last (inclusive), raw votes and pruned daily counts together."""
    totals = {}
    for queryset in (Vote.objects.between(first, last), DailyCount.objects.between(first, last)):
        if keys is not None:
            queryset = queryset.for_items(keys)
        for key, (yes, no) in queryset.counts().items():
            old_yes, old_no = totals.get(key, (0, 0))
            totals[key] = (old_yes + yes, old_no + no)
    return totals


@transaction.atomic
def fold_votes_before(day):
    """Add every vote older than `day` to its item's DailyCount, then delete the votes (comments with them).
    Returns how many votes were folded."""
    old = Vote.objects.older_than(day)
    rows = old.values("content_type_id", "object_id", "day").annotate(
        yes=Count("pk", filter=Q(helpful=True)), no=Count("pk", filter=Q(helpful=False))
    )
    for row in rows.order_by():
        count, _ = DailyCount.objects.select_for_update().get_or_create(
            content_type_id=row["content_type_id"], object_id=row["object_id"], day=row["day"]
        )
        DailyCount.objects.filter(pk=count.pk).update(yes=F("yes") + row["yes"], no=F("no") + row["no"])
    deleted, _ = old.delete()
    return deleted
