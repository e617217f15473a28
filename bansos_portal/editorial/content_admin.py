"""The admin of every content model: programs with their amounts, budgets and sources; FAQ categories,
questions and hoax clarifications. Publishable items share the editorial admin (roles, workflow,
revisions, previews); it lives in this wing so the content apps import nothing of the site."""

from django.contrib import admin
from django.db.models import Q

from bansos_portal.editorial import workflow
from bansos_portal.editorial.fact_check_admin import QuickClarificationAdmin
from bansos_portal.editorial.money import SMALLEST_BENEFIT, RupiahAdmin
from bansos_portal.editorial.proposal_admin import without_proposals
from bansos_portal.editorial.publishable_admin import FollowsItemInline, PublishableAdmin, SourceInline
from bansos_portal.editorial.revision_admin import AuditedAdmin, record_inline_edits
from bansos_portal.publishing import Status
from faq.models import Category, Clarification, ClarificationSource, Question
from programs.models import BenefitComponent, Budget, Program, ProgramSource, SharedStep


class BenefitComponentInline(FollowsItemInline, RupiahAdmin, admin.TabularInline):
    model = BenefitComponent
    rupiah_fields = {"amount": SMALLEST_BENEFIT}
    extra = 0
    fields = ["name", "amount", "period", "year", "note", "order"]


class BudgetInline(RupiahAdmin, admin.TabularInline):
    """A program's figures are part of its page, so they follow the program's rule rather than the
    budget permissions (which a Penulis lacks): editable while the program is a draft or in review
    (a proposal included), and on a live program by nobody: they change through its proposal."""

    model = Budget
    rupiah_fields = {"allocation": 0, "realisation": 0}
    extra = 0
    fields = ["year", "label", "allocation", "realisation", "beneficiaries", "source", "source_url"]

    def get_queryset(self, request):
        # Each row is titled with its program's name: one join, not one query per row.
        return super().get_queryset(request).select_related("program")

    def _edits_program(self, request, program):
        action = "change" if program else "add"
        may_open = request.user.has_perm(f"programs.{action}_program")
        return may_open and workflow.may_edit(request.user, program)

    def has_add_permission(self, request, obj):
        return self._edits_program(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._edits_program(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._edits_program(request, obj)


class ProgramSourceInline(SourceInline):
    model = ProgramSource


@admin.register(Program)
class ProgramAdmin(PublishableAdmin):
    list_display = ["name", "acronym", "status", "published_at", "updated_at", "order"]
    list_editable = ["order"]
    list_filter = ["status", "agency"]
    search_fields = ["name", "acronym", "summary", "slug"]
    prepopulated_fields = {"slug": ["acronym"]}
    autocomplete_fields = ["successor"]
    filter_horizontal = ["shared_steps"]
    inlines = [BenefitComponentInline, BudgetInline, ProgramSourceInline]
    fieldsets = [
        (None, {"fields": ["name", "acronym", "slug", "agency", "summary", "order"]}),
        (
            "Jawaban singkat di atas halaman",
            {
                "description": "Lima jawaban satu kalimat dan tombol cek status: yang pertama dilihat warga di ponsel.",
                "fields": [
                    "answer_eligibility",
                    "answer_amount",
                    "answer_registration",
                    "answer_payment",
                    "answer_complaints",
                    "status_check_url",
                    "status_check_label",
                ],
            },
        ),
        (
            "Isi halaman (Markdown)",
            {
                "fields": [
                    "description",
                    "eligibility",
                    "benefits",
                    "preparation",
                    "registration",
                    "after_proposal",
                    "disbursement",
                    "objection",
                    "complaints",
                    "regional_role",
                    "legal_basis",
                ]
            },
        ),
        ("Langkah bersama", {"fields": ["shared_steps"]}),
        PublishableAdmin.publication_fieldset,
        ("Bila diarsipkan", {"fields": ["successor"]}),
    ]

    def save_formset(self, request, form, formset, change):
        if formset.model is Budget:
            # Figures go public with the program: each row's add, change and delete is in the audit.
            record_inline_edits(formset, user=request.user)
        else:
            super().save_formset(request, form, formset, change)


@admin.register(SharedStep)
class SharedStepAdmin(AuditedAdmin):
    list_display = ["title", "placement", "order"]
    list_filter = ["placement"]
    search_fields = ["title", "body", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    fields = ["title", "slug", "placement", "body", "order"]


@admin.register(Budget)
class BudgetAdmin(RupiahAdmin, AuditedAdmin):
    rupiah_fields = {"allocation": 0, "realisation": 0}
    list_display = ["year", "program", "label", "allocation", "beneficiaries", "source"]
    list_filter = ["year", "label", "program"]
    search_fields = ["source", "program__name", "program__acronym"]
    list_select_related = ["program"]
    ordering = ["-year", "program__order"]

    def get_queryset(self, request):
        # A proposal's figures are edited in the proposal's form and are no one's public figures yet.
        return super().get_queryset(request).filter(Q(program__isnull=True) | Q(program__proposal_for__isnull=True))

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not _of_live_program(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not _of_live_program(obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "program":
            # A live program's figures change only through its reviewed proposal.
            kwargs["queryset"] = without_proposals(Program).exclude(status=Status.PUBLISHED)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def before_edit(self, request, obj):
        # The program's page shows its figures: the program gets a new version first, so an editor
        # holding its form or «Alur terbit» open is told, and its history compares the figures.
        if obj.program_id:
            program = Program.objects.get(pk=obj.program_id)
            program._change_reason = "Anggaran diubah"
            program.save()


def _of_live_program(budget):
    return budget is not None and budget.program_id is not None and budget.program.status == Status.PUBLISHED


@admin.register(Category)
class CategoryAdmin(AuditedAdmin):
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
    # A search box, not the two-list picker: that one's JavaScript strings stay in English under the CSP.
    autocomplete_fields = ["related", "successor", "programs"]
    fieldsets = [
        (None, {"fields": ["question", "slug", "category", "answer", "programs", "related", "order"]}),
        PublishableAdmin.publication_fieldset,
        ("Bila diarsipkan", {"fields": ["successor"]}),
    ]


class ClarificationSourceInline(SourceInline):
    model = ClarificationSource


@admin.register(Clarification)
class ClarificationAdmin(QuickClarificationAdmin, PublishableAdmin):
    list_display = ["__str__", "verdict", "date", "status", "published_at"]
    list_filter = ["status", "verdict", "programs"]
    search_fields = ["correction", "claim", "explanation", "slug"]
    # The address comes from the correction: the hoax's words must never become a ministry address.
    prepopulated_fields = {"slug": ["correction"]}
    autocomplete_fields = ["successor", "programs"]
    inlines = [ClarificationSourceInline]
    fieldsets = [
        (None, {"fields": ["claim", "slug", "verdict", "correction", "date", "explanation", "programs"]}),
        PublishableAdmin.publication_fieldset,
        ("Bila diarsipkan", {"fields": ["successor"]}),
    ]
