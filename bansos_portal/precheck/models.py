"""What Humas maintain for «Cek bantuan»: each program's conditions as data (ProgramRule), and example
households that guard the rules (ExampleHousehold). Amounts are never typed here: they are read from the
program's benefit components."""

from django.core.exceptions import ValidationError
from django.db import models

from bansos_portal.publishing import HistoricalRecords, Publishable, PublishableQuerySet, Reviewable
from programs.models import PROPOSAL_NEVER_PUBLIC, BenefitComponent, Program, proposal_field

from . import rules

COMPONENTS_HELP = (
    "Anggota keluarga yang dihitung, dengan nama komponen manfaatnya persis seperti di program, misalnya "
    '{"ibu_hamil": "Ibu hamil/nifas", "anak_sd": ["Anak SD", "SD/Paket A"]}. Kunci yang boleh: '
    + ", ".join(rules.COUNTED_KEYS)
    + '. "keluarga" berarti satu komponen per keluarga (misalnya saldo Sembako). Nama kosong ("") berarti '
    "anggota itu membuat keluarga sesuai tetapi tidak ada besaran uangnya. Beberapa nama: yang pertama ada "
    "di tahun itu yang dipakai."
)


class ProgramRuleQuerySet(PublishableQuerySet):
    def for_precheck(self):
        """Published rules of published programs, with their components in one more query."""
        live_programs = Program.objects.published().filter(proposal_for__isnull=True)
        return (
            self.published()
            .filter(program__in=live_programs)
            .select_related("program")
            .prefetch_related("program__components")
            .order_by("program__order", "program__name")
        )


class ProgramRule(Reviewable, Publishable):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="precheck_rules")
    slug = models.SlugField(
        "kode aturan", max_length=100, unique=True, help_text="Biasanya sama dengan slug program, misalnya pkh."
    )
    member_components = models.JSONField(
        "anggota yang dihitung dan komponennya", default=dict, blank=True, help_text=COMPONENTS_HELP
    )
    requires_member = models.BooleanField(
        "wajib ada anggota yang dihitung",
        default=False,
        help_text="Centang bila keluarga baru sesuai dengan paling sedikit satu anggota di atas (selain keluarga).",
    )
    dtsen_required = models.BooleanField(
        "wajib terdaftar di DTSEN", default=True, help_text="Penerima ditetapkan dari DTSEN."
    )
    min_decile = models.PositiveSmallIntegerField("desil terendah", null=True, blank=True)
    max_decile = models.PositiveSmallIntegerField(
        "desil tertinggi", null=True, blank=True, help_text="Kosongkan keduanya bila program tidak memakai desil."
    )
    requires_uninhabitable_house = models.BooleanField("wajib rumah tidak layak huni", default=False)
    needs_assessment = models.BooleanField(
        "ditetapkan lewat penilaian petugas",
        default=False,
        help_text="Hasil paling tinggi «Mungkin sesuai», karena petugas menilai tiap keluarga.",
    )
    max_counted_members = models.PositiveSmallIntegerField(
        "batas anggota yang dihitung per keluarga",
        null=True,
        blank=True,
        help_text="Misalnya 4 untuk PKH. Kosongkan bila tidak ada batas. Yang terbesar besarannya dihitung lebih dulu.",
    )
    year = models.PositiveSmallIntegerField(
        "tahun komponen",
        null=True,
        blank=True,
        help_text="Kosongkan untuk memakai tahun terakhir yang punya komponen.",
    )
    payment_period = models.CharField(
        "dibayar",
        max_length=10,
        choices=BenefitComponent.Period.choices,
        default=BenefitComponent.Period.YEAR,
        help_text="Periode pembayaran yang ditampilkan: per bulan, per tahap, per tahun atau sekali.",
    )
    stages_per_year = models.PositiveSmallIntegerField("jumlah tahap setahun", default=4)
    check_url = models.URLField("alamat cek status resmi", max_length=300, blank=True)
    check_label = models.CharField("nama layanan cek status", max_length=120, blank=True)
    documents = models.TextField(
        "dokumen yang dibawa", blank=True, help_text="Satu dokumen per baris, misalnya KTP atau Kartu Keluarga."
    )
    note = models.TextField("catatan dan sumber", blank=True, help_text="Dari mana syarat dan batas ini diambil.")
    proposal_for = proposal_field()

    objects = ProgramRuleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["program__order", "slug"]
        verbose_name = "aturan cek bantuan"
        verbose_name_plural = "aturan cek bantuan"
        permissions = [("publish_programrule", "Boleh menerbitkan, menarik dan mengarsipkan aturan cek bantuan")]
        constraints = [PROPOSAL_NEVER_PUBLIC]

    def __str__(self):
        return f"Aturan {self.program.short_name}" if self.program_id else self.slug

    def clean(self):
        problems = rules.component_map_problems(self.member_components)
        if self.min_decile and self.max_decile and self.min_decile > self.max_decile:
            problems.append("Desil terendah tidak boleh lebih besar dari desil tertinggi.")
        if any(d is not None and not 1 <= d <= 10 for d in (self.min_decile, self.max_decile)):
            problems.append("Desil harus 1 sampai 10.")
        if problems:
            raise ValidationError(problems)

    def components(self):
        return list(self.program.components.all())


class ExampleHousehold(models.Model):
    name = models.CharField("nama contoh", max_length=200, help_text="Misalnya: Ibu hamil, desil 2, terdaftar.")
    answers = models.JSONField(
        "jawaban",
        help_text='Seperti isian API: {"household": {"ibu_hamil": 1}, "terdaftar_dtsen": "ya", "desil": 2, '
        '"rumah_tidak_layak_huni": false, "tahun": 2025}.',
    )
    expected = models.JSONField(
        "hasil yang diharapkan",
        default=dict,
        blank=True,
        help_text='Per slug program: {"pkh": {"verdict": "kemungkinan-besar", "amount_per_year": 3000000}}. '
        "Program yang tidak disebut diharapkan «belum-sesuai».",
    )
    note = models.CharField("catatan", max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = "contoh keluarga"
        verbose_name_plural = "contoh keluarga"

    def __str__(self):
        return self.name

    def clean(self):
        try:
            rules.Answers.from_data(self.answers)
        except rules.InvalidAnswers as problem:
            raise ValidationError({"answers": str(problem)}) from None
