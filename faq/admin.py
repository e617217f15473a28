from django.contrib import admin

from bansos_portal.publishing_admin import PublishableAdmin, SourceInline

from .models import Category, Clarification, ClarificationSource, Question


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
