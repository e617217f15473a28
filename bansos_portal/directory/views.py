from csp.decorators import csp_replace
from django.db.models import Prefetch
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from programs.models import Program

from . import finder as region_finder
from .forms import FinderForm
from .models import CALL_CENTER, Office, Region


def frameable_by_any_site(view):
    """The office card may be framed by any site (pemda and desa run their own); other pages may not."""
    return xframe_options_exempt(csp_replace({"frame-ancestors": ["*"]})(view))


@require_GET
@vary_on_headers("HX-Request")
def finder(request):
    form = FinderForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    context = {"form": form, "query": query, "results": region_finder.find(query) if query else []}
    if not query:
        context["provinces"] = Region.objects.active().provinces()
    # htmx asks for the suggestions only; a normal request gets the whole page.
    template = "directory/_finder_results.html" if request.htmx else "directory/finder.html"
    return render(request, template, context)


def _locate(province_slug, regency_slug=None):
    """The region at this address and whether the address is an old one; 404 when there is none."""
    region, moved = Region.objects.provinces().by_slug(province_slug)
    if region is not None and regency_slug:
        region, renamed = Region.objects.by_slug(regency_slug, parent=region)
        moved = moved or renamed
    if region is None:
        raise Http404("Daerah tidak ditemukan.")
    return region, moved


def _gone(request, region):
    context = {"item": region, "kind": "daerah", "successor": region.successor}
    return render(request, "links/gone.html", context, status=410)


def _live_region(request, province, regency, address_of):
    """The region at this address, or the answer for an address that is not the region's own: a 301 to
    its current address (`address_of(region)`) or a 410 for an archived region."""
    region, moved = _locate(province, regency)
    if moved:
        return None, HttpResponsePermanentRedirect(address_of(region))
    if region.archived_at:
        return None, _gone(request, region)
    return region, None


def _office_context(region):
    office = Office.objects.for_region(region)
    province_office = None
    if office is None and not region.is_province:
        province_office = Office.objects.for_region(region.province)
    shown = office or province_office
    return {
        "region": region,
        "office": office,
        "province_office": province_office,
        "verified": {source.detail: source for source in shown.sources.all()} if shown else {},
        "services": shown.services.published() if shown else [],
        "call_center": CALL_CENTER,
    }


@require_GET
def region_detail(request, province, regency=None):
    region, answer = _live_region(request, province, regency, lambda found: found.get_absolute_url())
    if answer:
        return answer
    programs = Program.objects.published().prefetch_related(Prefetch("short_links"))
    context = {
        **_office_context(region),
        "programs": programs,
        "regencies": region.children.active() if region.is_province else None,
        "embed_url": request.build_absolute_uri(region.embed_url()),
    }
    return render(request, "directory/region_detail.html", context)


@frameable_by_any_site
@require_GET
def embed_office(request, province, regency=None):
    region, answer = _live_region(request, province, regency, lambda found: found.embed_url())
    if answer:
        return answer
    return render(request, "directory/embed_office.html", _office_context(region))


def render_office(request, office, *, preview=None):
    """An office as its region's page would show it: for previews of drafts and proposals."""
    context = {
        **_office_context(office.region),
        "office": office,
        "province_office": None,
        "verified": {source.detail: source for source in office.sources.all()},
        "services": office.services.published(),
        "programs": [],
        "preview": preview,
    }
    return render(request, "directory/region_detail.html", context)
