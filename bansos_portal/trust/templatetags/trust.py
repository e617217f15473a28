from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def site_operator():
    """Who runs this deployment (SITE_OPERATOR): the header names it on every page."""
    return settings.SITE_OPERATOR
