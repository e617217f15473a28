import pytest
from playwright.sync_api import expect

# The live server runs in another thread: it sees only committed data.
pytestmark = pytest.mark.django_db(transaction=True)


def test_citizen_on_a_phone_finds_who_can_get_pkh(phone_page, live_server, make_program):
    make_program(
        name="Program Keluarga Harapan", acronym="PKH", slug="pkh", eligibility="Keluarga miskin dengan ibu hamil."
    )

    phone_page.goto(live_server.url + "/")
    phone_page.get_by_role("link", name="Program Keluarga Harapan (PKH)", exact=True).click()

    expect(phone_page).to_have_url(live_server.url + "/program/pkh/")
    expect(phone_page.get_by_text("Keluarga miskin dengan ibu hamil.")).to_be_visible()
