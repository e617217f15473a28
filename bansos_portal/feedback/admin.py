from django.contrib import admin

from .models import DailyCount, Vote


@admin.register(Vote)
class VoteAdmin(admin.ModelAdmin):
    """Votes as citizens left them; a comment flagged «data pribadi dihapus» had personal data removed."""

    list_display = ["day", "content_type", "object_id", "helpful", "comment", "redacted", "status"]
    list_filter = ["redacted", "status", "helpful", "content_type", "day"]
    list_editable = ["status"]
    readonly_fields = ["content_type", "object_id", "helpful", "day", "comment", "redacted"]
    date_hierarchy = "day"

    def has_add_permission(self, request):
        return False


@admin.register(DailyCount)
class DailyCountAdmin(admin.ModelAdmin):
    list_display = ["day", "content_type", "object_id", "yes", "no"]
    list_filter = ["content_type", "day"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
