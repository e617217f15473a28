from django.contrib import admin

from .models import ShortLink, SlugHistory


@admin.register(ShortLink)
class ShortLinkAdmin(admin.ModelAdmin):
    list_display = ["__str__", "target_url", "hits", "created_at"]
    search_fields = ["code", "path", "program__name", "program__acronym", "question__question"]
    autocomplete_fields = ["program", "question", "clarification"]
    readonly_fields = ["hits", "created_at"]
    fields = ["code", "program", "question", "clarification", "path", "hits", "created_at"]

    @admin.display(description="tujuan")
    def target_url(self, link):
        return link.target_url()


@admin.register(SlugHistory)
class SlugHistoryAdmin(admin.ModelAdmin):
    """Read-only: recorded automatically when a slug changes. Deleting a row breaks that old address."""

    list_display = ["old_slug", "content_type", "object_id", "changed_at"]
    list_filter = ["content_type"]
    search_fields = ["old_slug"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
