"""{% mark_terms html %}: a page's sanitised HTML with the first occurrence of each glossary term linked to
its explanation. "First" is per page: every call while one page renders shares what is already marked."""

from django import template
from django.utils.safestring import mark_safe

from bansos_portal.glossary.current import current_glossary

register = template.Library()

# Where a page's render keeps the glossary it reads and the terms it marked. On the Context itself: the
# blocks and includes of one page share it, and the next page starts anew.
PAGE_STATE = "_glossary_page"


class _Page:
    def __init__(self):
        self.glossary = current_glossary()
        self.marked = set()


def _page(context):
    if not hasattr(context, PAGE_STATE):
        setattr(context, PAGE_STATE, _Page())
    return getattr(context, PAGE_STATE)


@register.simple_tag(takes_context=True)
def mark_terms(context, html, subject=None):
    """`html` (already sanitised: rich_text's output) with its terms marked. `subject`: the term a page is
    about, never linked to itself."""
    page = _page(context)
    if subject is not None:
        page.marked.add(subject.pk)
    return mark_safe(page.glossary.mark(html or "", page.marked))  # noqa: S308 - sanitised when saved
