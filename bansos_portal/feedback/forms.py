from django import forms
from django.core import signing

from bansos_portal.personal_data import redact

from .models import COMMENT_MAX_LENGTH, Vote

# The comment step names its vote by a signed id, valid an hour, so no cookie has to remember it.
COMMENT_SALT = "bansos-portal.feedback-comment"
COMMENT_WINDOW_SECONDS = 60 * 60


def comment_token(vote):
    return signing.dumps(vote.pk, salt=COMMENT_SALT)


def vote_from_token(token, key):
    """The not-helpful vote the token names, on the item `key` (item_key) names, while it may still get its
    comment; else None."""
    try:
        pk = signing.loads(token, salt=COMMENT_SALT, max_age=COMMENT_WINDOW_SECONDS)
    except signing.BadSignature:
        return None
    return Vote.objects.for_items([key]).filter(pk=pk, helpful=False, comment="").first()


class VoteForm(forms.Form):
    """«Ya» / «Tidak», or the comment that follows a «Tidak» (with its vote's token)."""

    membantu = forms.ChoiceField(choices=[("ya", "Ya"), ("tidak", "Tidak")], required=False)
    komentar = forms.CharField(
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        error_messages={
            "max_length": "Tulisan Anda %(show_value)d karakter; paling banyak %(limit_value)d. "
            "Mohon persingkat lalu kirim lagi."
        },
    )
    suara = forms.CharField(required=False, max_length=200)

    def clean(self):
        data = super().clean()
        if not data.get("suara") and not data.get("membantu"):
            raise forms.ValidationError("Pilih «Ya» atau «Tidak».")
        return data

    def redacted_comment(self):
        """(comment, redacted): what may be stored, never the text as typed."""
        return redact(self.cleaned_data["komentar"].strip())
