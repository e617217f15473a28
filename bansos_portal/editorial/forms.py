"""The form of the «Alur terbit» page: one status move, with its comment, date and public change note."""

from django import forms
from django.contrib.admin.widgets import AdminSplitDateTime

from bansos_portal.publishing import Status


class TransitionForm(forms.Form):
    target = forms.ChoiceField(label="Pindahkan ke")
    comment = forms.CharField(
        label="Komentar (tidak wajib)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Untuk rekan kerja: alasan atau apa yang perlu diperbaiki. Tidak tampil di situs.",
    )
    published_at = forms.SplitDateTimeField(
        label="Terbit pada",
        required=False,
        widget=AdminSplitDateTime,
        help_text="Kosongkan untuk terbit sekarang. Isi waktu di masa depan untuk menjadwalkan.",
    )
    change_note = forms.CharField(
        label="Perubahan penting (tampil di situs)",
        required=False,
        max_length=500,
        help_text="Misalnya: Besaran bantuan ibu hamil 2025 diperbarui. Kosongkan bila tidak ada perubahan penting.",
    )
    acknowledge = forms.BooleanField(
        label="Saya sudah membaca peringatan di atas dan tetap ingin menerbitkan.", required=False
    )

    def __init__(self, *args, transitions, warnings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = transitions
        self.warnings = warnings

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("target") == Status.PUBLISHED and self.warnings and not cleaned.get("acknowledge"):
            self.add_error("acknowledge", "Periksa peringatan sebelum menerbitkan, lalu centang kotak ini.")
        return cleaned
