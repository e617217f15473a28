import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.formats import date_format
from django.utils.html import strip_tags
from django.utils.text import Truncator

from bansos_portal.publishing import (
    HistoricalRecords,
    Publishable,
    PublishableQuerySet,
    Reviewable,
    Source,
    address,
    successor_field,
)
from bansos_portal.rich_text import MARKDOWN_HELP, MarkdownModel, markdown_html_field
from programs.models import PROPOSAL_NEVER_PUBLIC, Program, proposal_field


class CategoryQuerySet(models.QuerySet):
    def with_published_questions(self):
        """Categories that have published questions, each with them in `published_questions`."""
        published = Question.objects.published().only("slug", "question", "category_id")
        return (
            self.filter(questions__in=published)
            .distinct()
            .prefetch_related(models.Prefetch("questions", queryset=published, to_attr="published_questions"))
        )


class Category(models.Model):
    name = models.CharField("nama", max_length=200)
    slug = models.SlugField("slug", max_length=100, unique=True)
    description = models.CharField("keterangan", max_length=300, blank=True)
    order = models.PositiveSmallIntegerField("urutan", default=100)

    objects = CategoryQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "kategori tanya jawab"
        verbose_name_plural = "kategori tanya jawab"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return address("faq:category", self.slug)


class QuestionQuerySet(PublishableQuerySet):
    def for_list(self):
        return self.select_related("category").only("slug", "question", "category__slug", "category__name")


class Question(MarkdownModel, Reviewable, Publishable):
    question = models.CharField("pertanyaan", max_length=500)
    slug = models.SlugField("slug", max_length=200, unique=True)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="questions", verbose_name="kategori")
    answer = models.TextField("jawaban", help_text=MARKDOWN_HELP)
    answer_html = markdown_html_field()
    programs = models.ManyToManyField(Program, blank=True, related_name="questions", verbose_name="program terkait")
    related = models.ManyToManyField(
        "self",
        blank=True,
        symmetrical=False,
        related_name="related_from",
        verbose_name="pertanyaan terkait",
        help_text="Pertanyaan lain yang mungkin juga dicari pembaca.",
    )
    order = models.PositiveSmallIntegerField("urutan", default=100)
    successor = successor_field("Bila tanya jawab ini diarsipkan: tanya jawab yang menggantikannya.")
    proposal_for = proposal_field()

    markdown_fields = ("answer",)

    objects = QuestionQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["answer_html"])

    class Meta:
        ordering = ["order", "question"]
        verbose_name = "tanya jawab"
        verbose_name_plural = "tanya jawab"
        permissions = [("publish_question", "Boleh menerbitkan, menarik, menjadwalkan dan mengarsipkan tanya jawab")]
        constraints = [PROPOSAL_NEVER_PUBLIC]

    def __str__(self):
        return self.question

    def get_absolute_url(self):
        return address("faq:detail", self.slug)

    def search_document(self):
        return {"title": self.question, "summary": "", "body_html": self.answer_html}

    def search_programs(self):
        return self.programs.all() if self.pk else []


SENTENCE_END = re.compile(r"(?<=[.!?])\s")


class DatePrecision(models.TextChoices):
    DAY = "day", "hari (1 Maret 2024)"
    MONTH = "month", "bulan (Maret 2024)"
    YEAR = "year", "tahun (2024)"


# How a date of each precision is written (Django's date format, in the site's language).
DATE_FORMATS = {DatePrecision.DAY: "j F Y", DatePrecision.MONTH: "F Y", DatePrecision.YEAR: "Y"}


class ClarificationQuerySet(PublishableQuerySet):
    def for_list(self):
        # The explanation's HTML only feeds the neutral headline of items written before the correction.
        return self.only("slug", "claim", "correction", "verdict", "date", "date_precision", "explanation_html")


