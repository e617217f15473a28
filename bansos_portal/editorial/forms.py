"""The form of the «Alur terbit» page: one status move, with its comment, date and public change note,
made on the version of the item the editor was shown."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format

from bansos_portal.editorial.concurrency import version_token
from bansos_portal.editorial.prepublish import blocking
from bansos_portal.editorial.proposals import live_changed
from bansos_portal.editorial.revisions import changes_since
from bansos_portal.editorial.widgets import ScheduleWidget
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
        widget=ScheduleWidget,
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
    # The version the page showed: a move is made on that version or not at all.
    version = forms.CharField(widget=forms.HiddenInput, required=False)
    # For a proposal: the live item's version, sent only by a page that showed how the live item changed.
    live_seen = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, transitions, warnings, item, live=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = transitions
        self.warnings = warnings
        self.item = item
        self.live = live
        self.live_shown = ""

    def clean(self):
        cleaned = super().clean()
        publishing = cleaned.get("target") == Status.PUBLISHED
        if publishing and blocking(self.warnings):
            self.add_error(None, "Belum bisa terbit: perbaiki dulu yang bertanda «Harus diperbaiki».")
        elif publishing and self.warnings and not cleaned.get("acknowledge"):
            self.add_error("acknowledge", "Periksa peringatan sebelum menerbitkan, lalu centang kotak ini.")
        if cleaned.get("change_note") and not publishing:
            # Kept only with a publication; dropping it silently would lose what the editor typed.
            self.add_error(None, "Perubahan penting hanya disimpan saat menerbitkan. Kosongkan untuk langkah ini.")
        if cleaned.get("version", "") != version_token(self.item):
            raise ValidationError(changed_since_shown(self.item, cleaned.get("version", "")))
        if publishing and self.live is not None:
            self.check_live(cleaned.get("live_seen", ""))
        return cleaned

    def check_live(self, seen):
        """A proposal is published over the live item it was made from, or over one the editor was shown."""
        if live_changed(self.item, self.live) and seen != version_token(self.live):
            self.live_shown = version_token(self.live)
            raise ValidationError(live_changed_since(self.live, self.item.created_at))


def changed_since_shown(item, token):
    """Why a move was refused: who changed the item after the page was opened, and what, from what to what."""
    opened = _moment(token)
    if opened is None:
        return ["Belum dijalankan: permintaan ini tidak membawa versi item yang Anda lihat. Muat ulang halaman ini."]
    return _changes(
        item,
        opened,
        "Belum dijalankan: {name} mengubah item ini pada {moment}, setelah Anda membuka halaman ini. "
        "Periksa perubahannya di bawah (dan pratinjaunya), lalu tekan tombolnya lagi bila tetap ingin melanjutkan.",
    )


def live_changed_since(live, since):
    """Why a proposal was not published: what changed on the live page after the proposal was made."""
    return _changes(
        live,
        since,
        "Usulan belum diterbitkan: {name} mengubah halaman yang terbit pada {moment}, setelah usulan ini dibuat. "
        "Yang berubah di halaman terbit ada di bawah. Usulan ini akan menggantikan isinya: tekan «Terbitkan usulan» "
        "lagi bila memang begitu, atau buang usulan ini dan buat yang baru.",
    )


def _changes(item, since, lead):
    who, when, changes = changes_since(item, since) or (None, item.updated_at, [])
    name = (who.get_full_name() or who.get_username()) if who else "editor lain"
    moment = date_format(timezone.localtime(when), "j F Y H.i")
    return [
        lead.format(name=name, moment=moment),
        *(f"{label}: «{old}» menjadi «{new}»" for label, old, new in changes),
    ]


def _moment(token):
    try:
        moment = parse_datetime(token or "")
    except ValueError:
        return None
    return moment if moment and timezone.is_aware(moment) else None
