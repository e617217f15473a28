"""A Humas editor does the content work through the admin forms, without a shell."""

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse

from bansos_portal.publishing import Status
from faq.models import Question
from programs.models import Program


@pytest.fixture
def humas(db, client):
    user = User.objects.create_user("editor", password="kata-sandi-yang-panjang", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label__in=["programs", "faq"]))
    client.force_login(user)
    return client


def inline_management(prefix, total=0, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def opened_version(client, url):
    """The version token the change form was opened on, as a browser would send it back."""
    return client.get(url).context["adminform"].form["edit_token"].value()


def program_form(**overrides):
    data = {
        "name": "Program Keluarga Harapan",
        "acronym": "PKH",
        "slug": "pkh",
        "agency": "Kementerian Sosial",
        "summary": "Bantuan tunai bersyarat.",
        "order": "10",
        "eligibility": "Keluarga di **DTKS**.",
        "registration": "1. Datang ke desa",
        # As the add form offers them.
        "status_check_url": "https://cekbansos.kemensos.go.id/",
        "status_check_label": "cekbansos.kemensos.go.id",
        "status": Status.DRAFT,
        "published_at_0": "2024-01-01",
        "published_at_1": "08:00:00",
        **inline_management("components", total=1),
        "components-0-name": "Ibu hamil",
        "components-0-amount": "3000000",
        "components-0-period": "year",
        "components-0-year": "2025",
        "components-0-order": "0",
        **inline_management("budgets", total=1),
        "budgets-0-year": "2022",
        "budgets-0-label": "pagu",
        "budgets-0-allocation": "28700000000000",
        "budgets-0-source": "detik, 3 Juni 2021",
        **inline_management("sources"),
    }
    data.update(overrides)
    return data


def test_admin_pages_are_in_indonesian(humas):
    response = humas.get(reverse("admin:index"))

    assert "Kelola isi portal" in response.text and "Program" in response.text
    assert "Tanya jawab" in response.text


def test_humas_adds_a_draft_program_with_components_and_budgets(humas, client):
    response = humas.post(reverse("admin:programs_program_add"), program_form())

    assert response.status_code == 302, response.context["adminform"].form.errors
    program = Program.objects.get(slug="pkh")
    assert program.components.get().amount == 3_000_000
    assert program.budgets.get().allocation == 28_700_000_000_000
    client.logout()
    assert client.get("/program/pkh/").status_code == 404  # a draft stays private


def test_humas_edits_and_publishes_a_program(humas, client):
    humas.post(reverse("admin:programs_program_add"), program_form())
    program = Program.objects.get(slug="pkh")

    url = reverse("admin:programs_program_change", args=[program.pk])
    response = humas.post(
        url,
        program_form(
            edit_token=opened_version(humas, url),
            summary="Ringkasan yang diperbarui.",
            status=Status.PUBLISHED,
            **{
                **inline_management("components", total=1, initial=1),
                "components-0-id": str(program.components.get().pk),
                "components-0-program": str(program.pk),
                "components-0-amount": "3000000",
                **inline_management("budgets", total=1, initial=1),
                "budgets-0-id": str(program.budgets.get().pk),
                "budgets-0-program": str(program.pk),
            },
        ),
    )

    assert response.status_code == 302
    client.logout()
    page = client.get("/program/pkh/")
    assert page.status_code == 200 and "Ringkasan yang diperbarui." in page.text
    assert "<strong>DTKS</strong>" in page.text and "Rp3.000.000" in page.text


def test_publish_action_publishes_the_selected_items(humas, make_program):
    drafts = [make_program(status=Status.DRAFT) for _ in range(2)]

    humas.post(
        reverse("admin:programs_program_changelist"),
        {
            "action": "publish",
            "_selected_action": [str(program.pk) for program in drafts],
        },
    )

    assert Program.objects.published().count() == 2


def test_unpublish_action_takes_items_off_the_site(humas, make_question, client):
    question = make_question()

    humas.post(
        reverse("admin:faq_question_changelist"),
        {
            "action": "unpublish",
            "_selected_action": [str(question.pk)],
        },
    )

    client.logout()
    assert client.get(question.get_absolute_url()).status_code == 404


def test_humas_writes_and_publishes_an_faq_entry(humas, client, category, make_program):
    pkh = make_program(acronym="PKH")

    response = humas.post(
        reverse("admin:faq_question_add"),
        {
            "question": "Kapan PKH cair?",
            "slug": "kapan-pkh-cair",
            "category": str(category.pk),
            "answer": "Empat tahap: **Januari**, April, Juli, Oktober.",
            "programs": [str(pkh.pk)],
            "order": "100",
            "status": Status.PUBLISHED,
            "published_at_0": "2024-01-01",
            "published_at_1": "08:00:00",
        },
    )

    assert response.status_code == 302
    client.logout()
    page = client.get("/tanya-jawab/kapan-pkh-cair/")
    assert "<strong>Januari</strong>" in page.text
    assert "Kapan PKH cair?" in client.get(pkh.get_absolute_url()).text
    assert 'href="/tanya-jawab/kapan-pkh-cair/"' in client.get("/cari/", {"q": "pkh cair"}).text


def test_admin_lists_search_filter_and_link_to_the_site(humas, make_program, make_question):
    program = make_program(name="Program Keluarga Harapan", acronym="PKH")
    make_question(question="Kapan PKH cair?")

    changelist = humas.get(reverse("admin:programs_program_changelist"), {"q": "harapan", "status__exact": "published"})
    change = humas.get(reverse("admin:programs_program_change", args=[program.pk]))
    questions = humas.get(reverse("admin:faq_question_changelist"), {"q": "cair"})

    assert "Program Keluarga Harapan" in changelist.text
    assert "Lihat di situs" in change.text
    assert "Kapan PKH cair?" in questions.text


def test_hostile_markdown_from_admin_never_reaches_the_page(humas, client):
    humas.post(
        reverse("admin:programs_program_add"),
        program_form(
            status=Status.PUBLISHED,
            eligibility='<img src=x onerror="alert(1)"> [klik](javascript:alert(2))',
        ),
    )

    client.logout()
    page = client.get("/program/pkh/").text.lower()
    assert "onerror" not in page and "javascript:" not in page


def test_admin_needs_a_staff_login(client, db):
    response = client.get(reverse("admin:programs_program_changelist"))

    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_editing_a_question_in_admin_updates_search(humas, make_question):
    question = make_question(question="Cara cek penerima?", status=Status.DRAFT)
    data = {
        "question": "Cara cek status bantuan?",
        "slug": question.slug,
        "category": str(question.category_id),
        "answer": question.answer,
        "order": "100",
        "status": Status.PUBLISHED,
        "published_at_0": "2024-01-01",
        "published_at_1": "08:00:00",
    }

    url = reverse("admin:faq_question_change", args=[question.pk])
    humas.post(url, {**data, "edit_token": opened_version(humas, url)})

    assert Question.objects.get().question == "Cara cek status bantuan?"
    assert "Cara cek <mark>status</mark> bantuan?" in humas.get("/cari/", {"q": "status"}).text
