"""What the index holds: the text a public page shows, nothing its Markdown source hides."""

from django.urls import reverse

from bansos_portal.search import engine

HIDDEN_NOTE = (
    "Datang ke kantor desa.\n\n"
    "<!-- catatan internal: kuota belum disetujui pejabat -->\n\n"
    "- Bawa KTP asli\n"
    "- Bawa kartu keluarga"
)


def titles(query):
    return [entry.title for entry in engine.search(query).entries]


def test_text_in_an_html_comment_is_not_found(make_question, make_program):
    make_question(question="Bagaimana cara daftar?", answer=HIDDEN_NOTE)
    make_program(name="Program Uji Komentar", description="Tentang program.\n\n<!-- angka sementara dari pejabat -->")

    assert titles("pejabat") == []
    assert titles("catatan internal") == []
    assert titles("ktp") == ["Bagaimana cara daftar?"]


def test_search_page_snippet_shows_the_page_text_without_comments_or_list_marks(client, make_question):
    make_question(question="Bagaimana cara daftar?", answer=HIDDEN_NOTE)

    response = client.get(reverse("search"), {"q": "asli"})

    assert "Datang ke kantor desa. Bawa KTP <mark>asli</mark> Bawa kartu keluarga" in response.text
    assert "catatan internal" not in response.text and "pejabat" not in response.text
    assert "- Bawa" not in response.text


def test_api_snippet_holds_no_script_or_comment_text(client, make_question):
    make_question(
        question="Kapan bantuan cair?",
        answer="Cair tiap tahap.\n\n<script>alert('hadiah')</script>\n\n<!-- rapat tertutup -->",
    )

    data = client.get("/api/v1/search/", {"q": "bantuan cair"}).json()

    assert [result["snippet"] for result in data["results"]] == ["Cair tiap tahap."]
    assert client.get("/api/v1/search/", {"q": "hadiah"}).json()["total"] == 0
