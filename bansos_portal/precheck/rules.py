"""The pre-check itself, with no database, cache or request: answers in, one result per program rule out.

A rule is data Humas edit (models.ProgramRule); amounts come only from the program's benefit
components, chosen by the names the rule maps each household member to."""

from dataclasses import dataclass, field

from programs.models import BenefitComponent

Period = BenefitComponent.Period

# Household members the form asks about: (key, how a sentence names them).
MEMBERS = (
    ("ibu_hamil", "ibu hamil/nifas"),
    ("anak_usia_dini", "anak usia dini (0–6 tahun)"),
    ("anak_sd", "anak yang bersekolah di SD"),
    ("anak_smp", "anak yang bersekolah di SMP"),
    ("anak_sma", "anak yang bersekolah di SMA/SMK"),
    ("lansia", "lansia"),
    ("disabilitas_berat", "penyandang disabilitas berat"),
)
MEMBER_KEYS = tuple(key for key, _ in MEMBERS)
MEMBER_NAMES = dict(MEMBERS)
# A component paid once per family whatever its members (the Sembako balance, a house repair).
FAMILY = "keluarga"
COUNTED_KEYS = (*MEMBER_KEYS, FAMILY)
MAX_COUNT = 20
DTSEN_ANSWERS = ("ya", "tidak", "tidak-tahu")
ANSWER_FIELDS = {"household", "terdaftar_dtsen", "desil", "rumah_tidak_layak_huni", "tahun"}

LIKELY, MAYBE, NOT_YET = "kemungkinan-besar", "mungkin", "belum-sesuai"
VERDICT_LABELS = {LIKELY: "Kemungkinan besar sesuai", MAYBE: "Mungkin sesuai", NOT_YET: "Belum sesuai"}
DISCLAIMER = "Ini perkiraan, bukan keputusan. Penetapan penerima berdasarkan DTSEN."
CEK_BANSOS_URL = "https://cekbansos.kemensos.go.id/"


class InvalidAnswers(ValueError):
    """Answers that cannot be checked; `field` names the one at fault."""

    def __init__(self, field_name, message):
        super().__init__(message)
        self.field = field_name


@dataclass(frozen=True)
class Answers:
    household: dict = field(default_factory=dict)
    dtsen: str = "tidak-tahu"
    decile: int | None = None
    uninhabitable_house: bool = False
    year: int | None = None

    @classmethod
    def from_data(cls, data):
        """Answers in the API's shape (an example household's too), checked field by field."""
        if not isinstance(data, dict):
            raise InvalidAnswers("jawaban", "Jawaban harus berupa objek JSON.")
        for name in data:
            if name not in ANSWER_FIELDS:
                raise InvalidAnswers(name, f"Isian {name} tidak dikenal.")
        household = data.get("household") or {}
        if not isinstance(household, dict):
            raise InvalidAnswers("household", "household harus berupa objek jumlah anggota.")
        counts = {}
        for name, count in household.items():
            if name not in MEMBER_KEYS:
                raise InvalidAnswers(name, f"Isian {name} tidak dikenal.")
            if type(count) is not int or not 0 <= count <= MAX_COUNT:
                raise InvalidAnswers(name, f"{name} harus bilangan bulat 0 sampai {MAX_COUNT}.")
            counts[name] = count
        dtsen = data.get("terdaftar_dtsen", "tidak-tahu")
        if dtsen not in DTSEN_ANSWERS:
            raise InvalidAnswers("terdaftar_dtsen", "terdaftar_dtsen harus ya, tidak atau tidak-tahu.")
        decile = data.get("desil")
        if decile is not None and (type(decile) is not int or not 1 <= decile <= 10):
            raise InvalidAnswers("desil", "desil harus bilangan bulat 1 sampai 10, atau kosong.")
        house = data.get("rumah_tidak_layak_huni", False)
        if type(house) is not bool:
            raise InvalidAnswers("rumah_tidak_layak_huni", "rumah_tidak_layak_huni harus true atau false.")
        year = data.get("tahun")
        if year is not None and (type(year) is not int or not 2000 <= year <= 2100):
            raise InvalidAnswers("tahun", "tahun harus bilangan bulat, misalnya 2025.")
        return cls(counts, dtsen, decile, house, year)

    def count(self, key):
        return 1 if key == FAMILY else self.household.get(key, 0)


