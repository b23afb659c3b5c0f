"""BuiltDocument now belongs to ``infra`` (its table is kept: see infra's 0001)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("website", "0002_builtdocument"),
        ("infra", "0001_builtdocument"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="BuiltDocument")],
        ),
    ]
