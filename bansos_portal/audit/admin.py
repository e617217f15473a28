from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path

from .findings import audit_content
from .models import SourceDomain, SpeculativePhrase
from .report import by_item, totals


@admin.register(SourceDomain)
class SourceDomainAdmin(admin.ModelAdmin):
    """Which hosts the audit accepts as a source; also home of the audit report (Penyunting)."""

    list_display = ["domain", "kind", "note"]
    list_filter = ["kind"]
    search_fields = ["domain", "note"]

    def get_urls(self):
        report = path("laporan/", self.admin_site.admin_view(self.report_view), name="audit_report")
        return [report, *super().get_urls()]

    def report_view(self, request):
        # Whoever keeps the audit's lists (Penyunting, Administrator) reads what it finds.
        if not self.has_view_permission(request):
            raise PermissionDenied
        findings = audit_content()
        errors_only = request.GET.get("tampilkan") == "galat"
        shown = [finding for finding in findings if finding.is_error or not errors_only]
        context = {
            **self.admin_site.each_context(request),
            "title": "Audit isi",
            "opts": self.model._meta,
            "reports": by_item(shown),
            "totals": totals(findings),
            "errors_only": errors_only,
        }
        return TemplateResponse(request, "admin/audit/report.html", context)


@admin.register(SpeculativePhrase)
class SpeculativePhraseAdmin(admin.ModelAdmin):
    list_display = ["phrase", "note"]
    search_fields = ["phrase", "note"]
