"""The published pages that use a term, listed on the term's page so a reader can go on from a word to
where it matters: programs, questions and clarifications, each checked for the term as a whole word."""

import operator
from functools import reduce

from django.db.models import Q

from bansos_portal.search.text import visible_text
from faq.models import Clarification, Question
from programs.models import Program

from .markup import Glossary

# A term such as DTSEN is on dozens of answers; the page lists the first ones, the search finds the rest.
MAX_PER_KIND = 12

# (heading, published items, the title a link shows)
KINDS = [
    ("Program", lambda: Program.objects.published(), str),
    ("Tanya jawab", lambda: Question.objects.published(), lambda item: item.question),
    ("Cek fakta", lambda: Clarification.objects.published(), lambda item: item.headline),
]


def _holding_any(queryset, fields, forms):
    """Items whose HTML holds one of the forms in any case and anywhere: the database narrows, Python decides."""
    anywhere = [Q(**{f"{field}__icontains": form}) for field in fields for form in forms]
    return queryset.filter(reduce(operator.or_, anywhere))


def pages_using(term):
    """(heading, [(title, url)]) for each kind of page whose text uses the term, in the order the site lists them."""
    glossary = Glossary([(term.pk, "", "", term.forms)])
    groups = []
    for heading, published, title in KINDS:
        queryset = published()
        fields = [f"{name}_html" for name in queryset.model.markdown_fields]
        pages = [
            (title(item), item.get_absolute_url())
            for item in _holding_any(queryset, fields, term.forms)
            if any(glossary.pattern.search(visible_text(getattr(item, field))) for field in fields)
        ]
        if pages:
            groups.append((heading, pages[:MAX_PER_KIND]))
    return groups
