"""The citizen's questions: counts of household members and a few yes/no facts, never who they are."""

import re

from django import forms
from django.core.exceptions import ValidationError

from bansos_portal.personal_data import has_personal_number

from .rules import DTSEN_ANSWERS, MAX_COUNT, MEMBERS, Answers

PERSONAL_REFUSAL = (
    "Cek bantuan tidak meminta dan tidak menerima NIK, nomor KK, nama atau nomor telepon. "
    "Hapus isian itu lalu coba lagi; jawaban Anda tidak disimpan."
)
# A field someone added (a tampered form, a bookmarklet) whose name asks for who a person is.
PERSONAL_NAME = re.compile(r"nik|\bkk\b|no_?kk|nama|name|phone|telepon|telp|hp|wa|whatsapp|email", re.IGNORECASE)
COUNT_LABELS = {
    "ibu_hamil": "Ibu hamil atau nifas",
    "anak_usia_dini": "Anak usia dini (0–6 tahun)",
    "anak_sd": "Anak yang bersekolah di SD/MI/Paket A",
    "anak_smp": "Anak yang bersekolah di SMP/MTs/Paket B",
    "anak_sma": "Anak yang bersekolah di SMA/SMK/MA/Paket C",
    "lansia": "Lansia (60 tahun ke atas)",
    "disabilitas_berat": "Penyandang disabilitas berat",
}
YES_NO = [("tidak", "Tidak"), ("ya", "Ya")]


def _count_field(label):
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=MAX_COUNT,
        initial=0,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 0, "max": MAX_COUNT}),
        error_messages={
            "invalid": "Isi dengan angka.",
            "max_value": f"Paling banyak {MAX_COUNT}.",
            "min_value": "Tidak boleh kurang dari 0.",
        },
    )


class PrecheckForm(forms.Form):
    terdaftar_dtsen = forms.ChoiceField(
        label="Apakah keluarga terdaftar di DTSEN?",
        choices=[("ya", "Ya"), ("tidak", "Tidak"), ("tidak-tahu", "Tidak tahu")],
        initial="tidak-tahu",
        widget=forms.RadioSelect,
    )
    desil = forms.TypedChoiceField(
        label="Desil kesejahteraan (bila tahu)",
        choices=[("", "Tidak tahu"), *((str(n), str(n)) for n in range(1, 11))],
        coerce=int,
        empty_value=None,
        required=False,
        help_text="Desil 1 paling rendah. Lihat di aplikasi Cek Bansos atau tanyakan ke desa/kelurahan.",
    )
    rumah_tidak_layak_huni = forms.ChoiceField(
        label="Apakah rumah tidak layak huni?", choices=YES_NO, initial="tidak", widget=forms.RadioSelect
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, _ in MEMBERS:
            self.fields[key] = _count_field(COUNT_LABELS[key])
        self.order_fields([key for key, _ in MEMBERS])

    def clean(self):
        cleaned = super().clean()
        if self.has_personal_data():
            raise ValidationError(PERSONAL_REFUSAL, code="personal")
        return cleaned

    def has_personal_data(self):
        for name in self.data:
            if name in self.fields:
                values = self.data.getlist(name) if hasattr(self.data, "getlist") else [self.data[name]]
                if any(has_personal_number(str(value)) for value in values):
                    return True
            elif PERSONAL_NAME.search(name) or any(has_personal_number(str(v)) for v in self.data.getlist(name)):
                return True
        return False

    def answers(self):
        data = self.cleaned_data
        return Answers(
            household={key: data.get(key) or 0 for key, _ in MEMBERS},
            dtsen=data["terdaftar_dtsen"] if data.get("terdaftar_dtsen") in DTSEN_ANSWERS else "tidak-tahu",
            decile=data.get("desil"),
            uninhabitable_house=data.get("rumah_tidak_layak_huni") == "ya",
        )

    def summary(self):
        """The answers as (question, answer) lines for the printed page."""
        return [(self.fields[name].label, self._shown(name)) for name in self.fields]

    def _shown(self, name):
        value = self.cleaned_data.get(name)
        field = self.fields[name]
        if hasattr(field, "choices"):
            return dict(field.choices).get("" if value is None else str(value), value)
        return value or 0
