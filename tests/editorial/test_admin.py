"""The audit download: a Humas comment must reach the spreadsheet as text, never as a formula."""

import csv
import io

from django.contrib.contenttypes.models import ContentType

from bansos_portal.editorial.models import Transition


def test_the_audit_csv_defuses_a_comment_that_a_spreadsheet_would_run(penyunting, make_item):
    item = make_item("question")
    Transition.objects.create(
        content_type=ContentType.objects.get_for_model(item),
        object_id=item.pk,
        object_repr=str(item),
        action=Transition.Action.ARCHIVED,
        comment="=1+2",
        username="yusuf",
    )

    export = penyunting.get("/admin/editorial/transition/csv/")

    (row,) = csv.DictReader(io.StringIO(export.content.decode("utf-8-sig")))
    assert row["komentar"] == "'=1+2"
    assert (row["tindakan"], row["id_item"], row["oleh"]) == ("Diarsipkan", str(item.pk), "yusuf")
