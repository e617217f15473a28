"""Revisions in the admin: the history list, two revisions side by side, and a recorded restore.

`RevisionAdmin` serves every model with django-simple-history; `AuditedAdmin` adds the audit line
for what the public sees the moment it is saved (budget figures, FAQ categories)."""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from simple_history.admin import SimpleHistoryAdmin

from bansos_portal.editorial import workflow
from bansos_portal.editorial.admin_access import permitted_object
from bansos_portal.editorial.revisions import (
    compare,
    compare_related,
    related_histories,
    restore,
    restore_changes,
    when,
)

Action = workflow.Action


class RevisionAdmin(SimpleHistoryAdmin):
    object_history_template = "admin/editorial/object_history.html"
    restored_message = (
        "Revisi {when} dipulihkan sebagai revisi baru, baris di dalam formulirnya juga. Statusnya tetap «{status}»: "
        "periksa lalu ajukan atau terbitkan."
    )
    restore_outcome = "Isi item ini (dan baris di dalam formulirnya) diganti dengan isi revisi itu, jadi revisi baru."

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<path:object_id>/revisi/banding/", view(self.compare_view), name=f"{self._info()}_compare"),
            path(
                "<path:object_id>/revisi/<int:history_id>/pulihkan/",
                view(self.restore_view),
                name=f"{self._info()}_restore",
            ),
            *super().get_urls(),
        ]

    def _info(self):
        return f"{self.model._meta.app_label}_{self.model._meta.model_name}"

    def _get_viewable(self, request, object_id):
        return permitted_object(self, request, object_id, self.has_view_or_change_permission, "Item tidak ditemukan.")

    def _context(self, request, obj, title, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": obj,
            "title": title,
            "subtitle": str(obj),
            "change_url": reverse(f"admin:{self._info()}_change", args=[obj.pk]),
            **extra,
        }

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
            may_restore=self.may_restore(request, obj),
        )
        return TemplateResponse(request, "admin/editorial/compare.html", context)

    def restore_view(self, request, object_id, history_id):
        """GET shows what restoring the revision would change; only the POST of that page restores."""
        obj = self._get_viewable(request, object_id)
        if not self.may_restore(request, obj):
            raise PermissionDenied
        revision = get_object_or_404(obj.history.all(), pk=history_id)
        if request.method != "POST":
            return self.restore_confirmation(request, obj, revision)
        target = self.restore_revision(request, obj, revision)
        self.message_user(request, self.restored_text(obj, target, revision))
        return HttpResponseRedirect(reverse(f"admin:{self._info()}_change", args=[target.pk]))

    def restore_confirmation(self, request, obj, revision):
        target = self.restore_target(obj)
        current = target.history.order_by("-history_date", "-history_id").first()
        changes = restore_changes(current, revision, keep=self.kept_on_restore(target), rows=self.restored_rows())
        context = self._context(
            request,
            obj,
            f"Pulihkan revisi {when(revision)}?",
            revision=revision,
            changes=changes,
            outcome=self.restore_outcome_text(obj),
            history_url=reverse(f"admin:{self._info()}_history", args=[obj.pk]),
        )
        return TemplateResponse(request, "admin/editorial/restore_confirm.html", context)

    def restore_target(self, obj):
        """The item a restore would change (a live item's changes go to its proposal)."""
        return obj

    def restore_outcome_text(self, obj):
        return self.restore_outcome

    def restored_text(self, obj, target, revision):
        status = target.get_status_display() if hasattr(target, "get_status_display") else ""
        return self.restored_message.format(when=when(revision), status=status)

    def restored_rows(self):
        """The kinds of row edited inside this admin's form: they are restored with the item."""
        inline_models = {inline.model for inline in self.inlines}
        return [rel for rel in related_histories(self.model) if rel.related_model in inline_models]

    def may_restore(self, request, obj):
        return self.has_change_permission(request, obj)

    def kept_on_restore(self, obj):
        """Fields a restore leaves as they are on this item."""
        return set()

    def restore_revision(self, request, obj, revision):
        """Restore the revision's content; returns the item it went to."""
        restore(obj, revision, user=request.user, keep=self.kept_on_restore(obj), rows=self.restored_rows())
        workflow.record(
            obj, Action.RESTORED, user=request.user, from_status=obj.status, comment=f"Revisi {when(revision)}"
        )
        return obj

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        may_restore = obj is not None and self.may_restore(request, obj)
        return super().history_view(request, object_id, {"may_restore": may_restore, **(extra_context or {})})

    # The library's own "revert" form would save an old version over a newer one; restore instead.
    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        return HttpResponseRedirect(reverse(f"admin:{self._info()}_history", args=[unquote(object_id)]))


class AuditedAdmin(RevisionAdmin):
    """For what has no draft, so that a save is public at once: only a Penyunting changes it (roles.py),
    and every add, change, delete and restore is in the audit with who, when and what changed."""

    restored_message = "Revisi {when} dipulihkan sebagai revisi baru; situs langsung menampilkannya."
    restore_outcome = "Isi revisi itu menjadi revisi baru dan situs langsung menampilkannya (tidak ada draf)."

    def save_model(self, request, obj, form, change):
        self.before_edit(request, obj)
        super().save_model(request, obj, form, change)
        workflow.record_edit(obj, Action.CHANGED if change else Action.ADDED, user=request.user)

    def delete_model(self, request, obj):
        self.before_edit(request, obj)
        workflow.record_edit(obj, Action.DELETED, user=request.user)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.before_edit(request, obj)
            workflow.record_edit(obj, Action.DELETED, user=request.user)
        super().delete_queryset(request, queryset)

    def restore_revision(self, request, obj, revision):
        self.before_edit(request, obj)
        restore(obj, revision, user=request.user, rows=self.restored_rows())
        note = f"Revisi {when(revision)}"
        workflow.record_edit(obj, Action.RESTORED, user=request.user, note=note)
        return obj

    def before_edit(self, request, obj):
        """Called before each write, e.g. to give the page the row belongs to a new version."""


def record_inline_edits(formset, *, user):
    """Saves an inline formset and records each row it adds, changes or deletes, like `AuditedAdmin`."""
    for form in formset.deleted_forms:
        if form.instance.pk:
            workflow.record_edit(form.instance, Action.DELETED, user=user)
    formset.save()
    for obj in formset.new_objects:
        workflow.record_edit(obj, Action.ADDED, user=user)
    for obj, _ in formset.changed_objects:
        workflow.record_edit(obj, Action.CHANGED, user=user)
