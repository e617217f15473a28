"""/istilah/: every published term from A to Z, with a search box that works without JavaScript, and one
page per term."""

from itertools import groupby

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from bansos_portal.search.text import clean_query

from .lookup import rank
from .models import Term
from .usage import pages_using

# A term is a word or two; a longer query is cut rather than refused.
MAX_QUERY = 100


def first_letter(term):
    """The heading a term is listed under: its first letter (e-Warong under E), digits together under 0–9."""
    letter = next((char for char in term.term if char.isalnum()), "#").upper()
    return "0–9" if letter.isdigit() else letter


def by_letter(terms):
    """[(letter, anchor, terms)] in the order of `terms` (alphabetical)."""
    return [
        (letter, "huruf-" + ("angka" if letter == "0–9" else letter.lower()), list(group))
        for letter, group in groupby(terms, key=first_letter)
    ]


@require_GET
def term_list(request):
    query = clean_query(request.GET.get("q", ""), MAX_QUERY)
    terms = rank(Term.objects.published().for_list(), query)
    context = {"query": query, "terms": terms, "letters": [] if query else by_letter(terms)}
    return render(request, "glossary/term_list.html", context)


@require_GET
def term_detail(request, slug):
    term = get_object_or_404(Term.objects.published(), slug=slug)
    return render_term(request, term)


def render_term(request, term, preview=None):
    """The term's page; also used, with `preview`, for drafts shown to staff and signed links."""
    context = {"preview": preview, "term": term, "sources": term.sources.all(), "pages": pages_using(term)}
    return render(request, "glossary/term_detail.html", context)
