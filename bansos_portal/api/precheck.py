"""/api/v1/cek-bantuan/: the household pre-check as JSON. The one POST of the API: it computes an
answer from the published rules and stores nothing (see http.json_post)."""

from typing import Annotated, Any, Literal

from ninja import Router
from pydantic import BeforeValidator, ConfigDict, Field, ValidationInfo, model_validator

from bansos_portal.personal_data import has_personal_number
from bansos_portal.precheck.models import ProgramRule
from bansos_portal.precheck.rules import DISCLAIMER, MAX_COUNT, Answers, check
from bansos_portal.precheck.views import over_rate_limit
from programs.models import BenefitComponent

from .http import ApiError
from .params import refusal
from .schemas import Error, Rupiah, Shape, Url

router = Router()


def _count(raw, info: ValidationInfo):
    # bool is an int to Python; true is no count.
    if type(raw) is not int or not 0 <= raw <= MAX_COUNT:
        raise refusal(f"{info.field_name} harus bilangan bulat 0 sampai {MAX_COUNT}.")
    return raw


def _strict(kind, sentence):
    def parse(raw, info: ValidationInfo):
        if raw is not None and type(raw) is not kind:
            raise refusal(f"{info.field_name} {sentence}")
        return raw

    return BeforeValidator(parse)


Count = Annotated[int, Field(0, ge=0, le=MAX_COUNT), BeforeValidator(_count)]


class Household(Shape):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"additionalProperties": False})
    ibu_hamil: Count = 0
    anak_usia_dini: Count = 0
    anak_sd: Count = Field(0, description="Anak yang bersekolah di SD/MI/Paket A.")
    anak_smp: Count = Field(0, description="Anak yang bersekolah di SMP/MTs/Paket B.")
    anak_sma: Count = Field(0, description="Anak yang bersekolah di SMA/SMK/MA/Paket C.")
    lansia: Count = 0
    disabilitas_berat: Count = 0


def _personal_path(value, path):
    """The first key path in a JSON value whose key or text looks like a personal number, else None."""
    if isinstance(value, dict):
        for key, item in value.items():
            found = f"{path}.{key}" if path else str(key)
            if has_personal_number(str(key)):
                return found
            if (inner := _personal_path(item, found)) is not None:
                return inner
        return None
    if isinstance(value, list):
        return next((p for i, item in enumerate(value) if (p := _personal_path(item, f"{path}[{i}]"))), None)
    if isinstance(value, str | int) and not isinstance(value, bool) and has_personal_number(str(value)):
        return path
    return None


class PrecheckRequest(Shape):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"additionalProperties": False})
    household: Household = Field(default_factory=Household)
    terdaftar_dtsen: Literal["ya", "tidak", "tidak-tahu"] = "tidak-tahu"
    desil: Annotated[int | None, Field(None, ge=1, le=10), _strict(int, "harus bilangan bulat 1 sampai 10 atau null.")]
    rumah_tidak_layak_huni: Annotated[bool, _strict(bool, "harus true atau false.")] = False
    tahun: Annotated[
        int | None,
        Field(None, ge=2000, le=2100, description="Tahun besaran; kosong: tahun terakhir yang ada."),
        _strict(int, "harus bilangan bulat, misalnya 2025."),
    ]

    @model_validator(mode="before")
    @classmethod
    def no_personal_numbers(cls, data: Any):
        # Checked before anything else, so a NIK in any field is named as such, not as a wrong type.
        if (path := _personal_path(data, "")) is not None:
            raise refusal(
                f"Isian {path} tampak seperti NIK, nomor KK atau nomor telepon. Cek bantuan tidak menerimanya."
            )
        return data


class NextStep(Shape):
    text: str
    url: Url


class ProgramResult(Shape):
    slug: str
    name: str
    verdict: Literal["kemungkinan-besar", "mungkin", "belum-sesuai"]
    reasons: list[str]
    amount_per_year: Rupiah | None
    amount_per_period: Rupiah | None
    period: Literal[tuple(BenefitComponent.Period.values)]
    tahun: int | None = Field(description="Tahun komponen manfaat yang dipakai untuk besaran.")
    next_steps: list[NextStep]


class PrecheckAnswer(Shape):
    tahun: int | None
    programs: list[ProgramResult]
    disclaimer: str


def _result(request, result):
    steps = [{"text": step["text"], "url": request.build_absolute_uri(step["url"])} for step in result.next_steps]
    return {**vars(result), "tahun": result.year, "next_steps": steps}


@router.post(
    "/cek-bantuan/",
    response={200: PrecheckAnswer, **dict.fromkeys((400, 405, 429, 503), Error)},
    url_name="api_precheck",
    operation_id="precheck",
    summary="Perkiraan program bansos yang sesuai untuk sebuah keluarga, tanpa data pribadi; tidak ada yang disimpan.",
)
def precheck(request, payload: PrecheckRequest):
    if over_rate_limit(request):
        raise ApiError("Terlalu banyak permintaan. Coba lagi dalam satu menit.", status=429)
    answers = Answers.from_data(payload.model_dump())
    results = check(ProgramRule.objects.for_precheck(), answers)
    return {"tahun": answers.year, "programs": [_result(request, r) for r in results], "disclaimer": DISCLAIMER}
