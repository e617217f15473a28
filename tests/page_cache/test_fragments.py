"""A part of a page kept between renders of that page (`{% keep %}`): reused while nothing it shows changed,
rendered afresh as soon as something it shows did, and never used for previews or staff."""

import pytest

from bansos_portal.editorial.models import ChangeNote
from bansos_portal.glossary.models import Term
from bansos_portal.page_cache.tags import isolated, reads_so_far, recording
from bansos_portal.publishing import Status
from bansos_portal.templatetags import kept
from faq.models import Clarification
from programs.models import Program
from tests.page_cache.test_tags import fresh


@pytest.fixture
def part_renders(monkeypatch):
    """The names of the kept parts rendered (not reused) from now on."""
    rendered = []
    real = kept.kept_or_rendered

    def counting(name, render):
        def render_and_count():
            rendered.append(name)
            return render()

        return real(name, render_and_count)

    monkeypatch.setattr(kept, "kept_or_rendered", counting)
    return rendered


@pytest.fixture
def pkh(make_program, make_component):
    program = make_program(name="Program Keluarga Harapan", acronym="PKH", slug="pkh", eligibility="Keluarga miskin.")
    make_component(program, name="Ibu hamil", amount=3_000_000)
    return program


@pytest.fixture
def served_after(client, settings, django_capture_on_commit_callbacks, part_renders):
    """serve(path, change) -> (the page at `path` as served after `change()` commits, the parts rendered so
    far); fails if the page differs from a fresh render."""

    def serve(path, change):
        with django_capture_on_commit_callbacks(execute=True):
            change()
        page = client.get(path).content
        rendered = list(part_renders)
        assert page == fresh(client, settings, path)
        return page.decode(), rendered

    return serve


def edited(item, **values):
    def change():
        for field, value in values.items():
            setattr(item, field, value)
        item.save()

    return change


def test_a_corrected_clarification_renders_the_program_page_again_but_reuses_its_sections(
    client, page_store, pkh, make_clarification, part_renders, served_after
):
    clarification = make_clarification(claim="Pendaftaran PKH lewat tautan pendek")
    clarification.programs.add(pkh)
    client.get("/program/pkh/")
    assert part_renders == ["program-head", "program-body", "program-tail"]

    # What a hoax day looks like: Humas sharpen the correction of a clarification the program page lists.
    correction = "Kemensos tidak membuka pendaftaran PKH lewat tautan pendek"
    change = edited(clarification, correction=correction)
    page, rendered = served_after("/program/pkh/", change)

    # The list renders again, the parts above and below it (change notes, sources, share box) do not.
    assert rendered == ["program-head", "program-body", "program-tail"]
    assert correction in page


def test_a_changed_amount_renders_the_sections_again(client, page_store, pkh, served_after):
    client.get("/program/pkh/")
    component = pkh.components.get()

    page, rendered = served_after("/program/pkh/", edited(component, amount=3_250_000))

    assert rendered == ["program-head", "program-body", "program-tail", "program-body", "program-tail"]
    assert "Rp3.250.000" in page


def test_an_edited_question_renders_the_program_body_again(client, page_store, pkh, make_question, served_after):
    question = make_question(question="Bagaimana cara daftar PKH?")
    question.programs.add(pkh)
    client.get("/program/pkh/")

    change = edited(question, question="Bagaimana cara mendaftar PKH lewat desa?")
    page, rendered = served_after("/program/pkh/", change)

    assert rendered == ["program-head", "program-body", "program-tail", "program-body", "program-tail"]
    assert "Bagaimana cara mendaftar PKH lewat desa?" in page


def test_a_new_change_note_renders_the_program_tail_again_but_not_its_body(client, page_store, pkh, served_after):
    client.get("/program/pkh/")

    def change():
        ChangeNote.objects.create(item=pkh, note="Besaran bantuan ibu hamil diperbarui")

    page, rendered = served_after("/program/pkh/", change)

    assert rendered == ["program-head", "program-body", "program-tail", "program-tail"]
    assert "Besaran bantuan ibu hamil diperbarui" in page


def test_a_new_source_renders_the_program_tail_again_but_not_its_body(client, page_store, pkh, served_after):
    client.get("/program/pkh/")

    def change():
        pkh.sources.create(title="Pedoman Umum PKH 2021", url="https://kemensos.go.id/pedoman-pkh")

    page, rendered = served_after("/program/pkh/", change)

    assert rendered == ["program-head", "program-body", "program-tail", "program-tail"]
    assert "Pedoman Umum PKH 2021" in page


def test_a_part_is_kept_for_its_own_page_only(client, page_store, pkh, make_program, part_renders):
    make_program(name="Program Sembako", slug="sembako", eligibility="Keluarga penerima.")

    client.get("/program/pkh/")
    client.get("/program/sembako/")

    assert part_renders == ["program-head", "program-body", "program-tail"] * 2


