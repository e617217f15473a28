"""What every publishable item's admin shares: roles enforced on the server, explicit state changes,
revisions with diff and restore, previews, no lost edits and a live Markdown preview."""

from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from bansos_portal.editorial import preview, proposals, workflow
from bansos_portal.editorial.concurrency import VersionCheckedForm, version_token
from bansos_portal.editorial.forms import TransitionForm
from bansos_portal.editorial.models import ChangeNote, Transition
from bansos_portal.editorial.prepublish import warnings_for
from bansos_portal.editorial.proposal_admin import ProposalAdmin
from bansos_portal.editorial.widgets import MarkdownPreviewWidget, ScheduleWidget
from bansos_portal.publishing import Status
from bansos_portal.rich_text import render_markdown

# Fields only a Penyunting may set: they decide what the public sees and when.
PUBLICATION_FIELDS = ["status", "published_at", "unpublish_at", "review_due"]
# All a live item's own form still changes (for a Penyunting): its address, its publication and what
# replaces it once archived. Its content changes through a proposal, so the page stays as reviewed.
LIVE_FORM_FIELDS = ["slug", *PUBLICATION_FIELDS, "successor", "edit_token"]


def _bulk_move(modeladmin, request, queryset, target, done):
    moved = 0
    for obj in queryset:
        if workflow.can_move(obj, target):
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


def sentence(text):
    """Ends `text` with a full stop unless it already ends a sentence (a question's title ends in «?»)."""
    return text if text.rstrip().endswith((".", "?", "!", "…")) else f"{text}."


def _dates_changed(old, new):
    # The form shows whole seconds, so a stored time with microseconds is not a change.
    def seconds(moment):
        return moment.replace(microsecond=0) if moment else None

    return any(seconds(getattr(old, name)) != seconds(getattr(new, name)) for name in ("published_at", "unpublish_at"))


