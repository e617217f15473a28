"""A rule change that alters an example household is shown before publishing and needs confirmation."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from bansos_portal.editorial import proposals
from bansos_portal.editorial.concurrency import version_token
from bansos_portal.precheck.models import ExampleHousehold, ProgramRule
from bansos_portal.publishing import Status
from tests.conftest import queries_for

CHANGED = "Contoh «Anak SD, SMP dan SMA, desil 3» berubah: Kemungkinan besar sesuai, Rp4.400.000 menjadi Belum sesuai."


def narrowed_pkh_proposal():
    live = ProgramRule.objects.get(slug="pkh")
    proposal, _ = proposals.propose(live, user=get_user_model().objects.get(username="admin"))
    proposal.max_decile = 2
    proposal.save()
    return live, proposal


def publish(admin_client, proposal, **extra):
    url = reverse("admin:precheck_programrule_workflow", args=[proposal.pk])
    data = {"target": Status.PUBLISHED, "version": version_token(proposal), **extra}
    return admin_client.post(url, data)


def test_change_page_lists_the_examples_a_proposed_rule_would_change(admin_client, demo_rules):
    _, proposal = narrowed_pkh_proposal()

    page = admin_client.get(reverse("admin:precheck_programrule_change", args=[proposal.pk])).content.decode()

    assert CHANGED in page
    assert "Ibu hamil, desil 2, terdaftar" not in page  # desil 2 keeps its result


def test_publishing_a_rule_that_changes_an_example_needs_the_confirmation_box(admin_client, demo_rules):
    live, proposal = narrowed_pkh_proposal()

    refused = publish(admin_client, proposal)
    live.refresh_from_db()
    assert refused.status_code == 200 and CHANGED in refused.content.decode()
    assert live.max_decile == 4

    publish(admin_client, proposal, acknowledge="on")
    live.refresh_from_db()
    assert live.max_decile == 2


def test_unchanged_rule_shows_no_changed_example(admin_client, demo_rules):
    rule = ProgramRule.objects.get(slug="bpnt")

    page = admin_client.get(reverse("admin:precheck_programrule_change", args=[rule.pk])).content.decode()

    assert "Tidak ada contoh keluarga yang hasilnya berubah oleh aturan ini." in page


def test_only_published_rules_reach_the_public_check(demo_rules):
    ProgramRule.objects.filter(slug="pip").update(status=Status.DRAFT)

    assert "pip" not in ProgramRule.objects.for_precheck().values_list("slug", flat=True)


def test_rule_with_an_unknown_member_key_is_refused_in_the_form(demo_rules):
    from django.core.exceptions import ValidationError

    rule = ProgramRule.objects.get(slug="pkh")
    rule.member_components = {"kakek": "Lanjut usia"}

    try:
        rule.full_clean()
    except ValidationError as error:
        assert "kakek" in str(error)
    else:
        raise AssertionError("an unknown member key was accepted")


def test_the_change_page_reads_a_rules_components_once_however_many_examples_there_are(admin_client, demo_rules):
    _, proposal = narrowed_pkh_proposal()
    url = reverse("admin:precheck_programrule_change", args=[proposal.pk])

    def queries_to_open():
        response, count = queries_for(admin_client, url)
        assert response.status_code == 200
        return count

    before = queries_to_open()
    for example in list(demo_rules):
        ExampleHousehold.objects.create(name=f"{example.name} (salinan)", answers=example.answers)

    assert queries_to_open() == before
