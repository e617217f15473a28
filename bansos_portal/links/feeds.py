"""Atom feeds of new and changed pages: the whole portal, and one per program."""

from heapq import nlargest
from itertools import chain

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags
from django.utils.text import Truncator

from faq.models import Clarification, Question
from programs.models import Program

FEED_SIZE = 50
# An edit within this long of publishing is still the first version, not an update.
SETTLING_SECONDS = 600


def _latest(*querysets):
    items = chain.from_iterable(queryset.order_by("-updated_at")[:FEED_SIZE] for queryset in querysets)
    return nlargest(FEED_SIZE, items, key=lambda item: item.updated_at)


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
            return item.summary
        html = item.answer_html if isinstance(item, Question) else item.explanation_html
        return Truncator(strip_tags(html)).words(60)

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
