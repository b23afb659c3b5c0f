"""Seed the editors' search rules (``search.seed``) and forget the search entries' rows in
Wagtail's own index (entries have their own postings now)."""

from django.db import migrations

from search.seed import seed_rules

def seed(apps, schema_editor):
    seed_rules(apps.get_model("search", "SearchRule"))


def forget_old_index_rows(apps, schema_editor):
    """Search entries are no longer in Wagtail's own index (they have postings now)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    IndexEntry = apps.get_model("wagtailsearch", "IndexEntry")
    content_type = ContentType.objects.filter(app_label="search", model="searchentry").first()
    if content_type is not None:
        IndexEntry.objects.filter(content_type=content_type).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_terms_rules_failures"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
        migrations.RunPython(forget_old_index_rows, migrations.RunPython.noop),
    ]
