"""What every publishable item's admin shares: roles enforced on the server, explicit state changes,
revisions with diff and restore, previews, no lost edits and a live Markdown preview."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from simple_history.admin import SimpleHistoryAdmin

from bansos_portal.editorial import preview, workflow
from bansos_portal.editorial.concurrency import VersionCheckedForm
from bansos_portal.editorial.forms import TransitionForm
from bansos_portal.editorial.models import ChangeNote, Transition
from bansos_portal.editorial.prepublish import warnings_for
from bansos_portal.editorial.revisions import compare, compare_related, restore
from bansos_portal.editorial.widgets import MarkdownPreviewWidget
from bansos_portal.publishing import Status
from bansos_portal.rich_text import render_markdown

# Fields only a Penyunting may set: they decide what the public sees and when.
PUBLICATION_FIELDS = ["status", "published_at", "unpublish_at", "review_due"]


def _bulk_move(modeladmin, request, queryset, target, done):
    moved = 0
    for obj in queryset:
        if (obj.status, target) in workflow.TRANSITIONS:
            workflow.move(obj, target, user=request.user)
            moved += 1
    skipped = queryset.count() - moved
    level = messages.SUCCESS if moved else messages.WARNING
    text = f"{moved} item {done}."
    if skipped:
        text += f" {skipped} item dilewati karena statusnya tidak cocok."
    modeladmin.message_user(request, text, level)


@admin.action(description="Ajukan untuk ditinjau Penyunting", permissions=["change"])
def submit_for_review(modeladmin, request, queryset):
    _bulk_move(modeladmin, request, queryset, Status.REVIEW, "diajukan untuk ditinjau")


@admin.action(description="Terbitkan yang dipilih", permissions=["publish"])
def publish(modeladmin, request, queryset):
    _bulk_move(modeladmin, request, queryset, Status.PUBLISHED, "sudah terbit")


@admin.action(description="Jadikan draf (tarik dari situs)", permissions=["publish"])
def unpublish(modeladmin, request, queryset):
    _bulk_move(modeladmin, request, queryset.filter(status=Status.PUBLISHED), Status.DRAFT, "ditarik dari situs")


@admin.action(description="Arsipkan yang dipilih", permissions=["publish"])
def archive(modeladmin, request, queryset):
    _bulk_move(modeladmin, request, queryset, Status.ARCHIVED, "diarsipkan")


def _dates_changed(old, new):
    # The form shows whole seconds, so a stored time with microseconds is not a change.
    def seconds(moment):
        return moment.replace(microsecond=0) if moment else None

    return any(seconds(getattr(old, name)) != seconds(getattr(new, name)) for name in ("published_at", "unpublish_at"))


class PublishableAdmin(SimpleHistoryAdmin):
    form = VersionCheckedForm
    actions = [submit_for_review, publish, unpublish, archive]
    list_filter = ["status"]
    readonly_fields = ["created_at", "updated_at", "last_reviewed_at"]
    date_hierarchy = "published_at"
    change_form_template = "admin/editorial/change_form.html"
    object_history_template = "admin/editorial/object_history.html"
    publication_fieldset = (
        "Penerbitan",
        {
            "fields": [
                "status",
                ("published_at", "unpublish_at"),
                ("last_reviewed_at", "review_due"),
                ("created_at", "updated_at"),
                "edit_token",
            ],
            "description": "Ubah status lewat tombol «Alur terbit» di atas, agar tercatat dengan komentar.",
        },
    )

    class Media:
        js = ["django_htmx/htmx-2.min.js", "js/admin_markdown_preview.js"]
        css = {"all": ["css/admin_editorial.css"]}

    # Roles -------------------------------------------------------------------------------------

    def has_publish_permission(self, request):
        return workflow.may_publish(request.user, self.model)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and workflow.may_edit(request.user, obj)

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        if not self.has_publish_permission(request):
            # Editing rows in the list would change live items without review; writers use the form.
            changelist.list_editable = ()
        return changelist

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            fields += PUBLICATION_FIELDS
        return fields

    def save_model(self, request, obj, form, change):
        old_status = form.initial.get("status", obj.status) if change else Status.DRAFT
        dates_changed = change and _dates_changed(type(obj).objects.get(pk=obj.pk), obj)
        if obj.status == Status.PUBLISHED and old_status != Status.PUBLISHED:
            obj.mark_reviewed()
        super().save_model(request, obj, form, change)
        workflow.record_form_change(obj, user=request.user, old_status=old_status, dates_changed=dates_changed)

    # Deletion: never of a published item, and always recorded ----------------------------------

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        live = [f"{obj} — masih terbit: arsipkan dulu" for obj in objs if obj.status == Status.PUBLISHED]
        return deleted, counts, perms_needed, [*protected, *live]

    def delete_model(self, request, obj):
        workflow.record(obj, Transition.Action.DELETED, user=request.user, from_status=obj.status)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            workflow.record(obj, Transition.Action.DELETED, user=request.user, from_status=obj.status)
        super().delete_queryset(request, queryset)

    # Markdown fields get a live preview and the cheat sheet --------------------------------------

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in getattr(self.model, "markdown_fields", ()):
            opts = self.model._meta
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_markdown_preview")
            kwargs["widget"] = MarkdownPreviewWidget(preview_url=f"{url}?field={db_field.name}")
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    # Extra pages -------------------------------------------------------------------------------

    def get_urls(self):
        info = f"{self.model._meta.app_label}_{self.model._meta.model_name}"
        view = self.admin_site.admin_view
        return [
            path("pratinjau-markdown/", view(self.markdown_preview_view), name=f"{info}_markdown_preview"),
            path("<path:object_id>/alur/", view(self.workflow_view), name=f"{info}_workflow"),
            path("<path:object_id>/pratinjau/", view(self.preview_view), name=f"{info}_preview"),
            path("<path:object_id>/tautan-pratinjau/", view(self.preview_link_view), name=f"{info}_preview_link"),
            path("<path:object_id>/revisi/banding/", view(self.compare_view), name=f"{info}_compare"),
            path(
                "<path:object_id>/revisi/<int:history_id>/pulihkan/",
                view(self.restore_view),
                name=f"{info}_restore",
            ),
            *super().get_urls(),
        ]

    def _get_viewable(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404("Item tidak ditemukan.")
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        return obj

    def _context(self, request, obj, title, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": obj,
            "title": title,
            "subtitle": str(obj),
            "change_url": reverse(
                f"admin:{self.model._meta.app_label}_{self.model._meta.model_name}_change", args=[obj.pk]
            ),
            **extra,
        }

    def workflow_view(self, request, object_id):
        obj = self._get_viewable(request, object_id)
        transitions = workflow.available_transitions(request.user, obj)
        warnings = warnings_for(obj)
        form = TransitionForm(request.POST or None, transitions=transitions, warnings=warnings)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                done = workflow.move(
                    obj,
                    data["target"],
                    user=request.user,
                    comment=data["comment"],
                    published_at=data["published_at"],
                    change_note=data["change_note"],
                )
            except (PermissionDenied, ValueError) as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                self.message_user(request, f"{done.get_action_display()}: {obj}.", messages.SUCCESS)
                return HttpResponseRedirect(request.path)
        context = self._context(
            request,
            obj,
            "Alur terbit",
            form=form,
            transitions=transitions,
            warnings=warnings,
            may_publish=self.has_publish_permission(request),
            records=Transition.objects.for_item(obj).select_related("user")[:30],
            change_notes=ChangeNote.objects.for_item(obj),
        )
        return TemplateResponse(request, "admin/editorial/workflow.html", context)

    def preview_view(self, request, object_id):
        return preview.render_preview(request, self._get_viewable(request, object_id))

    def preview_link_view(self, request, object_id):
        obj = self._get_viewable(request, object_id)
        link, expires = preview.make_link(request, obj)
        context = self._context(request, obj, "Tautan pratinjau", link=link, expires=expires)
        return TemplateResponse(request, "admin/editorial/preview_link.html", context)

    def compare_view(self, request, object_id):
        obj = self._get_viewable(request, object_id)
        revisions = obj.history.order_by("-history_date", "-history_id")
        try:
            newer = revisions.get(pk=request.GET["b"]) if "b" in request.GET else revisions[0]
            older = revisions.get(pk=request.GET["a"]) if "a" in request.GET else revisions[1]
        except (IndexError, ValueError, obj.history.model.DoesNotExist):
            self.message_user(request, "Pilih dua revisi yang ada untuk dibandingkan.", messages.WARNING)
            return HttpResponseRedirect(reverse(f"admin:{self._info()}_history", args=[obj.pk]))
        if older.history_date > newer.history_date:
            older, newer = newer, older
        context = self._context(
            request,
            obj,
            "Bandingkan revisi",
            older=older,
            newer=newer,
            rows=compare(older, newer) + compare_related(older, newer),
            may_restore=self.has_change_permission(request, obj),
        )
        return TemplateResponse(request, "admin/editorial/compare.html", context)

    def restore_view(self, request, object_id, history_id):
        if request.method != "POST":
            return HttpResponse("Gunakan tombol Pulihkan di halaman riwayat.", status=405, headers={"Allow": "POST"})
        obj = self._get_viewable(request, object_id)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        record = get_object_or_404(obj.history.all(), pk=history_id)
        restore(obj, record, user=request.user)
        workflow.record(
            obj,
            Transition.Action.RESTORED,
            user=request.user,
            from_status=obj.status,
            comment=f"Revisi {record.history_date:%d-%m-%Y %H:%M}",
        )
        self.message_user(request, "Revisi dipulihkan sebagai revisi baru. Periksa lalu ajukan atau terbitkan.")
        return HttpResponseRedirect(reverse(f"admin:{self._info()}_change", args=[obj.pk]))

    @staticmethod
    def _markdown_text(request):
        return request.POST.get(request.GET.get("field", ""), "")

    def markdown_preview_view(self, request):
        if request.method != "POST":
            return HttpResponse(status=405, headers={"Allow": "POST"})
        if not (self.has_change_permission(request) or self.has_add_permission(request)):
            raise PermissionDenied
        html = render_markdown(self._markdown_text(request)) or "<p><em>Belum ada isi.</em></p>"
        return HttpResponse(html)

    def _info(self):
        return f"{self.model._meta.app_label}_{self.model._meta.model_name}"

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        may_restore = obj is not None and self.has_change_permission(request, obj)
        return super().history_view(request, object_id, {"may_restore": may_restore, **(extra_context or {})})

    # The library's own "revert" form would save an old version over a newer one; restore instead.
    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        return HttpResponseRedirect(reverse(f"admin:{self._info()}_history", args=[unquote(object_id)]))


class SourceInline(admin.TabularInline):
    """Sources under the item they support; the model is set by each app."""

    extra = 0
    fields = ["title", "url", "order"]
