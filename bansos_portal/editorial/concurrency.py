"""No lost edits: an admin form remembers which version it was opened on and refuses a stale save."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format

from bansos_portal.editorial.revisions import changes_since
from bansos_portal.links.slug_history import refuse_slug_left_by_another


def version_token(obj):
    return obj.updated_at.isoformat() if obj.updated_at else ""


class VersionCheckedForm(forms.ModelForm):
    """Carries the item's `updated_at` as a hidden token; a save on an older token is refused."""

    edit_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["edit_token"].initial = version_token(self.instance)

    def clean(self):
        cleaned = super().clean()
        # Browsers send textarea lines ending in CRLF; stored text keeps LF, so an untouched field stays unchanged.
        for name, value in cleaned.items():
            if isinstance(value, str) and "\r\n" in value:
                cleaned[name] = value.replace("\r\n", "\n")
        if self.instance.pk and self.data.get(self.add_prefix("edit_token"), "") != version_token(self.instance):
            raise ValidationError(self.conflict_messages())
        refuse_slug_left_by_another(self._meta.model, cleaned.get("slug"), self.instance.pk)
        return cleaned

    def conflict_messages(self):
        token = parse_datetime(self.data.get(self.add_prefix("edit_token"), "") or "")
        found = changes_since(self.instance, token) if token else None
        who, when, changes = found if found else (None, self.instance.updated_at, [])
        name = (who.get_full_name() or who.get_username()) if who else "editor lain"
        moment = date_format(timezone.localtime(when), "j F Y H.i")
        messages = [
            f"Tidak disimpan: {name} sudah mengubah item ini pada {moment}, setelah Anda membukanya. "
            "Perubahan Anda masih ada di formulir ini; salin dulu, lalu buka ulang halaman ini dan terapkan lagi."
        ]
        for label, old, new in changes:
            messages.append(f"{label}: «{old}» menjadi «{new}»")
        return messages