@dataclass
class Result:
    slug: str
    name: str
    verdict: str
    reasons: list
    amount_per_year: int | None
    amount_per_period: int | None
    period: str
    year: int | None
    next_steps: list
    documents: list
    program_url: str

    @property
    def verdict_label(self):
        return VERDICT_LABELS[self.verdict]

    @property
    def period_label(self):
        return Period(self.period).label


def component_map_problems(mapping):
    """What is wrong with a rule's member → component-name map, in sentences for the admin."""
    if not isinstance(mapping, dict):
        return ['Isian anggota harus berupa objek JSON, misalnya {"ibu_hamil": "Ibu hamil/nifas"}.']
    problems = []
    for key, names in mapping.items():
        if key not in COUNTED_KEYS:
            problems.append(f"Anggota «{key}» tidak dikenal. Yang boleh: {', '.join(COUNTED_KEYS)}.")
        elif not all(isinstance(name, str) for name in _names(names)):
            problems.append(f"Nama komponen untuk «{key}» harus teks atau daftar teks.")
    return problems


def _names(names):
    return names if isinstance(names, list) else [names]


def annual_amount(component, stages_per_year):
    """A component's rupiah over one year of its period."""
    times = {Period.YEAR: 1, Period.MONTH: 12, Period.STAGE: stages_per_year, Period.ONCE: 1}
    return component.amount * times[component.period]


def periods_per_year(rule):
    return {Period.YEAR: 1, Period.MONTH: 12, Period.STAGE: rule.stages_per_year, Period.ONCE: 1}[rule.payment_period]


def year_of_amounts(rule, components, answers):
    """The requested year, else the rule's year, else the latest year that has one of the rule's components."""
    if answers.year or rule.year:
        return answers.year or rule.year
    names = {name for names in rule.member_components.values() for name in _names(names) if name}
    years = [component.year for component in components if component.name in names]
    return max(years, default=None)


def _component(by_name, names):
    return next((by_name[name] for name in _names(names) if name in by_name), None)


def member_amounts(rule, components, answers, year):
    """(per-family rupiah, rupiah of each counted member) for one year, from the rule's components."""
    by_name = {}
    for component in components:
        if component.year == year:
            by_name.setdefault(component.name, component)
    family, members = 0, []
    for key, names in rule.member_components.items():
        component = _component(by_name, names) if answers.count(key) else None
        if component is None:
            continue
        value = annual_amount(component, rule.stages_per_year)
        if key == FAMILY:
            family += value
        else:
            members += [value] * answers.count(key)
    return family, members, bool(family or members)


def amount_per_year(rule, components, answers, year):
    """The family's rupiah in one year: per-family components plus the largest members up to the cap."""
    family, members, found = member_amounts(rule, components, answers, year)
    if not found:
        return None
    members.sort(reverse=True)
    return family + sum(members[: rule.max_counted_members or None])


def _decile_range(rule):
    low, high = rule.min_decile or 1, rule.max_decile or 10
    return f"desil {low}–{high}" if low != high else f"desil {low}"


