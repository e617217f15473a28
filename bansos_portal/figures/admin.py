"""Figures in the admin. A figure in force changes every page citing it the moment it is saved, so, as for
other content, a Penulis adds figures and edits those not yet in force, and proposes a change to one in
force (the «usulan» fields); only a Penyunting (publish_figure) puts a figure in force, applies a proposal,
changes or deletes a figure in force. Every save is in the audit, and each figure's page lists the items
citing it."""

from django import forms
from django.contrib import admin, messages
from django.db.models import Prefetch, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from bansos_portal.editorial import workflow
from bansos_portal.editorial.revision_admin import AuditedAdmin
from programs.models import Budget

from .citations import citation, display_text
from .citing import citing_items
from .models import Figure, FigureOperand

PROPOSAL_FIELDS = ["proposed_value", "proposed_source_title", "proposed_source_url", "proposal_note"]
ALWAYS_READ_ONLY = ["cited_as", "shown_as", "cited_in", "verified_by", "verified_at", "updated_at"]


def may_publish(request):
    return workflow.may_publish(request.user, Figure)


class FigureForm(forms.ModelForm):
    class Meta:
        model = Figure
        fields = [
            *("name", "label", "value", "component", "budget", "budget_field", "formula", "unit", "per", "kind"),
            *("year", "starts_on", "ends_on", "source_title", "source_url", "is_published", *PROPOSAL_FIELDS),
        ]

    def clean_name(self):
        # Renaming a cited figure would turn every citation of it into a «not found» marker.
        name = self.cleaned_data["name"]
        old = self.instance.name if self.instance.pk else None
        if old and name != old and citing_items([old]):
            raise forms.ValidationError(
                f"Angka ini sudah dikutip sebagai {citation(old)}: namanya tidak bisa diubah. "
                "Buat angka baru bila perlu nama lain."
            )
        return name


