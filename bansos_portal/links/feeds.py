"""Atom feeds of new and changed pages: the whole portal, and one per program."""

from heapq import nlargest
from itertools import chain

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.html import strip_tags
from django.utils.text import Truncator

from bansos_portal.editorial.models import ChangeNote
from bansos_portal.publishing import item_key, items_filter
from faq.models import Clarification, Question
from programs.models import Program

FEED_SIZE = 50
# An edit within this long of publishing is still the first version, not an update.
SETTLING_SECONDS = 600


def _latest(*querysets):
    items = chain.from_iterable(queryset.order_by("-updated_at")[:FEED_SIZE] for queryset in querysets)
    latest = nlargest(FEED_SIZE, items, key=lambda item: item.updated_at)
    _attach_change_notes(latest)
    return latest


def _attach_change_notes(items):
    """Each item's public change notes, newest first, read for the whole feed in one query."""
    wanted = items_filter(item_key(item) for item in items)
    notes = {}
    for note in ChangeNote.objects.filter(wanted).select_related("content_type"):
        notes.setdefault((note.content_type.app_label, note.content_type.model, note.object_id), []).append(note)
    for item in items:
        item.feed_change_notes = notes.get(item_key(item), [])


def _is_update(item):
    return (item.updated_at - item.published_at).total_seconds() > SETTLING_SECONDS


class UpdatesFeed(Feed):
    feed_type = Atom1Feed
    title = "Pembaruan Portal Bansos"
    subtitle = "Program, tanya jawab dan cek fakta yang baru terbit atau diperbarui, dari Kementerian Sosial."
    author_name = "Kementerian Sosial Republik Indonesia"

    def link(self):
        return reverse("home")

    def items(self):
        return _latest(Program.objects.published(), Question.objects.published(), Clarification.objects.published())

    def item_title(self, item):
        kind = {Program: "Program", Question: "Tanya jawab", Clarification: "Cek fakta"}[type(item)]
        prefix = "Diperbarui" if _is_update(item) else "Baru"
        return f"{prefix} · {kind}: {Truncator(str(item)).chars(140)}"

    def item_description(self, item):
        if isinstance(item, Program):
            text = item.summary
        else:
            html = item.answer_html if isinstance(item, Question) else item.explanation_html
            text = Truncator(strip_tags(html)).words(60)
        # The change history a reader of the page sees: "Perubahan penting (tanggal): ...".
        changes = [
            f"Perubahan penting ({date_format(timezone.localtime(note.created_at), 'j F Y')}): {note.note}"
            for note in item.feed_change_notes
        ]
        return "\n".join([*changes, text])

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_guid(self, item):
        # Stable per item (not per slug), so a renamed page is not announced as a new one.
        return f"tag:portal-bansos,2026:{item._meta.label_lower}:{item.pk}"

    item_guid_is_permalink = False


class ProgramFeed(UpdatesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Program.objects.published(), slug=slug)

    def title(self, program):
        return f"Pembaruan {program.short_name} · Portal Bansos"

    def subtitle(self, program):
        return f"Halaman program, tanya jawab dan cek fakta tentang {program}."

    def link(self, program):
        return program.get_absolute_url()

    def items(self, program):
        return _latest(
            Program.objects.filter(pk=program.pk),
            program.questions.published(),
            program.clarifications.published(),
        )
