from django.db import migrations


def ceilings_are_ceilings(apps, schema_editor):
    """The allocation of a "realisasi" budget row that also holds the money spent is the final ceiling: its
    figure was made as a realisation and read "(realisasi 2020)" beside a ceiling. Its name stays, so
    citations keep working; only the kind it shows changes."""
    Figure = apps.get_model("figures", "Figure")
    Figure.objects.filter(
        budget_field="allocation", budget__label="realisasi", budget__realisation__isnull=False, kind="realisasi"
    ).update(kind="pagu-revisi")


class Migration(migrations.Migration):
    dependencies = [("figures", "0002_roles")]

    operations = [migrations.RunPython(ceilings_are_ceilings, migrations.RunPython.noop)]
