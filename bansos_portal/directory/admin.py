"""The directory in the admin. Offices go draft → review → publish like every publishable item; an
Operator Daerah sees and proposes changes to the offices of their own regions only, on every admin page
(list, form, history, comparison, preview, workflow, bulk actions), because every one of them reads the
office through `get_queryset` or asks `has_view_permission`/`has_change_permission` with the office."""

from django.contrib import admin

from bansos_portal.editorial.publishable_admin import FollowsItemInline, PublishableAdmin

from .models import LinkCheck, Office, OfficeDetailSource, OperatorRegion, Region


class OfficeDetailSourceInline(FollowsItemInline, admin.TabularInline):
    model = OfficeDetailSource
    extra = 0
    fields = ["detail", "url", "title", "verified_on"]


@admin.register(Office)
class OfficeAdmin(PublishableAdmin):
    list_display = ["name", "region", "status", "updated_at"]
    list_select_related = ["region__parent"]
    search_fields = ["name", "region__name", "region__code"]
    filter_horizontal = ["services"]
    inlines = [OfficeDetailSourceInline]
    fieldsets = [
        (
            None,
            {
                "fields": ["region", "name", "address", "directions", "phones", "whatsapp", "email", "website"],
                "description": "Isi hanya rincian yang diumumkan resmi, dan catat sumber setiap rincian di bawah. "
                "Rincian tanpa sumber tidak ditampilkan di situs.",
            },
        ),
        ("Layanan", {"fields": ["social_accounts", "opening_hours", "services", "note"]}),
        PublishableAdmin.publication_fieldset,
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).editable_by(request.user)

    def _in_scope(self, request, obj):
        return obj is None or self.get_queryset(request).filter(pk=obj.pk).exists()

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self._in_scope(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._in_scope(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "region":
            regions = Region.objects.active().select_related("parent")
            if not self.has_publish_permission(request):
                regions = regions.filter(operators__user=request.user)
            kwargs["queryset"] = regions
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    """Regions come from the Kemendagri list (`load_regions`); here only the successor of an archived one."""

    list_display = ["code", "name", "kind", "parent", "archived_at"]
    list_select_related = ["parent"]  # a kabupaten/kota is shown with its province
    list_filter = ["kind", ("archived_at", admin.EmptyFieldListFilter)]
    search_fields = ["code", "name"]
    readonly_fields = ["code", "name", "kind", "parent", "slug", "archived_at", "updated_at"]
    autocomplete_fields = ["successor"]

    def has_add_permission(self, request):
        return False


@admin.register(OperatorRegion)
class OperatorRegionAdmin(admin.ModelAdmin):
    list_display = ["user", "region"]
    list_select_related = ["user", "region__parent"]
    search_fields = ["user__username", "region__name", "region__code"]
    autocomplete_fields = ["region"]


@admin.register(LinkCheck)
class LinkCheckAdmin(admin.ModelAdmin):
    """The report of `check_links`: broken and redirected links first."""

    list_display = ["url", "outcome", "status_code", "final_url", "error", "used_by", "checked_at"]
    list_filter = ["outcome"]
    search_fields = ["url", "final_url", "used_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
