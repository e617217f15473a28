"""Proposals in the admin: «Usulkan perubahan» on a live item, «Bandingkan dengan yang terbit» and
«Buang usulan» on its copy, and proposals kept out of the lists and choices of live content."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist, PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from bansos_portal.editorial import proposals
from bansos_portal.editorial.comparison import compare, row_kinds
from bansos_portal.editorial.revision_admin import RevisionAdmin
from bansos_portal.editorial.revisions import when
from bansos_portal.editorial.workflow import is_proposal

PROPOSALS_ONLY = "ya"


class ProposalFilter(admin.SimpleListFilter):
    """Lists show live content and drafts by default; proposals only when asked for."""

    title = "usulan perubahan"
    parameter_name = "usulan"

    def lookups(self, request, model_admin):
        return [(PROPOSALS_ONLY, "Usulan perubahan")]

    def choices(self, changelist):
        yield {
            "selected": self.value() != PROPOSALS_ONLY,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": "Tanpa usulan perubahan",
        }
        yield {
            "selected": self.value() == PROPOSALS_ONLY,
            "query_string": changelist.get_query_string({self.parameter_name: PROPOSALS_ONLY}),
            "display": "Usulan perubahan",
        }

    def queryset(self, request, queryset):
        return queryset.filter(proposal_for__isnull=self.value() != PROPOSALS_ONLY)


def without_proposals(model):
    """A choice list of `model` with no proposals in it, or None when the model has none."""
    if not any(field.name == "proposal_for" for field in model._meta.fields):
        return None
    return model._default_manager.filter(proposal_for__isnull=True)


class ProposalAdmin(RevisionAdmin):
    """The proposal pages and rules of PublishableAdmin."""

    def get_urls(self):
        info, view = self._info(), self.admin_site.admin_view
        return [
            path("<path:object_id>/usulkan/", view(self.propose_view), name=f"{info}_propose"),
            path("<path:object_id>/bandingkan-terbit/", view(self.compare_live_view), name=f"{info}_compare_live"),
            path("<path:object_id>/buang-usulan/", view(self.discard_view), name=f"{info}_discard"),
            *super().get_urls(),
        ]

    def _url(self, view, obj):
        return reverse(f"admin:{self._info()}_{view}", args=[obj.pk])

    def proposal_context(self, request, obj):
        """What the item's pages say and offer about proposals: on a live item its open proposal (or the
        button to make one), on a proposal the live item it would change."""
        if is_proposal(obj):
            return {
                "proposal_for": obj.proposal_for,
                "compare_live_url": self._url("compare_live", obj),
                "discard_url": self._url("discard", obj),
                "may_discard": proposals.may_discard(request.user, obj),
            }
        if proposals.is_live(obj):
            return {
                "is_live": True,
                "open_proposal": proposals.open_proposal(obj),
                "propose_url": self._url("propose", obj),
                "may_propose": self.has_change_permission(request),
            }
        return {}

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        context = self.proposal_context(request, obj) if obj else {}
        return super().change_view(request, object_id, form_url, {**context, **(extra_context or {})})

    def response_post_save_change(self, request, obj):
        # The list hides proposals: after «Simpan» the writer sees what the proposal now changes.
        if is_proposal(obj):
            return HttpResponseRedirect(self._url("compare_live", obj))
        return super().response_post_save_change(request, obj)

    def get_view_on_site_url(self, obj=None):
        # A proposal has no public address of its own; «Pratinjau» shows it.
        return None if is_proposal(obj) else super().get_view_on_site_url(obj)

    # Lists and choices -------------------------------------------------------------------------

    def get_list_select_related(self, request):
        """The list's own joins plus the proposal column's. Django joins the foreign keys shown in the
        list by itself only when no join is named at all, so those are named here too."""
        chosen = super().get_list_select_related(request)
        if chosen is True:
            return True
        shown = chosen or [name for name in self.get_list_display(request) if self._is_foreign_key(name)]
        return [*shown, "proposal", "proposal_for"]

    def _is_foreign_key(self, name):
        try:
            return self.model._meta.get_field(name).many_to_one
        except FieldDoesNotExist:
            return False

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), ProposalFilter]

    def get_list_display(self, request):
        return [*super().get_list_display(request), "proposal_column"]

    @admin.display(description="usulan")
    def proposal_column(self, obj):
        if is_proposal(obj):
            return format_html('untuk <a href="{}">{}</a>', self._url("change", obj.proposal_for), obj.proposal_for)
        try:
            proposal = obj.proposal
        except ObjectDoesNotExist:
            return "—"
        return format_html('<a href="{}">Ada usulan</a>', self._url("compare_live", proposal))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if (choices := without_proposals(db_field.related_model)) is not None:
            kwargs.setdefault("queryset", choices)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if (choices := without_proposals(db_field.related_model)) is not None:
            kwargs.setdefault("queryset", choices)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_search_results(self, request, queryset, search_term):
        # Autocomplete (e.g. «pengganti», «pertanyaan terkait») offers live content only.
        if request.resolver_match and request.resolver_match.url_name == "autocomplete":
            queryset = queryset.filter(proposal_for__isnull=True)
        return super().get_search_results(request, queryset, search_term)

    # Restoring a revision of a live item goes into its proposal --------------------------------

    def may_restore(self, request, obj):
        if proposals.is_live(obj):
            return self.has_change_permission(request)
        return super().may_restore(request, obj)

    def restore_revision(self, request, obj, revision):
        if proposals.is_live(obj):
            obj, _ = proposals.propose(obj, user=request.user)
        return super().restore_revision(request, obj, revision)

    def restore_target(self, obj):
        return (proposals.open_proposal(obj) or obj) if proposals.is_live(obj) else obj

    def restore_outcome_text(self, obj):
        if not proposals.is_live(obj):
            return super().restore_outcome_text(obj)
        if proposals.open_proposal(obj):
            return (
                "Halaman ini sedang terbit dan sudah punya usulan perubahan: isi usulan itu (dan baris di dalam "
                "formulirnya) diganti dengan isi revisi ini. Halaman publik tidak berubah sampai usulan diterbitkan."
            )
        return (
            "Halaman ini sedang terbit: isi revisi ini (dan baris di dalam formulirnya) masuk ke usulan perubahan "
            "baru. Halaman publik tidak berubah sampai Penyunting menerbitkan usulan itu."
        )

    def restored_text(self, obj, target, revision):
        if target == obj:
            return super().restored_text(obj, target, revision)
        return (
            f"Revisi {when(revision)} dipulihkan ke usulan perubahan, baris di dalam formulirnya juga. "
            "Halaman yang terbit belum berubah: periksa usulan ini lalu ajukan atau terbitkan."
        )

    def kept_on_restore(self, obj):
        return {"slug"} if is_proposal(obj) else set()

    # Pages ---------------------------------------------------------------------------------------

    def propose_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponse("Gunakan tombol «Usulkan perubahan».", status=405, headers={"Allow": "POST"})
        live = self._get_viewable(request, object_id)
        if not self.has_change_permission(request):
            raise PermissionDenied
        try:
            proposal, made = proposals.propose(live, user=request.user)
        except ValueError as error:
            self.message_user(request, str(error), messages.WARNING)
            return HttpResponseRedirect(self._url("change", live))
        if made:
            self.message_user(request, "Usulan perubahan dibuat. Sunting di sini; halaman publik belum berubah.")
        else:
            self.message_user(request, "Item ini sudah punya usulan perubahan: lanjutkan yang ini.", messages.WARNING)
        return HttpResponseRedirect(self._url("change", proposal))

    def compare_live_view(self, request, object_id):
        proposal = self._get_viewable(request, object_id)
        if not is_proposal(proposal):
            self.message_user(request, "Item ini bukan usulan perubahan.", messages.WARNING)
            return HttpResponseRedirect(self._url("change", proposal))
        everything = request.GET.get("semua") == "1"
        rows = compare(
            proposal.proposal_for, proposal, row_kinds(self.model, self.money_columns()), everything=everything
        )
        form = self.transition_form(request, proposal, data=None)
        context = self._context(
            request,
            proposal,
            "Bandingkan dengan yang terbit",
            rows=rows,
            everything=everything,
            **self.workflow_context(request, proposal, form),
        )
        return TemplateResponse(request, "admin/editorial/proposal_compare.html", context)

    def money_columns(self):
        """The rupiah columns of each kind of row, as the form's inlines declare them."""
        return {inline.model: set(getattr(inline, "rupiah_fields", ())) for inline in self.inlines}

    def discard_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponse("Gunakan tombol «Buang usulan».", status=405, headers={"Allow": "POST"})
        proposal = self._get_viewable(request, object_id)
        if not is_proposal(proposal):
            self.message_user(request, "Item ini bukan usulan perubahan.", messages.WARNING)
            return HttpResponseRedirect(self._url("change", proposal))
        live = proposal.proposal_for
        proposals.discard(proposal, user=request.user, comment=request.POST.get("comment", "").strip())
        self.message_user(request, "Usulan perubahan dibuang. Halaman yang terbit tetap seperti semula.")
        return HttpResponseRedirect(self._url("change", live))
