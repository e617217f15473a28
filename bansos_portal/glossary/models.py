"""The glossary: the words citizens meet on the portal (DTSEN, KPM, desil, nifas, …), each explained once by
Humas and linked from wherever it appears."""

from django.core.exceptions import ValidationError
from django.db import models

from bansos_portal.publishing import (
    HistoricalRecords,
    Publishable,
    PublishableQuerySet,
    Reviewable,
    Source,
    Status,
    address,
    successor_field,
)
from bansos_portal.rich_text import MARKDOWN_HELP, MarkdownModel, markdown_html_field
from programs.models import PROPOSAL_NEVER_PUBLIC, proposal_field


def split_forms(text):
    """The other forms as Humas typed them, one per line, without blanks or repeats."""
    return list(dict.fromkeys(line.strip() for line in (text or "").splitlines() if line.strip()))


class TermQuerySet(PublishableQuerySet):
    def for_list(self):
        return self.only("slug", "term", "other_forms", "short_definition")

    def to_mark(self, now):
        """Terms whose first occurrence on a page is linked to their explanation: published and still shown
        at `now`, those whose publication time is yet to come included (the caller tells them apart)."""
        live = self.filter(status=Status.PUBLISHED, mark_on_pages=True, proposal_for__isnull=True)
        return live.filter(models.Q(unpublish_at__isnull=True) | models.Q(unpublish_at__gt=now))


class Term(MarkdownModel, Reviewable, Publishable):
    term = models.CharField(
        "istilah", max_length=80, help_text="Persis seperti tertulis di halaman, misalnya DTSEN, KPM atau desil."
    )
    slug = models.SlugField("slug", max_length=100, unique=True)
    other_forms = models.TextField(
        "bentuk lain",
        blank=True,
        help_text=(
            "Satu per baris: kepanjangan atau ejaan lain dari istilah yang sama, misalnya «Data Tunggal Sosial "
            "dan Ekonomi Nasional». Istilah yang berbeda (DTKS bukan DTSEN) dibuat sebagai istilah tersendiri."
        ),
    )
    short_definition = models.CharField(
        "definisi singkat",
        max_length=200,
        help_text=(
            "Satu kalimat biasa, tanpa Markdown. Tampil di daftar istilah dan saat pembaca menunjuk istilah "
            "di halaman lain."
        ),
    )
    explanation = models.TextField("penjelasan", blank=True, help_text=MARKDOWN_HELP)
    explanation_html = markdown_html_field()
    mark_on_pages = models.BooleanField(
        "tandai di halaman lain",
        default=True,
        help_text=(
            "Kemunculan pertama istilah ini di halaman program, tanya jawab dan cek fakta ditautkan ke "
            "penjelasannya. Matikan untuk kata yang terlalu umum."
        ),
    )
    successor = successor_field("Bila istilah ini diarsipkan: istilah yang menggantikannya.")
    proposal_for = proposal_field()

    markdown_fields = ("explanation",)

    objects = TermQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["explanation_html"])

    class Meta:
        ordering = ["term"]
        verbose_name = "istilah"
        verbose_name_plural = "istilah"
        permissions = [("publish_term", "Boleh menerbitkan, menarik, menjadwalkan dan mengarsipkan istilah")]
        constraints = [PROPOSAL_NEVER_PUBLIC]

    def __str__(self):
        return self.term

    def get_absolute_url(self):
        return address("glossary:detail", self.slug)

    @property
    def forms(self):
        """Every way the term is written: its name first, then its other forms."""
        return list(dict.fromkeys([self.term.strip(), *split_forms(self.other_forms)]))

    @property
    def other_forms_list(self):
        return self.forms[1:]

    def clean(self):
        super().clean()
        if any(mark in self.short_definition for mark in ("\n", "**", "](")):
            raise ValidationError({"short_definition": "Tulis satu kalimat biasa, tanpa Markdown dan baris baru."})
        taken = self._forms_of_other_terms()
        clashes = [form for form in self.forms if form.casefold() in taken]
        if clashes:
            names = "; ".join(f"«{form}» sudah dipakai oleh istilah «{taken[form.casefold()]}»" for form in clashes)
            raise ValidationError({"other_forms": f"{names}. Satu kata hanya boleh menunjuk satu istilah."})

    def _forms_of_other_terms(self):
        """{form, case folded: term} of every other term; the item's own live version or proposal does not count."""
        others = Term.objects.exclude(pk=self.pk).exclude(proposal_for__isnull=False)
        if self.proposal_for_id:
            others = others.exclude(pk=self.proposal_for_id)
        return {form.casefold(): other.term for other in others.only("term", "other_forms") for form in other.forms}


class TermSource(Source):
    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="sources")

    history = HistoricalRecords()
