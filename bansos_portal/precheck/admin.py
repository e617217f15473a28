"""Humas' side of «Cek bantuan»: rules as content (draft → review → publish, with revisions), and example
households that show, before a rule is published, whose result it would change."""

from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.utils.html import format_html_join

from bansos_portal.editorial.publishable_admin import PublishableAdmin, archive, submit_for_review, unpublish
from bansos_portal.formatting import rupiah

from . import examples
from .models import ExampleHousehold, ProgramRule
from .rules import VERDICT_LABELS


def describe(outcome):
    """An example's result for one program as a sentence fragment: «Mungkin sesuai, Rp2.400.000»."""
    if outcome is None:
        return "tidak dihitung (aturan belum terbit)"
    verdict, amount = outcome
    label = VERDICT_LABELS.get(verdict, verdict)
    return label if amount is None else f"{label}, {rupiah(amount)}"


def change_warnings(rule):
    return [
        f"Contoh «{example}» berubah: {describe(before)} menjadi {describe(after)}."
        for example, before, after in examples.changed_examples(rule)
    ]


@admin.register(ProgramRule)
class ProgramRuleAdmin(PublishableAdmin):
    # No bulk «Terbitkan»: a rule is published on its «Alur terbit» page, where changed examples are shown.
    actions = [submit_for_review, unpublish, archive]
    list_display = ["__str__", "program", "status", "min_decile", "max_decile", "max_counted_members", "updated_at"]
    list_filter = ["status", "program"]
    search_fields = ["slug", "program__name", "program__acronym", "note"]
    change_form_template = "admin/precheck/programrule/change_form.html"
    fieldsets = [
        (None, {"fields": ["program", "slug"]}),
        (
            "Siapa yang sesuai",
            {
                "fields": [
                    "member_components",
                    "requires_member",
                    "dtsen_required",
                    ("min_decile", "max_decile"),
                    "requires_uninhabitable_house",
                    "needs_assessment",
                ]
            },
        ),
        ("Besaran", {"fields": ["max_counted_members", "year", ("payment_period", "stages_per_year")]}),
        ("Langkah berikutnya", {"fields": [("check_label", "check_url"), "documents", "note"]}),
        PublishableAdmin.publication_fieldset,
    ]

    def get_readonly_fields(self, request, obj=None):
        # Status moves only on «Alur terbit», where an example that would change must be confirmed.
        return list(dict.fromkeys([*super().get_readonly_fields(request, obj), "status"]))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        context = {"changed_examples": change_warnings(obj) if obj else []}
        return super().change_view(request, object_id, form_url, {**context, **(extra_context or {})})

    def transition_form(self, request, obj, *, data):
        form = super().transition_form(request, obj, data=data)
        # Publishing over a changed example needs the form's «Saya sudah membaca peringatan» box.
        form.warnings = [*form.warnings, *change_warnings(obj)]
        return form

    def preview_view(self, request, object_id):
        obj = self._get_viewable(request, object_id)
        self.message_user(
            request, "Aturan tidak punya halaman sendiri: lihat contoh keluarga yang berubah di sini.", messages.INFO
        )
        return HttpResponseRedirect(self._url("change", obj))

    preview_link_view = preview_view


@admin.register(ExampleHousehold)
class ExampleHouseholdAdmin(admin.ModelAdmin):
    list_display = ["name", "result_column"]
    search_fields = ["name", "note"]
    readonly_fields = ["current_result"]
    fields = ["name", "answers", "expected", "note", "current_result"]

    def changelist_view(self, request, extra_context=None):
        self._published = list(ProgramRule.objects.for_precheck())
        return super().changelist_view(request, extra_context)

    def _rules(self):
        return getattr(self, "_published", None) or list(ProgramRule.objects.for_precheck())

    @admin.display(description="hasil dengan aturan yang terbit")
    def result_column(self, obj):
        found = examples.mismatches(obj, self._rules())
        return "Sesuai harapan" if not found else f"Berbeda: {', '.join(slug for slug, _, _ in found)}"

    @admin.display(description="hasil sekarang")
    def current_result(self, obj):
        if not obj.pk:
            return "—"
        found = examples.mismatches(obj, list(ProgramRule.objects.for_precheck()))
        if not found:
            return "Semua program sesuai harapan."
        return format_html_join(
            "\n",
            "<p>{}: diharapkan {}, hasilnya {}.</p>",
            ((slug, describe(expected), describe(actual)) for slug, expected, actual in found),
        )
