import itertools

import pytest

from bansos_portal.glossary.models import Term
from bansos_portal.publishing import Status

_numbers = itertools.count(1)


@pytest.fixture
def make_term(db):
    """A published term; `forms` are its other forms, one per item."""

    def make(term, *, forms=(), **fields):
        fields.setdefault("slug", f"{term.lower().replace(' ', '-')}-{next(_numbers)}")
        fields.setdefault("short_definition", f"Arti {term} dalam satu kalimat.")
        fields.setdefault("status", Status.PUBLISHED)
        return Term.objects.create(term=term, other_forms="\n".join(forms), **fields)

    return make
