"""Voting on a page, with and without JavaScript: the thank-you, the comment after «Tidak», and every guard
(origin, honeypot, rate limit, length), with no cookie and nothing personal kept anywhere."""

import gzip
import logging
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory

from bansos_portal.feedback import guard
from bansos_portal.feedback.models import Vote
from bansos_portal.page_cache import store

from .conftest import SAME_SITE

PERSONAL = {
    "nik": "3201 2345 6789 0123",
    "kk": "3201-2345-6789-0124",
    "phone": "+62 812.3456.7890",
    "mobile": "0813-9876-5432",
    "email": "siti.aminah@contoh.co.id",
}
PERSONAL_PIECES = ["3201", "6789", "812", "3456", "7890", "0813", "9876", "5432", "siti.aminah", "contoh.co.id"]
# Each number also written without separators (3201234567890123, 081398765432).
PERSONAL_DIGITS = [re.sub(r"\D", "", value) for value in PERSONAL.values() if re.search(r"\d", value)]


def leaks(text):
    """The personal pieces found in `text`. A group of digits counts on its own, not inside a longer number:
    ids, timings and the page cache's change counts (1796602234081395081) hold "0813" by chance."""
    pieces = [
        piece
        for piece in PERSONAL_PIECES
        if (re.search(rf"(?<!\d){piece}(?!\d)", text) if piece.isdigit() else piece in text)
    ]
    return pieces + [number for number in PERSONAL_DIGITS if number in text]


def comment_token(response):
    return re.search(r'name="suara" value="([^"]+)"', response.text).group(1)


def assert_no_cookie(response):
    assert not response.cookies and "Set-Cookie" not in response.headers


def test_a_yes_without_javascript_redirects_back_to_the_page_with_a_thank_you(client, post_vote, make_program):
    program = make_program()

    response = post_vote(program, {"membantu": "ya"})
    page = client.get(response["Location"])

    assert response.status_code == 303
    assert response["Location"] == f"{program.get_absolute_url()}?terima-kasih=1#umpan-balik"
    assert "Terima kasih atas masukan Anda" in page.text and "Apakah halaman ini membantu?" not in page.text
    assert Vote.objects.get().helpful is True
    assert_no_cookie(response)
    assert_no_cookie(page)


def test_a_no_without_javascript_asks_what_was_missing_then_thanks(client, post_vote, make_question):
    question = make_question()

    response = post_vote(question, {"membantu": "tidak"})
    page = client.get(response["Location"])
    sent = post_vote(question, {"komentar": "Syarat untuk lansia kurang jelas.", "suara": comment_token(page)})

    assert response.status_code == 303 and "#umpan-balik" in response["Location"]
    assert "Apa yang kurang?" in page.text
    assert "Jangan tulis NIK, nomor KK, nomor HP atau alamat. Untuk pengaduan, hubungi 171." in page.text
    assert sent.status_code == 303 and sent["Location"].endswith("?terima-kasih=1#umpan-balik")
    vote = Vote.objects.get()
    assert (vote.helpful, vote.comment, vote.redacted) == (False, "Syarat untuk lansia kurang jelas.", False)
    for answer in (response, page, sent):
        assert_no_cookie(answer)


def test_htmx_votes_swap_the_box_in_place(post_vote, make_clarification):
    clarification = make_clarification()

    yes = post_vote(clarification, {"membantu": "ya"}, htmx=True)
    no = post_vote(clarification, {"membantu": "tidak"}, htmx=True)
    comment = post_vote(clarification, {"komentar": "Sumbernya kurang.", "suara": comment_token(no)}, htmx=True)

    assert yes.status_code == 200 and "<html" not in yes.text
    assert yes.text.lstrip().startswith('<section id="umpan-balik"') and "Terima kasih" in yes.text
    assert "Apa yang kurang?" in no.text and 'hx-post="/umpan-balik/faq/clarification/' in no.text
    assert "Terima kasih atas masukan Anda" in comment.text
    assert sorted(Vote.objects.values_list("helpful", "comment")) == [(False, "Sumbernya kurang."), (True, "")]
    assert "HX-Request" in yes["Vary"]
    for answer in (yes, no, comment):
        assert_no_cookie(answer)


