from django.db import migrations


def create_vocabularies(apps, schema_editor):
    from directory.vocabulary import ensure_vocabularies

    ensure_vocabularies(
        apps.get_model("directory", "Taxonomy"), apps.get_model("directory", "TaxonomyTerm")
    )


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [migrations.RunPython(create_vocabularies, migrations.RunPython.noop)]
