"""Official accounts in the admin. A wrong address here sends citizens to a scammer, so a Penulis may add
and correct accounts that are not shown yet, and only a Penyunting (publish_officialaccount) shows one on
the site, changes or deletes a shown one."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from bansos_portal.editorial import workflow

from .models import OfficialAccount


@admin.register(OfficialAccount)
class OfficialAccountAdmin(SimpleHistoryAdmin):
    list_display = ["handle", "platform", "url", "verified_on", "is_published", "order"]
    list_filter = ["platform", "is_published"]
    search_fields = ["handle", "url"]
    readonly_fields = ["updated_at"]
    fields = ["platform", "handle", "url", "source_url", "verified_on", "order", "is_published", "updated_at"]

    def _may_publish(self, request):
        return workflow.may_publish(request.user, self.model)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return fields if self._may_publish(request) else [*fields, "is_published"]

    def _may_touch(self, request, obj):
        return obj is None or not obj.is_published or self._may_publish(request)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._may_touch(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._may_touch(request, obj)
