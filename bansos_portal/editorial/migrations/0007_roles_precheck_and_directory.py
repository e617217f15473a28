"""The roles again, now that the pre-check's rules and the regional offices exist: a Penulis writes them,
a Penyunting publishes them (publish_programrule, publish_office), an Operator Daerah proposes changes to
their own regions' offices."""

from importlib import import_module

from django.db import migrations

create_groups = import_module("bansos_portal.editorial.migrations.0002_editorial_groups").create_groups


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0006_proposal_actions"),
        ("precheck", "0001_precheck_initial"),
        ("directory", "0002_operator_role"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
