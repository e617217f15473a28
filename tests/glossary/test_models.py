"""A term's forms, and what Humas may not save: a word that already points at another term, or a short
definition that is not one plain sentence."""

import pytest
from django.core.exceptions import ValidationError

from bansos_portal.glossary.models import Term


def test_forms_are_the_name_then_each_other_form_once(make_term):
    term = make_term("DTSEN", forms=["Data Tunggal Sosial dan Ekonomi Nasional", "", "DTSEN", "  Data Tunggal  "])

    assert term.forms == ["DTSEN", "Data Tunggal Sosial dan Ekonomi Nasional", "Data Tunggal"]
    assert term.other_forms_list == ["Data Tunggal Sosial dan Ekonomi Nasional", "Data Tunggal"]


def test_a_form_used_by_another_term_is_refused(make_term):
    make_term("DTKS", forms=["Data Terpadu Kesejahteraan Sosial"])
    term = Term(term="DTSEN", slug="dtsen", short_definition="Data tunggal.", other_forms="dtks")

    with pytest.raises(ValidationError) as refused:
        term.full_clean()

    assert "«dtks» sudah dipakai oleh istilah «DTKS»" in str(refused.value)


def test_a_term_may_keep_its_own_forms(make_term):
    term = make_term("DTSEN", forms=["Data Tunggal Sosial dan Ekonomi Nasional"])

    term.full_clean()


@pytest.mark.parametrize("definition", ["Baris satu.\nBaris dua.", "Data **tebal**.", "Lihat [ini](https://x.go.id)."])
def test_the_short_definition_is_one_plain_sentence(db, definition):
    term = Term(term="DTSEN", slug="dtsen", short_definition=definition)

    with pytest.raises(ValidationError) as refused:
        term.full_clean()

    assert "short_definition" in refused.value.message_dict


def test_the_explanation_is_sanitised_html(make_term):
    term = make_term("DTSEN", explanation="**Penting** <script>alert(1)</script>")

    assert "<strong>Penting</strong>" in term.explanation_html
    assert "<script>" not in term.explanation_html
