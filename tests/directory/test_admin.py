"""An Operator Daerah sees and changes the offices of their own regions only, on every admin path."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from bansos_portal.directory.models import Office, Region
from bansos_portal.publishing import Status
from tests.conftest import queries_for

OTHER_ADDRESS = "Jl. Wilayah Lain No. 9"


def admin_url(view, office=None):
    name = f"admin:directory_office_{view}"
    return reverse(name, args=[office.pk]) if office else reverse(name)


@pytest.fixture
def setup(make_office, make_operator, client):
    own = make_office("35.73", status=Status.DRAFT)
    other = make_office("32.04", status=Status.DRAFT, address=OTHER_ADDRESS)
    other_live = make_office("32.73", address=OTHER_ADDRESS)
    client.force_login(make_operator("operator-malang", "35.73"))
    return own, other, other_live


def test_changelist_shows_only_the_operators_regions(setup, client):
    own, other, other_live = setup

    html = client.get(admin_url("changelist")).content.decode()

    assert str(own) in html
    assert str(other) not in html and str(other_live) not in html


@pytest.mark.parametrize(
    "view", ["change", "history", "compare", "preview", "preview_link", "workflow", "compare_live"]
)
def test_no_page_of_another_regions_office_opens(setup, client, view):
    _, other, other_live = setup

    for office in (other, other_live):
        response = client.get(admin_url(view, office))

        assert response.status_code in (302, 403, 404)
        assert OTHER_ADDRESS not in response.content.decode()


def test_own_office_pages_open(setup, client):
    own, _, _ = setup

    for view in ("change", "history", "workflow", "preview"):
        assert client.get(admin_url(view, own)).status_code == 200


def test_forged_change_post_to_another_regions_office_changes_nothing(setup, client):
    _, other, _ = setup

    client.post(admin_url("change", other), {"name": "Diubah", "region": other.region_id, "address": "Dibajak"})

    other.refresh_from_db()
    assert other.address == OTHER_ADDRESS and other.name != "Diubah"


def test_forged_workflow_and_proposal_posts_change_nothing(setup, client):
    _, other, other_live = setup

    client.post(admin_url("workflow", other), {"target": Status.REVIEW, "comment": "x"})
    client.post(admin_url("propose", other_live))
    client.post(admin_url("discard", other_live))

    assert Office.objects.get(pk=other.pk).status == Status.DRAFT
    assert not Office.objects.filter(proposal_for=other_live).exists()


def test_forged_bulk_action_skips_another_regions_office(setup, client):
    own, other, _ = setup

    client.post(
        admin_url("changelist"),
        {"action": "submit_for_review", "_selected_action": [own.pk, other.pk], "index": 0},
    )

    assert Office.objects.get(pk=own.pk).status == Status.REVIEW
    assert Office.objects.get(pk=other.pk).status == Status.DRAFT


def test_operator_cannot_add_an_office_for_another_region(setup, client):
    _, _, other_live = setup
    region = other_live.region.parent  # Jawa Barat: no office yet, and not the operator's

    response = client.post(admin_url("add"), {"region": region.pk, "name": "Palsu", "sources-TOTAL_FORMS": 0})

    assert not Office.objects.filter(region=region).exists()
    assert response.status_code in (200, 403)


def test_operator_may_not_publish_their_own_office(setup, client):
    own, _, _ = setup

    client.post(admin_url("workflow", own), {"target": Status.PUBLISHED, "comment": "terbitkan"})
    client.post(admin_url("changelist"), {"action": "publish", "_selected_action": [own.pk], "index": 0})

    assert Office.objects.get(pk=own.pk).status == Status.DRAFT


def test_operator_proposes_a_change_to_their_live_office_and_a_penyunting_publishes(
    make_office, make_operator, client, django_user_model
):
    live = make_office("35.73")
    client.force_login(make_operator("operator-malang", "35.73"))

    client.post(admin_url("propose", live))

    proposal = Office.objects.get(proposal_for=live)
    assert proposal.status == Status.DRAFT
    editor = django_user_model.objects.create_user("penyunting", is_staff=True)
    editor.groups.add(Group.objects.get(name="Penyunting"))
    assert editor.has_perm("directory.publish_office")


def test_the_region_list_costs_the_same_queries_for_one_row_as_for_a_full_page(admin_client, regions):
    url = reverse("admin:directory_region_changelist")

    def queries_to_open(query):
        page, count = queries_for(admin_client, url, query)
        assert page.status_code == 200
        return count, page.text.count('class="field-code"')

    kota = Region.objects.filter(parent__isnull=False).order_by("-code").first()
    one_query_count, one_rows = queries_to_open({"q": kota.code})
    full_query_count, full_rows = queries_to_open({})

    assert one_rows < 5 and full_rows >= 100
    assert full_query_count == one_query_count