class Clarification(MarkdownModel, Reviewable, Publishable):
    class Verdict(models.TextChoices):
        HOAX = "hoaks", "Hoaks"
        DISINFORMATION = "disinformasi", "Disinformasi"
        MISLEADING = "menyesatkan", "Menyesatkan"
        TRUE = "benar", "Benar"

    # A claim is often a whole forwarded message, so it has no length limit.
    claim = models.TextField("klaim yang beredar", help_text="Teks biasa, seperti yang beredar.")
    # Blank only for items written before it existed; clean() asks it of every new one.
    correction = models.CharField(
        "koreksi (judul)",
        max_length=160,
        blank=True,
        help_text=(
            "Satu kalimat fakta yang meluruskan klaim, ditulis oleh Humas; tampil sebagai judul, sebelum kutipan klaim."
        ),
    )
    slug = models.SlugField("slug", max_length=200, unique=True)
    verdict = models.CharField("penilaian", max_length=20, choices=Verdict.choices)
    explanation = models.TextField(
        "penjelasan", help_text="Apa yang benar dan apa yang harus dilakukan warga. " + MARKDOWN_HELP
    )
    explanation_html = markdown_html_field()
    date = models.DateField("tanggal klarifikasi")
    # A source that names only the month (or year) must not be printed as "1 Maret 2024".
    date_precision = models.CharField(
        "ketepatan tanggal",
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text="Setepat yang disebut sumbernya: bila sumber hanya menyebut bulannya, pilih «bulan».",
    )
    programs = models.ManyToManyField(
        Program, blank=True, related_name="clarifications", verbose_name="program terkait"
    )
    successor = successor_field("Bila klarifikasi ini diarsipkan: klarifikasi yang menggantikannya.")
    proposal_for = proposal_field()

    markdown_fields = ("explanation",)
    # A content file may restore an item written before corrections existed (a backup must always load);
    # what Humas write anew in the admin must have one.
    allow_blank_correction = False

    objects = ClarificationQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["explanation_html"])

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = "klarifikasi hoaks"
        verbose_name_plural = "klarifikasi hoaks"
        permissions = [
            ("publish_clarification", "Boleh menerbitkan, menarik, menjadwalkan dan mengarsipkan klarifikasi hoaks")
        ]
        constraints = [PROPOSAL_NEVER_PUBLIC]

    def __str__(self):
        return self.headline

    def clean(self):
        super().clean()
        if self._state.adding and not self.correction.strip() and not self.allow_blank_correction:
            raise ValidationError({"correction": "Tulis koreksinya: satu kalimat fakta yang menjadi judul."})

    @property
    def lead(self):
        """The words that lead wherever the item is shown: the correction, or for an item written before
        corrections existed, the opening of its explanation. Never the claim."""
        if self.correction.strip():
            return self.correction.strip()
        facts = " ".join(strip_tags(self.explanation_html).split())
        # Humas often open the explanation with "Faktanya:" themselves; its first sentence states the fact.
        first_sentence = SENTENCE_END.split(facts.removeprefix("Faktanya:").strip(), maxsplit=1)[0]
        return Truncator(first_sentence).words(20)

    @property
    def headline(self):
        """The title everywhere plain text goes: the verdict and the correction."""
        if self.correction.strip():
            return f"{self.get_verdict_display().upper()} \u2014 {self.lead}"
        return f"Klarifikasi: {self.lead}"

    @property
    def description(self):
        """Page description and link preview: the headline, then the start of the claim, quoted."""
        return f"{self.headline.rstrip('.')}. {self.quoted_claim(words=25)}"

    def quoted_claim(self, words=None):
        """The claim as a marked quotation, for places that have only plain text."""
        claim = " ".join(self.claim.split())
        return f"Klaim yang beredar (dikutip): \u201c{Truncator(claim).words(words) if words else claim}\u201d"

    @property
    def date_shown(self):
        """The clarification's date only as precise as its source: "Maret 2024", not "1 Maret 2024"."""
        return date_format(self.date, DATE_FORMATS.get(self.date_precision, DATE_FORMATS[DatePrecision.DAY]))

    @property
    def date_machine(self):
        """The same precision for <time datetime>: "2024-03-26", "2024-03" or "2024"."""
        return self.date.isoformat()[: {DatePrecision.MONTH: 7, DatePrecision.YEAR: 4}.get(self.date_precision, 10)]

    def get_absolute_url(self):
        return address("faq:clarification", self.slug)

    def search_document(self):
        return {"title": self.headline, "summary": self.quoted_claim(), "body_html": self.explanation_html}

    def search_programs(self):
        return self.programs.all() if self.pk else []


class ClarificationSource(Source):
    clarification = models.ForeignKey(Clarification, on_delete=models.CASCADE, related_name="sources")

    history = HistoricalRecords()