def test_staff_and_previews_always_render_every_part(client, page_store, pkh, admin_user, part_renders):
    client.force_login(admin_user)
    client.get("/program/pkh/")
    client.get("/program/pkh/")
    client.logout()
    client.get("/program/pkh/?pratinjau=1")
    client.get("/program/pkh/?pratinjau=1")

    assert part_renders == ["program-head", "program-body", "program-tail"] * 4


def test_a_corrected_clarification_renders_the_home_page_again_but_reuses_its_programs_and_questions(
    client, page_store, pkh, make_question, make_clarification, part_renders, served_after
):
    make_question(question="Kapan bantuan PKH cair?", answer="Empat tahap setahun.")
    clarification = make_clarification(claim="Bansos Rp2 juta lewat Telegram")
    client.get("/")
    assert part_renders == ["home-programs", "home-questions", "home-budget"]

    correction = "Kemensos tidak membagikan bansos lewat Telegram"
    page, rendered = served_after("/", edited(clarification, correction=correction))

    # The fact checks render again; the programs, the questions and the budget highlight below do not.
    assert rendered == ["home-programs", "home-questions", "home-budget"]
    assert correction in page


def test_a_new_question_renders_the_home_questions_again(client, page_store, pkh, make_question, served_after):
    client.get("/")

    def change():
        make_question(question="Bagaimana cara mendaftar PKH?", answer="Lewat desa atau kelurahan.")

    page, rendered = served_after("/", change)

    assert rendered == ["home-programs", "home-questions", "home-budget", "home-questions", "home-budget"]
    assert "Bagaimana cara mendaftar PKH?" in page


def test_a_new_ministry_budget_renders_only_the_home_budget_highlight_again(
    client, page_store, pkh, make_budget, served_after
):
    make_budget(year=2018, allocation=43_300_000_000_000, source="Sekjen Kemensos, 2018")
    client.get("/")

    page, rendered = served_after("/", lambda: make_budget(year=2019, source="Sekjen Kemensos, Februari 2019"))

    assert rendered == ["home-programs", "home-questions", "home-budget", "home-budget"]
    assert "Sekjen Kemensos, Februari 2019" in page


@pytest.fixture
def question_about_pkh(pkh, make_question):
    question = make_question(question="Kapan bantuan PKH cair?", slug="kapan-pkh-cair", answer="Empat tahap per tahun.")
    question.programs.add(pkh)
    return question


def test_a_renamed_program_renders_its_questions_again_but_reuses_their_answers(
    client, page_store, pkh, question_about_pkh, part_renders, served_after
):
    client.get("/tanya-jawab/kapan-pkh-cair/")
    assert part_renders == ["faq-head", "faq-answer", "faq-share"]

    page, rendered = served_after("/tanya-jawab/kapan-pkh-cair/", edited(pkh, name="Program Keluarga Harapan Plus"))

    # Only the isolated related programs and questions render again.
    assert rendered == ["faq-head", "faq-answer", "faq-share"]
    assert "Program Keluarga Harapan Plus" in page


def test_an_edited_answer_renders_the_answer_again(client, page_store, question_about_pkh, served_after):
    client.get("/tanya-jawab/kapan-pkh-cair/")

    page, rendered = served_after("/tanya-jawab/kapan-pkh-cair/", edited(question_about_pkh, answer="Tiga tahap."))

    assert rendered == ["faq-head", "faq-answer", "faq-share"] * 2
    assert "Tiga tahap." in page


def test_a_new_glossary_term_in_an_answer_renders_the_answer_again(
    client, page_store, question_about_pkh, served_after
):
    client.get("/tanya-jawab/kapan-pkh-cair/")

    def change():
        Term.objects.create(
            term="tahap", slug="tahap", short_definition="Satu kali penyaluran bantuan.", status=Status.PUBLISHED
        )

    page, rendered = served_after("/tanya-jawab/kapan-pkh-cair/", change)

    assert rendered == ["faq-head", "faq-answer", "faq-share", "faq-answer", "faq-share"]
    assert 'href="/istilah/tahap/"' in page


def test_what_an_isolated_block_reads_counts_for_the_page_not_for_the_parts_after_it(pkh, make_clarification):
    clarification = make_clarification(claim="Bansos lewat Telegram")
    with recording() as page_reads:
        list(Program.objects.filter(pk=pkh.pk))
        with isolated():
            list(Clarification.objects.filter(pk=clarification.pk))
            assert reads_so_far() is None  # a part inside the block is not kept
        part_reads = reads_so_far()

    assert {f"programs.Program.id={pkh.pk}", f"faq.Clarification.id={clarification.pk}"} <= page_reads
    assert f"programs.Program.id={pkh.pk}" in part_reads
    assert not any(tag.startswith("faq.Clarification") for tag in part_reads)
