"""`{% keep "name" %} … {% endkeep %}`: a part of a page reused between renders of that page while nothing
it could show has changed (see page_cache/fragments.py)."""

from django import template
from django.utils.safestring import mark_safe

from bansos_portal.page_cache.fragments import kept_or_rendered

register = template.Library()


class KeepNode(template.Node):
    def __init__(self, name, nodelist):
        self.name = name
        self.nodelist = nodelist

    def render(self, context):
        return mark_safe(kept_or_rendered(self.name.resolve(context), lambda: self.nodelist.render(context)))


@register.tag
def keep(parser, token):
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError('{% keep %} takes one argument, the part\'s name: {% keep "name" %}')
    nodelist = parser.parse(("endkeep",))
    parser.delete_first_token()
    return KeepNode(parser.compile_filter(bits[1]), nodelist)
