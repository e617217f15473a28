import pytest

from bansos_portal.rich_text import render_markdown


def test_markdown_becomes_html():
    html = render_markdown("1. Datang ke **desa**\n2. Bawa [KTP](https://example.org/ktp)")

    assert "<ol>" in html and "<strong>desa</strong>" in html
    assert 'href="https://example.org/ktp"' in html and 'rel="noopener noreferrer"' in html


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[klik](javascript:alert(1))",
        '<a href="javascript:alert(1)">klik</a>',
        '<p style="position:fixed" onclick="steal()">teks</p>',
        '<iframe src="https://evil.example"></iframe>',
        "<svg onload=alert(1)>",
    ],
)
def test_hostile_markup_never_survives(hostile):
    html = render_markdown(f"Teks biasa.\n\n{hostile}").lower()

    for forbidden in ("<script", "onerror", "onclick", "onload", "javascript:", "style=", "<iframe", "<svg"):
        assert forbidden not in html


def test_saving_a_program_stores_sanitised_html(make_program):
    program = make_program(eligibility='Keluarga miskin <script>alert("x")</script> di **DTKS**')

    assert "<strong>DTKS</strong>" in program.eligibility_html
    assert "<script" not in program.eligibility_html
    assert "alert" not in program.eligibility_html
