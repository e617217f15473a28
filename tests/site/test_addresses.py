"""Kept page addresses are the ones reverse() gives, under any script prefix and URL configuration."""

from django.urls import clear_script_prefix, reverse, set_script_prefix

from bansos_portal.addresses import address


def test_an_address_is_the_one_reverse_gives():
    assert address("programs:detail", "pkh") == reverse("programs:detail", args=["pkh"]) == "/program/pkh/"
    assert address("faq:detail", "kapan-cair") == "/tanya-jawab/kapan-cair/"


def test_a_site_served_under_a_prefix_gets_its_own_addresses():
    address("programs:detail", "pkh")  # kept without the prefix
    set_script_prefix("/portal/")
    try:
        assert address("programs:detail", "pkh") == "/portal/program/pkh/"
    finally:
        clear_script_prefix()
    assert address("programs:detail", "pkh") == "/program/pkh/"


def test_another_url_configuration_is_not_answered_from_what_was_kept(settings):
    address("programs:detail", "pkh")
    settings.ROOT_URLCONF = "tests.site.urls_elsewhere"
    assert address("programs:detail", "pkh") == "/di-tempat-lain/pkh/"
