"""The glossary in the content file: the demo terms citizens meet, and terms surviving export and import."""

import re

import pytest

from bansos_portal.content_file.dump import export_content
from bansos_portal.content_file.load import ContentError, import_content
from bansos_portal.glossary.models import Term
from bansos_portal.publishing import Status

# The jargon a citizen meets on the program pages, each of which the demo glossary must explain.
JARGON = [
    "DTSEN", "DTKS", "KPM", "desil", "Dukcapil", "Himbara", "KKS", "SIKS-NG", "Dapodik", "nifas", "P2K2",
    "pendamping PKH", "e-Warong", "NIK", "KK", "musdes", "muskel",
]  # fmt: skip


def test_the_demo_glossary_explains_the_jargon_with_sources_and_working_links(demo_import, client):
    terms = list(Term.objects.published().prefetch_related("sources"))
    forms = {form for term in terms for form in term.forms}
    assert [word for word in JARGON if word not in forms] == []
    for term in terms:
        assert term.sources.all(), term
        assert term.short_definition.endswith(".") and "\n" not in term.short_definition, term
        for href in re.findall(r'href="(/[^"]*)"', term.explanation_html):
            assert client.get(href).status_code == 200, (term, href)


TERMS = {
    "glossary": [
        {
            "slug": "kk",
            "term": "KK",
            "other_forms": ["Kartu Keluarga"],
            "short_definition": "Kartu Keluarga.",
            "explanation": "Dibawa saat **mendaftar**.",
            "mark_on_pages": False,
            "status": "draf",
            "last_reviewed_at": "2026-12-06",
            "sources": [{"title": "Antara", "url": "https://banten.antaranews.com/x"}],
        },
        {"slug": "desil", "term": "desil", "short_definition": "Peringkat kesejahteraan."},
    ]
}


def test_terms_survive_export_and_import(db):
    assert import_content(data=TERMS)["istilah"] == 2
    exported = export_content()

    Term.objects.all().delete()
    import_content(data=exported)

    kk = Term.objects.get(slug="kk")
    assert (kk.status, kk.mark_on_pages, kk.other_forms) == (Status.DRAFT, False, "Kartu Keluarga")
    assert "<strong>mendaftar</strong>" in kk.explanation_html
    assert Term.objects.get(slug="desil").status == Status.PUBLISHED
    assert export_content()["glossary"] == exported["glossary"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"other_forms": "Kartu Keluarga"}, "other_forms harus berupa daftar teks"),
        ({"mark_on_pages": "ya"}, "mark_on_pages harus true atau false"),
        ({"other_forms": ["desil"]}, "«desil» sudah dipakai oleh istilah «desil»"),
        ({"short_definition": ""}, "short_definition"),
    ],
)
def test_a_bad_term_changes_nothing_and_is_named(db, change, message):
    data = {"glossary": [{**TERMS["glossary"][1]}, {**TERMS["glossary"][0], **change}]}

    with pytest.raises(ContentError) as refused:
        import_content(data=data)

    assert 'glossary[1] (slug "kk")' in str(refused.value) and message in str(refused.value)
    assert not Term.objects.exists()
