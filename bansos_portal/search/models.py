from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connections, models
from django.utils import timezone

from bansos_portal.publishing import Status, published_filter
from bansos_portal.search.backends import RANK_ORDER, backend_for

# What a result shows (page, API, suggestions): the stems and dates are left unread.
RESULT_FIELDS = ("kind", "slug", "title", "url", "summary", "body")


class SearchEntryQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_filter())

    def matching(self, concepts):
        return backend_for(connections[self.db]).match(self, concepts)

    def ranked(self, concepts):
        """Titles holding every concept first, then entries holding every concept, then by how
        many concepts the title holds, then by relevance."""
        return backend_for(connections[self.db]).rank(self, concepts).order_by(*RANK_ORDER).only(*RESULT_FIELDS)

    def search(self, query):
        """Published entries matching `query`, best first."""
        from bansos_portal.search.query import parse_query

        groups = parse_query(query, database=self.db).groups
        if not groups:
            return self.none()
        return self.published().matching(groups).ranked(groups)


class SearchEntry(models.Model):
    """A denormalised copy of one published-or-draft item, kept current by search.index."""

    class Kind(models.TextChoices):
        PROGRAM = "program", "Program"
        QUESTION = "faq", "Tanya jawab"
        CLARIFICATION = "clarification", "Cek fakta"

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    slug = models.CharField(max_length=200, blank=True)
    programs = models.ManyToManyField("programs.Program", blank=True, related_name="+")
    title = models.TextField()
    url = models.CharField(max_length=500)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    title_stems = models.TextField(blank=True)
    summary_stems = models.TextField(blank=True)
    body_stems = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=Status.choices)
    published_at = models.DateTimeField()
    unpublish_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField()

    objects = SearchEntryQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["content_type", "object_id"], name="unique_search_entry")]
        # No index on status/published_at: nearly every entry is published, and on SQLite such an
        # index tempts the planner to drive from it and run a full-text query per row.
        verbose_name = "entri indeks pencarian"
        verbose_name_plural = "indeks pencarian"

    def __str__(self):
        return self.title


class SearchPosting(models.Model):
    """PostgreSQL only: one stem of one entry and how strongly the entry holds it (title first, then
    weighted frequency). Each stem's postings by impact are its champion list: a search of common
    words ranks the strongest entries per word instead of every match. Written by a database
    trigger (see search.backends), never by Python."""

    pk = models.CompositePrimaryKey("entry", "stem")
    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="+")
    stem = models.TextField()
    impact = models.FloatField()

    # Its index (stem, impact descending, covering entry_id) is PostgreSQL-only SQL in search.backends.

    def __str__(self):
        return f"{self.stem} ({self.impact:.2f})"


class SearchTerm(models.Model):
    """A word that occurs in published or draft content: the vocabulary typo correction chooses from."""

    word = models.CharField(max_length=60, unique=True)
    stem = models.CharField(max_length=60, db_index=True)
    length = models.PositiveSmallIntegerField()
    frequency = models.PositiveIntegerField(default=1)

    class Meta:
        indexes = [models.Index(fields=["length", "word"])]

    def __str__(self):
        return self.word


class SynonymGroup(models.Model):
    terms = models.TextField(
        "kata yang sama artinya",
        help_text="Pisahkan dengan koma, misalnya: pkh, program keluarga harapan. Pencarian dengan salah satu "
        "kata juga menemukan isi yang memakai kata lainnya. Singkatan dan bahasa sehari-hari boleh.",
    )
    note = models.CharField("catatan", max_length=300, blank=True)
    is_active = models.BooleanField("aktif", default=True)
    updated_at = models.DateTimeField("diperbarui", auto_now=True)

    class Meta:
        ordering = ["terms"]
        verbose_name = "sinonim"
        verbose_name_plural = "sinonim dan singkatan"

    def __str__(self):
        return self.terms


class BestBetQuerySet(models.QuerySet):
    def current(self):
        now = timezone.now()
        return self.filter(models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now))


class BestBet(models.Model):
    """A result Humas pin to the top for a query; the query's other forms (affixes, typos) match too."""

    query = models.CharField("kata pencarian", max_length=200)
    query_key = models.CharField(max_length=400, editable=False, db_index=True)
    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, null=True, blank=True, verbose_name="program"
    )
    question = models.ForeignKey(
        "faq.Question", on_delete=models.CASCADE, null=True, blank=True, verbose_name="tanya jawab"
    )
    clarification = models.ForeignKey(
        "faq.Clarification", on_delete=models.CASCADE, null=True, blank=True, verbose_name="klarifikasi"
    )
    expires_at = models.DateTimeField(
        "berlaku sampai", null=True, blank=True, help_text="Kosongkan bila berlaku terus."
    )
    order = models.PositiveSmallIntegerField("urutan", default=0)

    objects = BestBetQuerySet.as_manager()

    class Meta:
        ordering = ["query_key", "order", "id"]
        verbose_name = "hasil unggulan"
        verbose_name_plural = "hasil unggulan"

    def __str__(self):
        return f"{self.query} → {self.target}"

    def save(self, *args, **kwargs):
        from bansos_portal.search.query import parse_query

        # Matching by meaning lets "pendaftaran PKH", "daftar pkh" and "pkh daftr" share one pin.
        self.query_key = parse_query(self.query).key
        super().save(*args, **kwargs)

    @property
    def target(self):
        return self.program or self.question or self.clarification

    def clean(self):
        if sum(bool(item) for item in (self.program_id, self.question_id, self.clarification_id)) != 1:
            raise ValidationError("Pilih tepat satu: program, tanya jawab, atau klarifikasi.")


class SearchQueryStat(models.Model):
    """How often a query was searched and opened on one day: counts only, no personal data."""

    day = models.DateField("tanggal")
    query = models.CharField("kata pencarian", max_length=200)
    searches = models.PositiveIntegerField("pencarian", default=0)
    results = models.PositiveIntegerField("jumlah hasil", default=0)
    clicks = models.PositiveIntegerField("hasil dibuka", default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["day", "query"], name="unique_query_per_day")]
        ordering = ["-day", "-searches"]
        verbose_name = "statistik pencarian"
        verbose_name_plural = "statistik pencarian"

    def __str__(self):
        return f"{self.day}: {self.query}"