def conditions(rule, answers, program_name):
    """Each condition as (outcome, sentence): outcome is True (met), False (not met) or None (not known)."""
    checks = []
    counted = [key for key in rule.member_components if key != FAMILY]
    if rule.requires_member:
        present = [MEMBER_NAMES[key] for key in counted if answers.count(key)]
        if present:
            checks.append((True, f"Ada {_join(present)} di keluarga."))
        else:
            wanted = _join([MEMBER_NAMES[key] for key in counted]) or "anggota sasaran"
            checks.append((False, f"Tidak ada {wanted} di keluarga, sasaran {program_name}."))
    if rule.dtsen_required:
        checks.append(
            {
                "ya": (True, "Keluarga terdaftar di DTSEN."),
                "tidak": (
                    False,
                    f"Keluarga belum terdaftar di DTSEN, padahal penerima {program_name} diambil dari DTSEN.",
                ),
                "tidak-tahu": (None, "Belum diketahui apakah keluarga terdaftar di DTSEN."),
            }[answers.dtsen]
        )
    if rule.min_decile or rule.max_decile:
        checks.append(_decile_check(rule, answers.decile))
    if rule.requires_uninhabitable_house:
        if answers.uninhabitable_house:
            checks.append((True, "Rumah keluarga tidak layak huni."))
        else:
            checks.append((False, f"Rumah keluarga layak huni, sedangkan {program_name} untuk rumah tidak layak huni."))
    if rule.needs_assessment:
        checks.append((None, f"Penerima {program_name} juga ditetapkan lewat penilaian petugas."))
    return checks


def _decile_check(rule, decile):
    wanted = _decile_range(rule)
    if decile is None:
        return None, f"Desil keluarga belum diketahui; sasarannya {wanted}."
    if (rule.min_decile or 1) <= decile <= (rule.max_decile or 10):
        return True, f"Keluarga di desil {decile}, termasuk sasaran {wanted}."
    return False, f"Keluarga di desil {decile}, di luar sasaran {wanted}."


def _join(words):
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " dan " + words[-1] if words else ""


def verdict_of(checks):
    outcomes = [outcome for outcome, _ in checks]
    if False in outcomes:
        return NOT_YET
    return MAYBE if None in outcomes else LIKELY


def next_steps(rule, answers, verdict, program_name, program_url):
    steps = []
    if rule.dtsen_required and answers.dtsen == "tidak-tahu":
        steps.append(
            {"text": "Cek apakah keluarga terdaftar di DTSEN di situs atau aplikasi Cek Bansos.", "url": CEK_BANSOS_URL}
        )
    if rule.dtsen_required and answers.dtsen == "tidak":
        steps.append(
            {
                "text": "Daftar ke DTSEN lewat kantor desa/kelurahan atau menu usul di aplikasi Cek Bansos; "
                "bawa KTP dan Kartu Keluarga.",
                "url": CEK_BANSOS_URL,
            }
        )
    if verdict != NOT_YET and rule.check_url:
        steps.append({"text": f"Cek status penerima di {rule.check_label or rule.check_url}.", "url": rule.check_url})
    steps.append({"text": f"Baca syarat lengkap dan cara daftar {program_name}.", "url": program_url})
    return steps


def evaluate(rule, components, answers):
    """One program's result for the answers: verdict, a sentence per condition, amounts and next steps."""
    program = rule.program
    name = program.short_name
    checks = conditions(rule, answers, name)
    verdict = verdict_of(checks)
    year = year_of_amounts(rule, components, answers)
    yearly = amount_per_year(rule, components, answers, year) if verdict != NOT_YET and year else None
    reasons = [sentence for _, sentence in checks]
    if yearly is not None and rule.max_counted_members and _over_cap(rule, components, answers, year):
        reasons.append(
            f"Dihitung paling banyak {rule.max_counted_members} anggota per keluarga, yang terbesar besarannya."
        )
    url = program.get_absolute_url()
    return Result(
        slug=program.slug,
        name=name,
        verdict=verdict,
        reasons=reasons,
        amount_per_year=yearly,
        amount_per_period=None if yearly is None else yearly // periods_per_year(rule),
        period=rule.payment_period,
        year=year,
        next_steps=next_steps(rule, answers, verdict, name, url),
        documents=[line.strip() for line in rule.documents.splitlines() if line.strip()],
        program_url=url,
    )


def _over_cap(rule, components, answers, year):
    return len(member_amounts(rule, components, answers, year)[1]) > rule.max_counted_members


def check(rules, answers, components_of=lambda rule: rule.components()):
    """Every rule's result, in the rules' order."""
    return [evaluate(rule, components_of(rule), answers) for rule in rules]
