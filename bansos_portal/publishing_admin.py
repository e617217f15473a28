"""What every publishable item's admin shares: status filters and publish/unpublish actions."""

from django.contrib import admin, messages
from django.utils import timezone

from bansos_portal.publishing import Status


@admin.action(description="Terbitkan yang dipilih", permissions=["change"])
def publish(modeladmin, request, queryset):
    # Saving each object (not queryset.update) keeps derived data such as the search index current.
    for obj in queryset.exclude(status=Status.PUBLISHED):
        obj.status = Status.PUBLISHED
        obj.published_at = min(obj.published_at, timezone.now())
        obj.save()
    modeladmin.message_user(request, "Item yang dipilih sudah terbit.", messages.SUCCESS)


@admin.action(description="Jadikan draf (tarik dari situs)", permissions=["change"])
def unpublish(modeladmin, request, queryset):
    for obj in queryset.filter(status=Status.PUBLISHED):
        obj.status = Status.DRAFT
        obj.save()
    modeladmin.message_user(request, "Item yang dipilih sekarang draf dan tidak tampil di situs.", messages.SUCCESS)


class PublishableAdmin(admin.ModelAdmin):
    actions = [publish, unpublish]
    list_filter = ["status"]
    readonly_fields = ["created_at", "updated_at"]
    date_hierarchy = "published_at"
    publication_fieldset = (
        "Penerbitan",
        {"fields": ["status", "published_at", "unpublish_at", "created_at", "updated_at"]},
    )


class SourceInline(admin.TabularInline):
    """Sources under the item they support; the model is set by each app."""

    extra = 0
    fields = ["title", "url", "order"]