class FigureOperandInline(admin.TabularInline):
    model = FigureOperand
    fk_name = "figure"
    extra = 0
    fields = ["operand", "position"]
    autocomplete_fields = ["operand"]
    verbose_name_plural = "angka asal (untuk angka yang dihitung)"

    def _may_edit(self, request, obj):
        return obj is None or not obj.is_published or may_publish(request)

    def has_add_permission(self, request, obj):
        return super().has_add_permission(request, obj) and self._may_edit(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._may_edit(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._may_edit(request, obj)


@admin.action(description="Berlakukan dan tandai sudah diperiksa hari ini", permissions=["publish"])
def put_in_force(modeladmin, request, queryset):
    for figure in queryset:
        figure.is_published = True
        _mark_verified(figure, request)
        figure.save()
    modeladmin.message_user(request, f"{queryset.count()} angka berlaku; halaman yang mengutipnya diperbarui.")


@admin.action(description="Terapkan usulan perubahan", permissions=["publish"])
def apply_proposals(modeladmin, request, queryset):
    applied = 0
    for figure in queryset.filter(has_proposal()):
        if figure.proposed_value is not None:
            figure.value = figure.proposed_value
        figure.source_title = figure.proposed_source_title or figure.source_title
        figure.source_url = figure.proposed_source_url or figure.source_url
        figure.proposed_value, figure.proposed_source_title, figure.proposed_source_url = None, "", ""
        figure.proposal_note = ""
        _mark_verified(figure, request)
        figure.save()
        applied += 1
    level = messages.SUCCESS if applied else messages.WARNING
    modeladmin.message_user(request, f"{applied} usulan diterapkan.", level)


@admin.action(description="Tarik dari situs (kutipannya tampil sebagai angka belum berlaku)", permissions=["publish"])
def withdraw(modeladmin, request, queryset):
    for figure in queryset.filter(is_published=True):
        figure.is_published = False
        figure.save()
    modeladmin.message_user(request, "Angka ditarik; halaman yang mengutipnya diperbarui.", messages.WARNING)


def has_proposal():
    return Q(proposed_value__isnull=False) | ~Q(proposed_source_title="") | ~Q(proposed_source_url="")


def _mark_verified(figure, request):
    figure.verified_by, figure.verified_at = request.user, timezone.localdate()


@admin.register(Figure)
class FigureAdmin(AuditedAdmin):
    form = FigureForm
    list_display = ["name", "label", "shown_as", "kind", "is_published", "verified_at", "has_source", "proposal"]
    list_filter = ["is_published", "kind", "unit", "year"]
    search_fields = ["name", "label", "source_title"]
    list_select_related = ["component", "budget"]
    inlines = [FigureOperandInline]
    actions = [put_in_force, apply_proposals, withdraw]
    fieldsets = [
        (None, {"fields": ["name", "cited_as", "label", "shown_as", "cited_in"]}),
        (
            "Nilai: isi salah satu",
            {
                "fields": ["value", ("component", "budget", "budget_field"), "formula"],
                "description": "Ketik nilainya, ATAU ambil dari komponen manfaat atau anggaran sebuah program, "
                "ATAU pilih rumus dan isi angka asal di bawah (angka turunan tidak pernah diketik).",
            },
        ),
        ("Satuan dan periode", {"fields": [("unit", "per"), ("kind", "year"), ("starts_on", "ends_on")]}),
        ("Sumber dan pemeriksaan", {"fields": ["source_title", "source_url", ("verified_by", "verified_at")]}),
        ("Berlaku di situs", {"fields": ["is_published", "updated_at"]}),
        (
            "Usulan perubahan (untuk angka yang sudah berlaku)",
            {
                "fields": PROPOSAL_FIELDS,
                "description": "Penulis mengusulkan nilai atau sumber baru di sini; Penyunting memeriksa sumbernya "
                "lalu memilih aksi «Terapkan usulan perubahan» di daftar angka.",
            },
        ),
    ]

    def get_queryset(self, request):
        # A derived figure shows its value, computed from its operands' components and budgets.
        operands = FigureOperand.objects.select_related("operand__component", "operand__budget")
        return (
            super()
            .get_queryset(request)
            .select_related("component__program", "budget__program")
            .prefetch_related(Prefetch("operand_rows", queryset=operands))
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "budget":  # each choice is named with its program
            kwargs.setdefault("queryset", Budget.objects.select_related("program"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    # Roles -------------------------------------------------------------------------------------

    def has_publish_permission(self, request):
        return may_publish(request)

    def get_readonly_fields(self, request, obj=None):
        fields = [*super().get_readonly_fields(request, obj), *ALWAYS_READ_ONLY]
        if may_publish(request):
            return fields
        fields.append("is_published")
        if obj is not None and obj.is_published:
            editable = set(PROPOSAL_FIELDS)
            fields += [name for name in self.form._meta.fields if name not in editable]
        return list(dict.fromkeys(fields))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or not obj.is_published or may_publish(request))

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        cited = [
            f"{figure} — masih dikutip di {count} item: hapus kutipannya dulu"
            for figure in objs
            if (count := len(citing_items([figure.name])))
        ]
        return deleted, counts, perms_needed, [*protected, *cited]

    def save_model(self, request, obj, form, change):
        # A Penyunting who changes a figure in force vouches for the new value and source.
        content_changed = set(form.changed_data) - set(PROPOSAL_FIELDS) - {"is_published"}
        if may_publish(request) and obj.is_published and content_changed:
            _mark_verified(obj, request)
        super().save_model(request, obj, form, change)

    # What the form and list show ---------------------------------------------------------------

    @admin.display(description="kutip di teks sebagai")
    def cited_as(self, obj):
        return format_html("<code>{}</code>", citation(obj.name)) if obj.pk else "—"

    @admin.display(description="tampil sebagai")
    def shown_as(self, obj):
        if not obj.pk:
            return "—"
        return display_text(obj) or "nilai belum lengkap"

    @admin.display(description="sumber", boolean=True)
    def has_source(self, obj):
        return bool(obj.source_url)

    @admin.display(description="usulan menunggu", boolean=True)
    def proposal(self, obj):
        return obj.proposed_value is not None or bool(obj.proposed_source_title or obj.proposed_source_url)

    @admin.display(description="dikutip di")
    def cited_in(self, obj):
        items = citing_items([obj.name]) if obj.pk else []
        if not items:
            return "Belum dikutip di halaman mana pun."
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((_item_link(item),) for item in items)))


def _item_link(item):
    opts = item._meta
    try:
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk])
    except NoReverseMatch:
        return f"{opts.verbose_name}: {item}"
    return format_html('<a href="{}">{}: {}</a>', url, opts.verbose_name, item)
