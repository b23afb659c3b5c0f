"""BuiltDocument moves from the site shell (``website``) to ``infra``: the table is kept and
renamed, its content type (and so its permissions) follows the model."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import infra.models


def move_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="infra", model="builtdocument").exists():
        ContentType.objects.filter(app_label="website", model="builtdocument").update(
            app_label="infra"
        )


def restore_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="infra", model="builtdocument").update(
        app_label="website"
    )


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("website", "0002_builtdocument"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="BuiltDocument",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("kind", models.CharField(max_length=40, verbose_name="kind")),
                        ("language", models.CharField(max_length=8, verbose_name="language")),
                        (
                            "file",
                            models.FileField(
                                storage=infra.models.private_storage,
                                upload_to="built-documents/",
                                verbose_name="file",
                            ),
                        ),
                        (
                            "revision_id",
                            models.PositiveBigIntegerField(
                                blank=True, null=True, verbose_name="built from revision"
                            ),
                        ),
                        ("built_at", models.DateTimeField(verbose_name="built at")),
                        (
                            "build_seconds",
                            models.FloatField(default=0, verbose_name="build time (s)"),
                        ),
                        ("size", models.PositiveIntegerField(default=0, verbose_name="size (bytes)")),
                        (
                            "page",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="built_documents",
                                to=settings.WAGTAIL_PAGE_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "built document",
                        "verbose_name_plural": "built documents",
                        "db_table": "website_builtdocument",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("page", "kind", "language"), name="unique_built_document"
                            )
                        ],
                    },
                ),
            ],
        ),
        migrations.AlterModelTable(name="builtdocument", table=None),
        migrations.RunPython(move_content_type, restore_content_type),
    ]
