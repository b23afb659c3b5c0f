"""Every field of every directory model is decided: public, confidential, staff-only or
internal (``directory.fields``), so a new field cannot reach one output and miss another."""

import pytest
from django.apps import apps
from django.db import models
from django.test.utils import isolate_apps

from directory import fields
from directory.display import service_data
from directory.fields import public_values
from directory.models import Contact, Location, Phone, Service, ServiceCapacity
from directory.selectors import public_services
from directory.serializers import hsds_service

LISTS = (fields.PUBLIC, fields.CONFIDENTIAL, fields.STAFF_ONLY, fields.INTERNAL)


def model_fields(model):
    """The model's own columns and many-to-many fields, translated columns (``name_es``)
    by their base name; fields inherited from a concrete parent (a Wagtail page's) are the
    parent's."""
    names = set()
    for field in model._meta.get_fields():
        if field.auto_created and not field.concrete:
            continue  # the other side of a relation: that model's field
        if not (field.concrete or field.many_to_many):
            continue
        if field.model is model:
            names.add(getattr(field, "translated_field", field).name)
    return names


def undecided(model):
    return sorted(model_fields(model) - set(fields.fields_in(model, *LISTS)))


def directory_models():
    return list(apps.get_app_config("directory").get_models())


@pytest.mark.parametrize("model", directory_models(), ids=lambda model: model.__name__)
def test_every_field_is_in_exactly_one_list(model):
    assert model.__name__ in fields.FIELDS, "add the model to directory/fields.py"
    assert undecided(model) == [], "decide these fields in directory/fields.py"
    listed = fields.fields_in(model, *LISTS)
    assert len(listed) == len(set(listed)), "a field is in two lists"
    assert set(listed) <= model_fields(model), "directory/fields.py names a field that is gone"


@isolate_apps("directory")
def test_a_field_added_to_no_list_is_reported():
    class Service(models.Model):  # noqa: DJ008 # the real Service's lists, one new field
        name = models.CharField(max_length=10)
        intake_notes = models.TextField()
        safe_word = models.CharField(max_length=10)

        class Meta:
            app_label = "directory"

    assert undecided(Service) == ["safe_word"]


def test_the_allow_list_refuses_what_it_does_not_publish():
    assert fields.require_public(Service, "name", "is_free") == ("name", "is_free")
    for name in fields.staff_only_fields(Service):
        with pytest.raises(fields.NotPublic):
            fields.require_public(Service, name)
    with pytest.raises(fields.NotPublic):
        fields.require_public(Location, "address_1")
    assert fields.require_public(Location, "address_1", reveal=True) == ("address_1",)
    with pytest.raises(fields.NotPublic):
        fields.require_public(ServiceCapacity, "available", reveal=True)


def test_what_an_import_may_change():
    assert "available" in fields.staff_only_fields(ServiceCapacity)
    assert "address_1" in fields.confidential_fields(Location)
    assert "canton" in fields.public_fields(Location)
    assert fields.lowers_confidentiality(Location, True, False)
    assert not fields.lowers_confidentiality(Location, False, True)  # raising is allowed
    assert fields.lowers_confidentiality(Phone, True, False)
    assert fields.lowers_confidentiality(Contact, False, True)
    assert not fields.lowers_confidentiality(Service, True, False)  # no flag


@pytest.mark.django_db
def test_pages_and_hsds_carry_the_public_fields_and_no_other(sample):
    service = public_services().get(pk=sample["shelter_service"].pk)
    columns = set(public_values(service))
    shown = service_data(service)
    assert columns <= set(shown)  # a new public field reaches the page's data
    assert not set(shown) & set(fields.staff_only_fields(Service))
    assert shown["staff"] is None
    published = hsds_service(service)
    nested = {"phones", "schedules", "service_at_locations", "languages", "organization"}
    nested |= {"contacts", "attributes"}
    assert set(published) - nested <= columns
    assert {"organization_id", "minimum_age", "assured_date"} <= set(published)
