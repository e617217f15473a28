from datetime import timedelta

from django.contrib import admin
from django.db.models import Sum
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.dateparse import parse_date

from .models import BestBet, CitizenWord, SearchQueryStat, SynonymGroup

REPORT_ROWS = 30


@admin.register(SynonymGroup)
class SynonymGroupAdmin(admin.ModelAdmin):
    list_display = ["terms", "note", "is_active", "updated_at"]
    list_filter = ["is_active"]
    search_fields = ["terms", "note"]


@admin.register(CitizenWord)
class CitizenWordAdmin(admin.ModelAdmin):
    list_display = ["word", "standard", "is_active", "updated_at"]
    list_filter = ["is_active"]
    search_fields = ["word", "standard"]


@admin.register(BestBet)
class BestBetAdmin(admin.ModelAdmin):
    list_display = ["query", "target", "expires_at", "order"]
    search_fields = ["query"]
    autocomplete_fields = ["program", "question", "clarification"]
    fields = ["query", "program", "question", "clarification", "expires_at", "order"]


@admin.register(SearchQueryStat)
class SearchQueryStatAdmin(admin.ModelAdmin):
    """Read-only: the changelist is the report Humas read, per day or per week."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        weekly = request.GET.get("periode") == "minggu"
        last = parse_date(request.GET.get("tanggal") or "") or timezone.localdate()
        first = last - timedelta(days=6) if weekly else last
        rows = (
            SearchQueryStat.objects.filter(day__range=(first, last))
            .values("query")
            .annotate(searches=Sum("searches"), results=Sum("results"), clicks=Sum("clicks"))
        )
        context = {
            **self.admin_site.each_context(request),
            "title": "Laporan pencarian",
            "opts": self.model._meta,
            "weekly": weekly,
            "first": first,
            "last": last,
            "previous": first - timedelta(days=1),
            "next": last + timedelta(days=7 if weekly else 1),
            "top": rows.order_by("-searches", "query")[:REPORT_ROWS],
            "zero": rows.filter(results=0).order_by("-searches", "query")[:REPORT_ROWS],
            "unopened": rows.filter(results__gt=0, clicks=0).order_by("-searches", "query")[:REPORT_ROWS],
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/search_report.html", context)
