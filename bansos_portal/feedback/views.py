"""The public vote endpoint (no cookie, no CSRF token: see guard.py) and the Humas dashboard pages."""

from django.apps import apps
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from bansos_portal.formatting import csv_response
from bansos_portal.publishing import item_key

from . import dashboard as board
from .forms import VoteForm, comment_token, vote_from_token
from .guard import is_bot, is_same_site, over_rate_limit
from .models import FEEDBACK_MODELS, Vote
from .templatetags.feedback import COMMENT_PARAM, THANKS_PARAM, box_context

ANCHOR = "#umpan-balik"
CROSS_SITE = "Umpan balik hanya diterima dari halaman Portal Bansos sendiri."
TOO_MANY = "Terlalu banyak umpan balik dari jaringan Anda dalam satu jam. Silakan coba lagi nanti."
EXPIRED = "Waktu untuk menambahkan keterangan sudah lewat. Jawaban «Tidak» Anda tetap tercatat."


def published_item(app_label, model_name, pk):
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        raise Http404 from None
    if model._meta.label not in FEEDBACK_MODELS:
        raise Http404
    return get_object_or_404(model.objects.published(), pk=pk)


def answer(request, item, state, *, status=200, form=None, token="", message=""):
    """The box in its new state: swapped in place for htmx; without JavaScript, back to the page on success,
    or a small page with the box when something needs the visitor's attention."""
    if status == 200 and not request.htmx:
        query = f"{COMMENT_PARAM}={token}" if token else f"{THANKS_PARAM}=1"
        return HttpResponseRedirect(f"{item.get_absolute_url()}?{query}{ANCHOR}", status=303)
    context = {"box": box_context(item, state, form=form, token=token, message=message), "item": item}
    template = "feedback/_box.html" if request.htmx else "feedback/problem.html"
    response = render(request, template, context, status=status)
    response["Cache-Control"] = "no-store"
    return response


@csrf_exempt
@require_POST
@vary_on_headers("HX-Request")
def vote(request, app_label, model_name, pk):
    if not is_same_site(request):
        return HttpResponse(CROSS_SITE, status=403, content_type="text/plain; charset=utf-8")
    item = published_item(app_label, model_name, pk)
    if is_bot(request.POST):
        return answer(request, item, "thanks")  # told nothing, stored nothing
    if over_rate_limit(request):
        return answer(request, item, "problem", status=429, message=TOO_MANY)
    form = VoteForm(request.POST)
    if not form.is_valid():
        state = "comment" if request.POST.get("suara") else "ask"
        return answer(request, item, state, status=400, form=form, token=request.POST.get("suara", ""))
    if form.cleaned_data["suara"]:
        return add_comment(request, item, form)
    helpful = form.cleaned_data["membantu"] == "ya"
    new_vote = Vote.objects.create(item=item, helpful=helpful)
    if helpful:
        return answer(request, item, "thanks")
    return answer(request, item, "comment", token=comment_token(new_vote))


def add_comment(request, item, form):
    earlier = vote_from_token(form.cleaned_data["suara"], item_key(item))
    if earlier is None:
        return answer(request, item, "problem", status=400, message=EXPIRED)
    earlier.comment, earlier.redacted = form.redacted_comment()
    if earlier.comment:
        earlier.save(update_fields=["comment", "redacted"])
    return answer(request, item, "thanks")


@never_cache
def dashboard(request):
    today = timezone.localdate()
    context = {
        **admin.site.each_context(request),
        "title": "Apa yang perlu diperbaiki",
        "rows": board.item_rows(request.user, today),
        "comments": board.latest_comments(request.user),
        "searches": board.unmet_searches(today) if board.sees_everything(request.user) else None,
        "broken_links": board.broken_links() if board.sees_everything(request.user) else None,
        "sees_everything": board.sees_everything(request.user),
        "window_days": board.WINDOW_DAYS,
        "overdue_weight": board.OVERDUE_WEIGHT,
    }
    return render(request, "feedback/dashboard.html", context)


CSV_COLUMNS = [
    "item",
    "jenis",
    "alamat",
    "membantu_30_hari",
    "tidak_membantu_30_hari",
    "persen_membantu",
    "persen_membantu_30_hari_sebelumnya",
    "komentar_terbuka",
    "tinjau_ulang_paling_lambat",
    "skor",
]


def dashboard_csv(request):
    rows = board.item_rows(request.user, timezone.localdate())
    return csv_response("umpan-balik.csv", CSV_COLUMNS, [board.csv_row(row) for row in rows])


@require_POST
def mark_comment(request, pk):
    comment = get_object_or_404(Vote.objects.comments().select_related("content_type"), pk=pk)
    status = request.POST.get("status")
    if status not in (Vote.Status.DONE, Vote.Status.DISMISSED):
        return HttpResponse("Tindakan tidak dikenal.", status=400, content_type="text/plain; charset=utf-8")
    if not board.may_handle(request.user, comment):
        raise PermissionDenied
    comment.status = status
    comment.save(update_fields=["status"])
    messages.success(request, f"Komentar ditandai «{comment.get_status_display()}».")
    return HttpResponseRedirect(reverse("feedback:dashboard") + "#komentar", status=303)
