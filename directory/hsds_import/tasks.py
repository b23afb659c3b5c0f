"""Background tasks of admin imports (django-tasks): the dry run, then the import."""

from django_tasks import task

from . import records


@task()
def check_import(record_id):
    records.check(record_id)


@task()
def run_confirmed_import(record_id):
    records.run(record_id)