def test_the_page_form_works_without_javascript_and_is_the_same_for_every_visitor(client, make_program):
    program = make_program()

    first = client.get(program.get_absolute_url(), REMOTE_ADDR="198.51.100.1").text
    second = client.get(program.get_absolute_url(), REMOTE_ADDR="198.51.100.2").text

    box = re.search(r'<section id="umpan-balik".*?</section>', first, re.S).group()
    assert f'<form method="post" action="/umpan-balik/programs/program/{program.pk}/"' in box
    assert 'name="membantu" value="ya"' in box and 'name="membantu" value="tidak"' in box
    assert "csrfmiddlewaretoken" not in box and box in second


def test_a_filled_honeypot_is_thanked_and_nothing_is_stored(post_vote, make_program):
    program = make_program()

    response = post_vote(program, {"membantu": "tidak", "situs": "http://spam.example"})

    assert response.status_code == 303 and "terima-kasih=1" in response["Location"]
    assert not Vote.objects.exists()


@pytest.mark.parametrize(
    "headers",
    [{}, {"Origin": "https://penipu.example"}, {"Origin": "null"}, {"Referer": "https://penipu.example/form"}],
)
def test_a_post_from_another_site_is_refused_with_a_plain_message(client, vote_url, make_program, headers):
    program = make_program()

    response = client.post(vote_url(program), {"membantu": "tidak"}, headers=headers)

    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/plain")
    assert "hanya diterima dari halaman Portal Bansos" in response.text
    assert not Vote.objects.exists()
    assert_no_cookie(response)


def test_older_browsers_without_origin_are_accepted_by_their_same_site_referer(client, vote_url, make_program):
    program = make_program()

    response = client.post(
        vote_url(program), {"membantu": "ya"}, headers={"Referer": f"http://testserver{program.get_absolute_url()}"}
    )

    assert response.status_code == 303 and Vote.objects.count() == 1


def test_votes_for_drafts_unknown_items_or_other_models_are_not_found(client, post_vote, make_program):
    draft = make_program(status="draft")

    assert post_vote(draft, {"membantu": "ya"}).status_code == 404
    assert client.post("/umpan-balik/auth/user/1/", {"membantu": "ya"}, headers=SAME_SITE).status_code == 404
    assert client.post("/umpan-balik/tidak/ada/1/", {"membantu": "ya"}, headers=SAME_SITE).status_code == 404
    assert client.get(f"/umpan-balik/programs/program/{draft.pk}/").status_code == 405


def test_a_comment_of_501_characters_gets_a_clear_error_and_keeps_the_text(client, post_vote, make_program):
    program = make_program()
    no = post_vote(program, {"membantu": "tidak"}, htmx=True)
    long_text = "a" * 501

    page = post_vote(program, {"komentar": long_text, "suara": comment_token(no)})
    partial = post_vote(program, {"komentar": long_text, "suara": comment_token(no)}, htmx=True)

    for response in (page, partial):
        assert response.status_code == 400
        assert "501 karakter; paling banyak 500" in response.text
        assert long_text in response.text  # nothing the citizen typed is lost
        assert_no_cookie(response)
    assert "<html" in page.text and "<html" not in partial.text
    assert Vote.objects.get().comment == ""


def test_a_vote_without_an_answer_is_a_clear_400(post_vote, make_program):
    response = post_vote(make_program(), {})

    assert response.status_code == 400 and "Pilih «Ya» atau «Tidak»." in response.text


def test_a_forged_or_reused_comment_token_adds_nothing(post_vote, make_program):
    program = make_program()
    no = post_vote(program, {"membantu": "tidak"}, htmx=True)
    token = comment_token(no)
    post_vote(program, {"komentar": "Pertama.", "suara": token}, htmx=True)

    again = post_vote(program, {"komentar": "Kedua.", "suara": token}, htmx=True)
    forged = post_vote(program, {"komentar": "Palsu.", "suara": "1:abc:def"}, htmx=True)

    assert again.status_code == forged.status_code == 400
    assert "Waktu untuk menambahkan keterangan sudah lewat" in again.text
    assert list(Vote.objects.values_list("comment", flat=True)) == ["Pertama."]


