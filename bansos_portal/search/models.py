from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models

from bansos_portal.publishing import PublishableQuerySet, Status


class SearchEntry(models.Model):
    """A denormalised copy of one published-or-draft item, kept current by search.index. Its summary, body
    and stems hold the text the public page shows (the sanitised HTML's text), never the Markdown source."""

    class Kind(models.TextChoices):
        PROGRAM = "program", "Program"
        QUESTION = "faq", "Tanya jawab"
        CLARIFICATION = "clarification", "Cek fakta"
        OFFICE = "office", "Dinas Sosial"

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

    objects = PublishableQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["content_type", "object_id"], name="unique_search_entry")]
        # No index on status/published_at: nearly every entry is published, and on SQLite such an
        # index tempts the planner to drive from it and run a full-text query per row.
        verbose_name = "entri indeks pencarian"
        verbose_name_plural = "indeks pencarian"

    def __str__(self):
        return self.title


class SearchPosting(models.Model):
    """One stem of one entry and how strongly the entry holds it (title first, then
    weighted frequency). Each stem's postings by impact are its champion list: a search of common
    words ranks the strongest entries per word instead of every match. Written by a database
    trigger (see search.statements), never by Python."""

    pk = models.CompositePrimaryKey("entry", "stem")
    # Deleted with their entry by a trigger on both databases (search.statements), not row by row here.
    entry = models.ForeignKey(SearchEntry, on_delete=models.DO_NOTHING, related_name="+")
    stem = models.TextField()
    impact = models.FloatField()

    # Its indexes (by stem and impact, by entry) are SQL in search.statements.

    def __str__(self):
        return f"{self.stem} ({self.impact:.2f})"


class SearchTerm(models.Model):
    """A word of published content (status Terbit) and how many entries hold it: the vocabulary typo
    correction chooses from. Kept by search.index; a word no such entry holds any more leaves it."""

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


class CitizenWord(models.Model):
    """A word as citizens type it (slang, SMS spelling) and the standard word it stands for, or a filler.

    Unlike a synonym group, which widens a concept to several words the content may use, this rewrites
    the query itself before stemming: "dapet" is read as "dapat", so it is neither a concept of its own
    nor a typo to correct, and a filler ("dong", "caranya") never decides what matches."""

    word = models.CharField(
        "kata warga", max_length=60, unique=True, help_text="Satu kata seperti diketik warga, misalnya: gmn."
    )
    standard = models.CharField(
        "kata baku",
        max_length=100,
        blank=True,
        help_text="Kata baku penggantinya, misalnya: bagaimana. Kosongkan untuk kata pengisi (dong, sih, caranya) "
        "yang tidak pernah menentukan hasil.",
    )
    is_active = models.BooleanField("aktif", default=True)
    updated_at = models.DateTimeField("diperbarui", auto_now=True)

    class Meta:
        ordering = ["word"]
        verbose_name = "kata warga"
        verbose_name_plural = "kata warga (ejaan sehari-hari)"

    def __str__(self):
        return f"{self.word} → {self.standard or '(pengisi)'}"

    def clean(self):
        self.word = self.word.strip().lower()
        self.standard = " ".join(self.standard.lower().split())
        if len(self.word.split()) != 1:
            raise ValidationError({"word": "Tulis satu kata saja."})


class BestBet(models.Model):
    """A result Humas pin to the top for a query; the query's other forms (affixes, typos) match too."""

    query = models.CharField("kata pencarian", max_length=200)
    # The query's meaning, kept by search.index whenever a best bet is saved (see ParsedQuery.key).
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

    class Meta:
        ordering = ["query_key", "order", "id"]
        verbose_name = "hasil unggulan"
        verbose_name_plural = "hasil unggulan"

    def __str__(self):
        return f"{self.query} → {self.target}"

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
