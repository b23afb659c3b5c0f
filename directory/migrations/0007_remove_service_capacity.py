from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("directory", "0006_capacity_from_service")]

    operations = [
        migrations.RemoveField(model_name="service", name="capacity"),
        migrations.RemoveField(model_name="service", name="vacancies"),
    ]