def test_after_the_limit_a_client_gets_a_clear_429_and_others_still_vote(
    redis_cache, post_vote, make_program, monkeypatch
):
    monkeypatch.setattr(guard, "RATE_LIMIT", 3)
    program = make_program()

    answers = [post_vote(program, {"membantu": "ya"}, REMOTE_ADDR="203.0.113.45") for _ in range(3)]
    page = post_vote(program, {"membantu": "ya"}, REMOTE_ADDR="203.0.113.45")
    partial = post_vote(program, {"membantu": "ya"}, htmx=True, REMOTE_ADDR="203.0.113.45")
    other = post_vote(program, {"membantu": "ya"}, REMOTE_ADDR="198.51.100.7")

    assert [answer.status_code for answer in answers] == [303, 303, 303]
    assert page.status_code == partial.status_code == 429
    assert "Terlalu banyak umpan balik dari jaringan Anda" in page.text and "<html" in page.text
    assert "Terlalu banyak umpan balik dari jaringan Anda" in partial.text and "<html" not in partial.text
    assert other.status_code == 303
    assert Vote.objects.count() == 4
    keys = [key.decode() for key in redis_cache.keys()]
    assert any("feedback:rate:" in key for key in keys)
    assert not any("203.0.113" in key or "198.51.100" in key for key in keys)


def test_a_comment_full_of_personal_data_leaves_none_in_the_database_cache_or_logs(
    redis_cache, post_vote, make_program, caplog
):
    program = make_program()
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="django.db.backends")
    comment = "Bantuan belum cair. NIK {nik}, KK {kk}, HP {phone} atau {mobile}, e-mail {email}.".format(**PERSONAL)
    connection.force_debug_cursor = True  # every SQL statement and its parameters go to the log
    try:
        no = post_vote(program, {"membantu": "tidak"}, htmx=True)
        post_vote(program, {"komentar": comment, "suara": comment_token(no)}, htmx=True)
    finally:
        connection.force_debug_cursor = False

    vote = Vote.objects.get()
    assert vote.redacted and vote.comment.count("[data pribadi dihapus]") == 5
    stored = " ".join(str(value) for value in Vote.objects.values_list().get())
    cached = b" ".join(key + b" " + (redis_cache.dump(key) or b"") for key in redis_cache.keys()).decode("latin-1")
    assert "INSERT" in caplog.text or "UPDATE" in caplog.text  # the log did capture the statements
    assert leaks(stored) == leaks(cached) == leaks(caplog.text) == []


def test_a_vote_never_invalidates_the_page_cache(client, page_store, post_vote, make_program):
    program = make_program()
    client.get(program.get_absolute_url())
    generation = cache.get(store.GENERATION_KEY)
    stored_key = store.page_key(RequestFactory().get(program.get_absolute_url()).META)

    post_vote(program, {"membantu": "ya"})

    assert cache.get(store.GENERATION_KEY) == generation
    assert cache.get(stored_key) is not None


def test_the_thank_you_address_is_answered_fresh_and_kept_by_no_cache(client, page_store, make_program):
    program = make_program()
    client.get(program.get_absolute_url())
    thanks_url = f"{program.get_absolute_url()}?terima-kasih=1"

    thanks = client.get(thanks_url)
    plain = client.get(program.get_absolute_url())

    assert "Terima kasih atas masukan Anda" in thanks.text and "private" in thanks["Cache-Control"]
    assert cache.get(store.page_key(RequestFactory().get(thanks_url).META)) is None
    assert "Apakah halaman ini membantu?" in plain.text and "Terima kasih atas masukan" not in plain.text


def test_the_feedback_box_adds_at_most_1_kb_gzipped_to_a_program_page(client, make_program):
    program = make_program(description="Keterangan tentang program. " * 40)

    html = client.get(program.get_absolute_url()).text
    start = html.index('<script src="/static/js/feedback.js"')
    end = html.index("</section>", html.index('id="umpan-balik"')) + len("</section>")
    without = html[:start] + html[end:]

    added = len(gzip.compress(html.encode())) - len(gzip.compress(without.encode()))
    assert 0 < added <= 1024, added
