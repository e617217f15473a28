from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils import timezone

from bansos_portal.formatting import csv_response
from bansos_portal.publishing import Status

from . import account_admin, content_admin  # noqa: F401  (registers the staff accounts and content models)
from .models import ChangeNote, Transition

CSV_COLUMNS = [
    "waktu",
    "tindakan",
    "jenis_isi",
    "id_item",
    "item",
    "dari_status",
    "ke_status",
    "terbit_pada",
    "berhenti_tayang",
    "oleh",
    "komentar",
]


def _local(moment):
    return timezone.localtime(moment).isoformat(timespec="minutes") if moment else ""


def _audit_row(record):
    """One audit record as a CSV row, its values in the order of CSV_COLUMNS."""
    values = [
        timezone.localtime(record.at).isoformat(timespec="seconds"),
        record.get_action_display(),
        record.content_type.name,
        record.object_id,
        record.object_repr,
        record.from_status,
        record.to_status,
        _local(record.published_at),
        _local(record.unpublish_at),
        record.username,
        record.comment,
    ]
    return dict(zip(CSV_COLUMNS, values, strict=True))


def _status_label(value):
    if not value:
        return ""
    return Status(value).label if value in Status.values else value


@admin.register(Transition)
class TransitionAdmin(admin.ModelAdmin):
    """The audit view: read-only, filterable, and downloadable as CSV with the same filters."""

    list_display = ["at", "action", "object_repr", "content_type", "status_change", "username", "comment"]
    list_filter = ["action", "content_type", ("at", admin.DateFieldListFilter), "username"]
    search_fields = ["object_repr", "username", "comment"]
    date_hierarchy = "at"
    list_select_related = ["content_type"]
    change_list_template = "admin/editorial/transition_changelist.html"
    # Not the app's admin/editorial/change_form.html, which is the publishable items' form.
    change_form_template = "admin/change_form.html"

    @admin.display(description="Perubahan status")
    def status_change(self, record):
        # Humas read «Menunggu tinjauan → Terbit», not the stored codes; edits of budget figures and
        # categories have no status, and an old record may hold a code no longer in use.
        labels = [_status_label(value) for value in (record.from_status, record.to_status)]
        return " → ".join(labels).strip() if any(labels) else "—"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        view = self.admin_site.admin_view(self.csv_view)
        return [path("csv/", view, name="editorial_transition_csv"), *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        query = request.GET.urlencode()
        csv_url = reverse("admin:editorial_transition_csv") + (f"?{query}" if query else "")
        return super().changelist_view(request, {"csv_url": csv_url, **(extra_context or {})})

    def csv_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        # The changelist's own queryset, so the file holds exactly the rows the filters show.
        records = self.get_changelist_instance(request).get_queryset(request)
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        rows = (_audit_row(record) for record in records.select_related("content_type"))
        return csv_response(f"audit-humas-{stamp}.csv", CSV_COLUMNS, rows)


@admin.register(ChangeNote)
class ChangeNoteAdmin(admin.ModelAdmin):
    list_display = ["created_at", "note", "content_type", "object_id", "author"]
    list_filter = ["content_type"]
    search_fields = ["note"]
    fields = ["note", "created_at"]
    change_form_template = "admin/change_form.html"

    # A note belongs to an item and is written when the item is published («Alur terbit»), which knows
    # the item; a free-standing form here could only save a note that belongs to nothing.
    def has_add_permission(self, request):
        return False
