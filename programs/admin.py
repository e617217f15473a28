from django.contrib import admin

from bansos_portal.publishing_admin import PublishableAdmin, SourceInline

from .models import BenefitComponent, Budget, Program, ProgramSource


class BenefitComponentInline(admin.TabularInline):
    model = BenefitComponent
    extra = 0
    fields = ["name", "amount", "period", "year", "note", "order"]


class BudgetInline(admin.TabularInline):
    model = Budget
    extra = 0
    fields = ["year", "label", "allocation", "realisation", "beneficiaries", "source", "source_url"]


class ProgramSourceInline(SourceInline):
    model = ProgramSource


@admin.register(Program)
class ProgramAdmin(PublishableAdmin):
    list_display = ["name", "acronym", "status", "published_at", "updated_at", "order"]
    list_editable = ["order"]
    list_filter = ["status", "agency"]
    search_fields = ["name", "acronym", "summary", "slug"]
    prepopulated_fields = {"slug": ["acronym"]}
    autocomplete_fields = ["successor"]
    inlines = [BenefitComponentInline, BudgetInline, ProgramSourceInline]
    fieldsets = [
        (None, {"fields": ["name", "acronym", "slug", "agency", "summary", "order"]}),
        (
            "Isi halaman (Markdown)",
            {
                "fields": [
                    "description",
                    "eligibility",
                    "benefits",
                    "registration",
                    "disbursement",
                    "complaints",
                    "regional_role",
                    "legal_basis",
                ]
            },
        ),
        PublishableAdmin.publication_fieldset,
        ("Bila diarsipkan", {"fields": ["successor"]}),
    ]


@admin.register(Budget)
class BudgetAdmin(admin.ModelAdmin):
    list_display = ["year", "program", "label", "allocation", "beneficiaries", "source"]
    list_filter = ["year", "label", "program"]
    search_fields = ["source", "program__name", "program__acronym"]
    list_select_related = ["program"]
    ordering = ["-year", "program__order"]
