"""The glossary in the admin: written, reviewed and published like every other content item (roles,
workflow, revisions, previews), with its sources under it."""

from django.contrib import admin

from bansos_portal.editorial.publishable_admin import PublishableAdmin, SourceInline

from .models import Term, TermSource


class TermSourceInline(SourceInline):
    model = TermSource


@admin.register(Term)
class TermAdmin(PublishableAdmin):
    list_display = ["term", "short_definition", "status", "mark_on_pages", "updated_at"]
    list_filter = ["status", "mark_on_pages"]
    search_fields = ["term", "other_forms", "short_definition", "slug"]
    prepopulated_fields = {"slug": ["term"]}
    autocomplete_fields = ["successor"]
    inlines = [TermSourceInline]
    fieldsets = [
        (None, {"fields": ["term", "slug", "other_forms", "short_definition", "explanation", "mark_on_pages"]}),
        PublishableAdmin.publication_fieldset,
        ("Bila diarsipkan", {"fields": ["successor"]}),
    ]