class PublishableAdmin(ProposalAdmin):
    form = VersionCheckedForm
    # Bulk actions show no version of the items, so they carry none: a Penyunting uses them on the
    # list's own state (e.g. archiving many old items), and each item's move is still recorded.
    actions = [submit_for_review, publish, unpublish, archive]
    list_filter = ["status"]
    readonly_fields = ["created_at", "updated_at", "last_reviewed_at"]
    date_hierarchy = "published_at"
    change_form_template = "admin/editorial/change_form.html"
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
        return super().has_change_permission(request, obj) and workflow.may_open_form(request.user, obj)

    def get_list_display(self, request):
        # A scheduled item is not on the site yet: the list says so instead of «Terbit».
        return ["status_column" if name == "status" else name for name in super().get_list_display(request)]

    @admin.display(description="status", ordering="status")
    def status_column(self, obj):
        return workflow.status_label(obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        context = {"status_label": workflow.status_label(obj)} if obj else {}
        return super().change_view(request, object_id, form_url, {**context, **(extra_context or {})})

    def get_view_on_site_url(self, obj=None):
        # «Lihat di situs» only once the page is public; until then the public address answers 404.
        if obj is not None and not obj.is_published():
            return None
        return super().get_view_on_site_url(obj)

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
        if obj is not None and proposals.is_live(obj):
            fields += [
                name for name in flatten_fieldsets(self.get_fieldsets(request, obj)) if name not in LIVE_FORM_FIELDS
            ]
        elif workflow.is_proposal(obj):
            # The live page's address never changes through a proposal; its state moves on «Alur terbit».
            fields += ["slug", *PUBLICATION_FIELDS, "successor"]
        return list(dict.fromkeys(fields))

    def get_prepopulated_fields(self, request, obj=None):
        # A slug filled in from the title only while the item has no address of its own.
        if obj is not None and (proposals.is_live(obj) or workflow.is_proposal(obj)):
            return {}
        return super().get_prepopulated_fields(request, obj)

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
        if isinstance(db_field, models.DateTimeField):
            kwargs["widget"] = ScheduleWidget
        if db_field.name in getattr(self.model, "markdown_fields", ()):
            opts = self.model._meta
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_markdown_preview")
            kwargs["widget"] = MarkdownPreviewWidget(preview_url=f"{url}?field={db_field.name}")
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    # Extra pages -------------------------------------------------------------------------------

    def get_urls(self):
        info = self._info()
        view = self.admin_site.admin_view
        return [
            path("pratinjau-markdown/", view(self.markdown_preview_view), name=f"{info}_markdown_preview"),
            path("<path:object_id>/alur/", view(self.workflow_view), name=f"{info}_workflow"),
            path("<path:object_id>/pratinjau/", view(self.preview_view), name=f"{info}_preview"),
            path("<path:object_id>/tautan-pratinjau/", view(self.preview_link_view), name=f"{info}_preview_link"),
            *super().get_urls(),
        ]

    def workflow_view(self, request, object_id):
        obj = self._get_viewable(request, object_id)
        form = self.transition_form(request, obj, data=request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                done, item = self.apply_move(request, obj, form.cleaned_data)
            except (PermissionDenied, ValueError) as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                self.message_user(request, sentence(f"{done.get_action_display()}: {item}"), messages.SUCCESS)
                return HttpResponseRedirect(self._url("workflow", item))
        context = self._context(request, obj, "Alur terbit", **self.workflow_context(request, obj, form))
        return TemplateResponse(request, "admin/editorial/workflow.html", context)

    def transition_form(self, request, obj, *, data):
        transitions = workflow.available_transitions(request.user, obj)
        live = obj.proposal_for if workflow.is_proposal(obj) else None
        return TransitionForm(data, transitions=transitions, warnings=warnings_for(obj), item=obj, live=live)

    def apply_move(self, request, obj, data):
        """Make the move; returns the Transition recorded and the item to go on with (the live item, once
        its proposal is published)."""
        if workflow.is_proposal(obj) and data["target"] == Status.PUBLISHED:
            live = obj.proposal_for
            fields = {name: data[name] for name in ("comment", "change_note", "live_seen")}
            return proposals.publish(obj, user=request.user, **fields), live
        fields = {name: data[name] for name in ("comment", "published_at", "change_note")}
        return workflow.move(obj, data["target"], user=request.user, **fields), obj

    def workflow_context(self, request, obj, form):
        transitions = form.fields["target"].choices
        return {
            "form": form,
            "status_label": workflow.status_label(obj),
            "transitions": transitions,
            "warnings": form.warnings,
            # The version shown now: after a refusal the editor has seen what changed, and may go on.
            "version": version_token(obj),
            "live_seen": form.live_shown,
            "may_publish": self.has_publish_permission(request),
            "offers_publish": any(target == Status.PUBLISHED for target, _ in transitions),
            "records": Transition.objects.for_item(obj).select_related("user")[:30],
            "change_notes": ChangeNote.objects.for_item(obj),
            **self.proposal_context(request, obj),
        }

    def preview_view(self, request, object_id):
        return preview.render_preview(request, self._get_viewable(request, object_id))

    def preview_link_view(self, request, object_id):
        obj = self._get_viewable(request, object_id)
        if request.method == "POST":
            preview.revoke_links(obj, user=request.user)
            self.message_user(request, "Semua tautan pratinjau item ini dicabut. Tautan di bawah ini yang baru.")
            return HttpResponseRedirect(request.path)
        link, expires = preview.make_link(request, obj)
        context = self._context(request, obj, "Tautan pratinjau", link=link, expires=expires)
        return TemplateResponse(request, "admin/editorial/preview_link.html", context)

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


class FollowsItemInline:
    """Rows inside an item's form change with the item: not on a live item (its proposal carries them)."""

    def has_add_permission(self, request, obj):
        return super().has_add_permission(request, obj) and workflow.may_edit(request.user, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and workflow.may_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and workflow.may_edit(request.user, obj)


class SourceInline(FollowsItemInline, admin.TabularInline):
    """Sources under the item they support; the model is set by each app."""

    extra = 0
    fields = ["title", "url", "order"]
