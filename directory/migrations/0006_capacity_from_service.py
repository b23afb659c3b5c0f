"""The staff-only ``Service.capacity`` and ``vacancies`` become the service's first bed
count (``ServiceCapacity``): vacancies are what is free, capacity the maximum. They carried
no date, so the count is dated by the service's last change (and is shown as stale)."""

from django.db import migrations


def forward(apps, schema_editor):
    Service = apps.get_model("directory", "Service")
    ServiceCapacity = apps.get_model("directory", "ServiceCapacity")
    counts = []
    services = Service.objects.exclude(capacity=None, vacancies=None)
    for service in services.only("id", "capacity", "vacancies", "last_modified"):
        available = service.vacancies
        if available is None:  # only the size was known: nothing says what is free
            continue
        maximum = service.capacity
        if maximum is not None and maximum < available:
            maximum = available
        counts.append(
            ServiceCapacity(
                service_id=service.id,
                unit="beds",
                available=available,
                maximum=maximum,
                updated=service.last_modified,
                is_current=True,
            )
        )
    ServiceCapacity.objects.bulk_create(counts)


def backward(apps, schema_editor):
    Service = apps.get_model("directory", "Service")
    ServiceCapacity = apps.get_model("directory", "ServiceCapacity")
    for count in ServiceCapacity.objects.filter(is_current=True, unit="beds"):
        Service.objects.filter(pk=count.service_id).update(
            vacancies=count.available, capacity=count.maximum
        )


class Migration(migrations.Migration):
    dependencies = [("directory", "0005_upkeep")]

    operations = [migrations.RunPython(forward, backward)]
