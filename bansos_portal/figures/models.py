"""Figures as data: every amount, quota, budget and count a page states is one record here, with its unit,
the period it applies to, its kind, its source and who verified it. Text cites a figure by name
(`[[angka:pkh-ibu-hamil-2025]]`, see citations.py), so changing the record changes every page.

A figure holds its value in one of three ways: typed here; read from a program's benefit component or
budget row (the row stays where Humas edit the program, the figure adds the name, source and check); or
derived from other figures by a formula, computed on read and never typed."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.formats import date_format

from bansos_portal.publishing import HistoricalRecords
from programs.models import BenefitComponent, Budget


class Unit(models.TextChoices):
    RUPIAH = "rupiah", "rupiah"
    PEOPLE = "orang", "orang"
    FAMILIES = "keluarga", "keluarga"
    KPM = "kpm", "KPM (keluarga penerima manfaat)"
    PERCENT = "persen", "persen"
    OTHER = "lainnya", "lainnya (tanpa satuan)"


class Kind(models.TextChoices):
    RULE = "ketentuan", "ketentuan/besaran"
    CEILING = "pagu", "pagu"
    REVISED_CEILING = "pagu-revisi", "pagu revisi"
    REALISATION = "realisasi", "realisasi"
    DRAFT = "rancangan", "rancangan (RAPBN)"
    TARGET = "target", "target"
    INTERIM_REALISATION = "realisasi-sementara", "realisasi sementara"
    REPORTED = "laporan", "angka yang dilaporkan"


class Per(models.TextChoices):
    YEAR = "year", "per tahun"
    MONTH = "month", "per bulan"
    STAGE = "stage", "per tahap"
    ONCE = "once", "sekali"


class Formula(models.TextChoices):
    SUM = "jumlah", "jumlah semua angka asal"
    DIFFERENCE = "selisih", "selisih: angka asal kedua dikurangi yang pertama"
    PERCENT_CHANGE = "perubahan-persen", "perubahan dalam persen dari angka asal pertama ke kedua"


class BudgetField(models.TextChoices):
    ALLOCATION = "allocation", "anggaran"
    REALISATION = "realisation", "realisasi"
    BENEFICIARIES = "beneficiaries", "penerima"


# How text names a figure's kind beside it ("Rp58,9 triliun (pagu 2019)"): a ceiling is not money spent.
# A rule (ketentuan) needs no word: "Rp3.000.000 per tahun (2025)".
KIND_IN_TEXT = {kind: kind.value.replace("-", " ") for kind in Kind if kind != Kind.RULE}


class FigureQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def for_rendering(self):
        """With what computing a value reads, so a page of citations costs a fixed number of queries."""
        return self.select_related("component", "budget").prefetch_related("operand_rows__operand")

    def names_depending_on(self, names):
        """`names` and the names of every figure computed from them, however indirectly: one query per
        step of the chain, whatever the number of names."""
        found, frontier = set(names), set(names)
        while frontier:
            frontier = set(self.filter(operand_rows__operand__name__in=frontier).values_list("name", flat=True)) - found
            found |= frontier
        return found


class Figure(models.Model):
    name = models.SlugField(
        "nama kutipan",
        max_length=100,
        unique=True,
        help_text="Dipakai di teks sebagai [[angka:nama]], misalnya pkh-ibu-hamil-2025. Jangan diubah setelah dikutip.",
    )
    label = models.CharField("keterangan", max_length=200, help_text="Kata-kata biasa: PKH, komponen ibu hamil.")
    value = models.DecimalField(
        "nilai",
        max_digits=17,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Rupiah ditulis utuh. Kosongkan bila angka ini diambil dari komponen atau anggaran, atau dihitung.",
    )
    unit = models.CharField("satuan", max_length=20, choices=Unit.choices, default=Unit.RUPIAH)
    per = models.CharField("periode bayar", max_length=10, choices=Per.choices, blank=True)
    year = models.PositiveSmallIntegerField("tahun", null=True, blank=True)
    starts_on = models.DateField("berlaku mulai", null=True, blank=True, help_text="Untuk rentang tanggal.")
    ends_on = models.DateField("berlaku sampai", null=True, blank=True)
    kind = models.CharField("jenis angka", max_length=30, choices=Kind.choices, default=Kind.RULE)
    source_title = models.CharField("judul sumber", max_length=300, blank=True)
    source_url = models.URLField("alamat sumber (URL)", max_length=500, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="diperiksa oleh",
    )
    verified_at = models.DateField("diperiksa pada", null=True, blank=True)
    formula = models.CharField(
        "dihitung dengan",
        max_length=20,
        choices=Formula.choices,
        blank=True,
        help_text="Untuk angka turunan (jumlah, selisih, perubahan persen): nilainya dihitung dari angka asal.",
    )
    component = models.OneToOneField(
        BenefitComponent,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="figure",
        verbose_name="komponen manfaat",
    )
    budget = models.ForeignKey(
        Budget, on_delete=models.SET_NULL, null=True, blank=True, related_name="figures", verbose_name="anggaran"
    )
    budget_field = models.CharField("angka anggaran", max_length=20, choices=BudgetField.choices, blank=True)
    is_published = models.BooleanField(
        "berlaku di situs",
        default=False,
        help_text="Hanya Penyunting yang boleh mencentang. Sebelumnya kutipannya tampil sebagai angka belum berlaku.",
    )
    # A Penulis' proposed change to a published figure; a Penyunting applies it (admin action).
    proposed_value = models.DecimalField("usulan nilai", max_digits=17, decimal_places=2, null=True, blank=True)
    proposed_source_title = models.CharField("usulan judul sumber", max_length=300, blank=True)
    proposed_source_url = models.URLField("usulan alamat sumber", max_length=500, blank=True)
    proposal_note = models.CharField("catatan usulan", max_length=300, blank=True)
    updated_at = models.DateTimeField("diperbarui", auto_now=True)

    objects = FigureQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = "angka"
        verbose_name_plural = "angka"
        permissions = [("publish_figure", "Boleh memberlakukan angka di situs dan menerapkan usulan perubahannya")]
        constraints = [
            models.UniqueConstraint(
                fields=["budget", "budget_field"],
                condition=models.Q(budget__isnull=False),
                name="figures_one_figure_per_budget_number",
            )
        ]

    def __str__(self):
        return self.name

    # Where the value comes from ----------------------------------------------------------------

    @property
    def is_derived(self):
        return bool(self.formula)

    def operands(self):
        return [row.operand for row in self.operand_rows.all()]

    def current_value(self):
        """The value as pages show it: typed, read from its program row, or computed; None when unknown."""
        if self.is_derived:
            return compute(self.formula, [operand.current_value() for operand in self.operands()])
        if self.component_id:
            return Decimal(self.component.amount)
        if self.budget_id and self.budget_field:
            raw = getattr(self.budget, self.budget_field)
            return None if raw is None else Decimal(raw)
        return self.value

    def period_label(self):
        """ "2025", "2018–2019" for a change between two years, or a date range."""
        if self.starts_on and self.ends_on:
            return f"{date_format(self.starts_on, 'j F Y')}–{date_format(self.ends_on, 'j F Y')}"
        if self.is_derived and not self.year:
            years = sorted({operand.year for operand in self.operands() if operand.year})
            return f"{years[0]}–{years[-1]}" if len(years) > 1 else "".join(map(str, years))
        return str(self.year or "")

    def clean(self):
        sources = [bool(self.value is not None), bool(self.formula), bool(self.component_id), bool(self.budget_id)]
        if sum(sources) > 1:
            raise ValidationError(
                "Isi nilai, ATAU pilih komponen/anggaran, ATAU pilih rumus hitungnya: satu sumber nilai saja."
            )
        if self.budget_id and not self.budget_field:
            raise ValidationError({"budget_field": "Pilih angka anggaran mana yang dikutip."})
        if self.unit == Unit.RUPIAH and self.value is not None and self.value != self.value.to_integral_value():
            raise ValidationError({"value": "Rupiah ditulis utuh, tanpa sen."})
        if (self.starts_on is None) != (self.ends_on is None):
            raise ValidationError("Isi kedua tanggal rentang berlaku, atau kosongkan keduanya.")


class FigureOperand(models.Model):
    """One figure a derived figure is computed from, in order (a difference is second minus first)."""

    figure = models.ForeignKey(Figure, on_delete=models.CASCADE, related_name="operand_rows")
    operand = models.ForeignKey(Figure, on_delete=models.PROTECT, related_name="used_in", verbose_name="angka asal")
    position = models.PositiveSmallIntegerField("urutan", default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = "angka asal"
        verbose_name_plural = "angka asal"

    def __str__(self):
        return self.operand.name


def compute(formula, values):
    """A derived value from its operands' values; None when one is unknown or the formula cannot apply."""
    if not values or any(value is None for value in values):
        return None
    if formula == Formula.SUM:
        return sum(values, Decimal(0))
    if len(values) != 2:
        return None
    first, second = values
    if formula == Formula.DIFFERENCE:
        return second - first
    if formula == Formula.PERCENT_CHANGE and first:
        return (second - first) / first * 100
    return None
