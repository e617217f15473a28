"""The admin of every content model: programs with their amounts, budgets and sources; FAQ categories,
questions and hoax clarifications. Publishable items share the editorial admin (roles, workflow,
revisions, previews); it lives in this wing so the content apps import nothing of the site."""

from django.contrib import admin

from bansos_portal.editorial.publishable_admin import PublishableAdmin, SourceInline
from faq.models import Category, Clarification, ClarificationSource, Question
from programs.models import BenefitComponent, Budget, Program, ProgramSource


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


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Question)
class QuestionAdmin(PublishableAdmin):
    list_display = ["question", "category", "status", "published_at", "updated_at"]
    list_filter = ["status", "category", "programs"]
    list_select_related = ["category"]
    search_fields = ["question", "answer", "slug"]
    prepopulated_fields = {"slug": ["question"]}
    autocomplete_fields = ["related", "successor"]
    filter_horizontal = ["programs"]
    fieldsets = [
        (None, {"fields": ["question", "slug", "category", "answer", "programs", "related", "order"]}),
        PublishableAdmin.publication_fieldset,
        ("Bila diarsipkan", {"fields": ["successor"]}),
    ]


class ClarificationSourceInline(SourceInline):
    model = ClarificationSource


@admin.register(Clarification)
class ClarificationAdmin(PublishableAdmin):
    list_display = ["__str__", "verdict", "date", "status", "published_at"]
    list_filter = ["status", "verdict", "programs"]
    search_fields = ["claim", "explanation", "slug"]
    prepopulated_fields = {"slug": ["claim"]}
    filter_horizontal = ["programs"]
    autocomplete_fields = ["successor"]
    inlines = [ClarificationSourceInline]
    fieldsets = [
        (None, {"fields": ["claim", "slug", "verdict", "date", "explanation", "programs"]}),
        PublishableAdmin.publication_fieldset,
        ("Bila diarsipkan", {"fields": ["successor"]}),
    ]
