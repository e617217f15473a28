"""The public side of the editorial record: an item's «Perubahan penting» notes on its page."""

from django import template

from bansos_portal.editorial.models import ChangeNote

register = template.Library()


@register.inclusion_tag("includes/change_notes.html")
def change_notes(item):
    return {"change_notes": ChangeNote.objects.for_item(item)}
