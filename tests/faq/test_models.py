from faq.models import Clarification


def test_clarification_list_reads_only_what_a_list_shows(make_clarification):
    clarification = make_clarification(claim="Pesan berantai", verdict=Clarification.Verdict.HOAX)

    (listed,) = Clarification.objects.for_list()

    assert (listed, listed.claim, listed.get_verdict_display()) == (clarification, "Pesan berantai", "Hoaks")
    assert "explanation" in listed.get_deferred_fields()  # its HTML stays: an item without correction leads with it
