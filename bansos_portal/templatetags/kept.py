"""`{% keep "name" %} … {% endkeep %}`: a part of a page reused between renders of that page while nothing
it could show has changed; `{% isolated %} … {% endisolated %}`: a block whose reads the kept parts after
it do not depend on, so they must not show what it shows (see page_cache/fragments.py)."""

from django import template
from django.utils.safestring import mark_safe

from bansos_portal.page_cache.fragments import kept_or_rendered
from bansos_portal.page_cache.tags import isolated

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


class IsolatedNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        with isolated():
            return self.nodelist.render(context)


@register.tag(name="isolated")
def isolated_block(parser, token):
    if len(token.split_contents()) != 1:
        raise template.TemplateSyntaxError("{% isolated %} takes no argument")
    nodelist = parser.parse(("endisolated",))
    parser.delete_first_token()
    return IsolatedNode(nodelist)
