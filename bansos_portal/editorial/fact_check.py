"""«Klarifikasi cepat»: a hoax answered in one form. The address and the short link are made from the
correction (never from the hoax's words, which must not become the ministry's address), the item is
saved as a draft, then submitted by a Penulis or published by a Penyunting after the usual checks."""

from django import forms
from django.db import transaction
from django.forms import inlineformset_factory
from django.utils import timezone
from django.utils.text import slugify

from bansos_portal.editorial import workflow
from bansos_portal.editorial.prepublish import blocking, warnings_for
from bansos_portal.links.models import ShortLink
from bansos_portal.links.share import correction_line
from bansos_portal.publishing import Status
from faq.models import Clarification, ClarificationSource

SLUG_LIMIT = 60
CODE_LIMIT = 24
SAVE, SUBMIT, PUBLISH = "simpan", "ajukan", "terbitkan"


class QuickClarificationForm(forms.ModelForm):
    acknowledge = forms.BooleanField(
        label="Saya sudah membaca peringatan di atas dan tetap ingin menerbitkan.", required=False
    )

    class Meta:
        model = Clarification
        fields = ["claim", "verdict", "correction", "explanation", "date"]
        widgets = {
            "claim": forms.Textarea(attrs={"rows": 3}),
            "explanation": forms.Textarea(attrs={"rows": 6}),
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate()
        self.fields["correction"].required = True


SourceFormSet = inlineformset_factory(
    Clarification, ClarificationSource, fields=["title", "url"], extra=2, max_num=5, can_delete=False
)


def first_words(text, limit):
    """The first words of `text` as a slug of at most `limit` characters, cut between words."""
    slug = ""
    for word in slugify(text).split("-"):
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > limit:
            break
        slug = candidate
    return slug or slugify(text)[:limit].strip("-") or "klarifikasi"


def unique(base, used):
    """`base`, or `base-2`, `base-3`... whichever is not in `used`."""
    used, address, number = set(used), base, 1
    while address in used:
        number += 1
        address = f"{base}-{number}"
    return address


def clarification_slug(clarification):
    # Room is left for a "-2" suffix so the address stays within the limit.
    base = first_words(correction_line(clarification), SLUG_LIMIT - 3)
    return unique(base, Clarification.objects.filter(slug__startswith=base).values_list("slug", flat=True))


def ensure_short_link(clarification):
    """The clarification's short link, made from its correction the first time it is asked for."""
    link = clarification.short_links.first()
    if link is None:
        base = first_words(correction_line(clarification), CODE_LIMIT - 3)
        code = unique(base, ShortLink.objects.filter(code__startswith=base).values_list("code", flat=True))
        link = ShortLink.objects.create(code=code, clarification=clarification)
    return link


@transaction.atomic
def create(form, sources, *, user, action, acknowledged=False):
    """Save the clarification as a draft with its sources and short link, then make the move `action` asks
    for. Returns (clarification, warnings); with warnings not acknowledged nothing is saved."""
    clarification = form.save(commit=False)
    clarification.slug = clarification_slug(clarification)
    clarification.status = Status.DRAFT
    clarification._change_reason, clarification._history_user = "Klarifikasi cepat", user
    clarification.save()
    sources.instance = clarification
    sources.save()
    ensure_short_link(clarification)
    if action == PUBLISH:
        warnings = warnings_for(clarification)
        if blocking(warnings) or (warnings and not acknowledged):
            # The form comes back with what the editor typed and the warnings: saving half would duplicate it.
            transaction.set_rollback(True)
            return None, warnings
        workflow.move(clarification, Status.PUBLISHED, user=user, comment="Klarifikasi cepat")
    elif action == SUBMIT:
        workflow.move(clarification, Status.REVIEW, user=user, comment="Klarifikasi cepat")
    return clarification, []
