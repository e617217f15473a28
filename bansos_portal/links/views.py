from csp.decorators import csp_replace
from django.db.models import F
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET

from faq.models import Clarification, Question
from programs.models import Program

from . import share, share_image
from .models import ShortLink
from .stable import answers_publicly


def frameable_by_any_site(view):
    """Only the embed cards may be framed, by any site (regional offices run their own); every other
    page keeps X-Frame-Options: DENY and frame-ancestors 'none'."""
    return xframe_options_exempt(csp_replace({"frame-ancestors": ["*"]})(view))


def _leaflet_context(program):
    """The program with the benefit amounts of its latest year only: what fits on a card or a page."""
    components = program.components.all()
    latest_year = max((component.year for component in components), default=None)
    return {"program": program, "components": [c for c in components if c.year == latest_year]}


@require_GET
def short_link(request, code):
    # People type codes from paper and banners: /s/PKH is /s/pkh.
    link = get_object_or_404(
        ShortLink.objects.select_related("program", "question", "clarification"), code=code.lower()
    )
    target = link.program or link.question or link.clarification
    # A draft's address (its slug) is not public either: the code answers as if it did not exist.
    if target is not None and not answers_publicly(target):
        raise Http404
    # Counted in the database with F() so simultaneous hits are not lost; nothing about the visitor is kept.
    ShortLink.objects.filter(pk=link.pk).update(hits=F("hits") + 1)
    # Temporary, so browsers ask again and Humas can repoint a printed code.
    return redirect(link.target_url())


@frameable_by_any_site
@require_GET
def embed_program(request, slug):
    program = get_object_or_404(Program.objects.published(), slug=slug)
    return render(request, "links/embed_program.html", _leaflet_context(program))


@frameable_by_any_site
@require_GET
def embed_question(request, slug):
    question = get_object_or_404(Question.objects.published(), slug=slug)
    return render(request, "links/embed_question.html", {"question": question})


@require_GET
def leaflet(request, slug):
    program = get_object_or_404(Program.objects.published(), slug=slug)
    return render(request, "links/leaflet.html", {"leaflets": [_leaflet_context(program)], "title": str(program)})


@require_GET
def booklet(request):
    programs = Program.objects.published().prefetch_related("components", "short_links")
    leaflets = [_leaflet_context(program) for program in programs]
    context = {"leaflets": leaflets, "title": "Buklet semua program", "booklet": True}
    return render(request, "links/leaflet.html", context)


@require_GET
def program_share_image(request, slug):
    program = get_object_or_404(Program.objects.published(), slug=slug)
    return HttpResponse(share_image.render_png(program), content_type="image/png")


@require_GET
def clarification_leaflet(request, slug):
    clarification = get_object_or_404(Clarification.objects.published().prefetch_related("short_links"), slug=slug)
    context = {"clarification": clarification, "correction": share.correction_line(clarification)}
    return render(request, "links/clarification_leaflet.html", context)


@require_GET
def clarification_share_image(request, slug):
    clarification = get_object_or_404(Clarification.objects.published(), slug=slug)
    png = share_image.render_clarification_png(
        clarification.get_verdict_display(), share.correction_line(clarification)
    )
    return HttpResponse(png, content_type="image/png")


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        # No line for the admin: robots.txt is public, and its path is kept out of sight on purpose. It is
        # linked from nowhere, and every admin page carries Django's <meta name="robots" content="NONE">.
        # Search result pages stay crawlable (a search engine may send someone straight to "cara daftar
        # pkh" results); the typing suggestions and the opened-result ping are not pages.
        "Disallow: /cari/saran/",
        "Disallow: /cari/dibuka/",
        "Disallow: /sematkan/",
        "Disallow: /s/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
