"""Builds the relevance suite's fictional directory (``directory.yaml``) with the factories."""

from pathlib import Path

import yaml

from directory.factories import (
    LocationFactory,
    OrganizationFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
    category,
    population,
)
from directory.models import Language

HERE = Path(__file__).parent
FIELDS = {
    "key",
    "org",
    "province",
    "canton",
    "categories",
    "populations",
    "languages",
    "free",
    "confidential",
    "name",
    "description",
    "name_en",
    "description_en",
}


def load(name):
    return yaml.safe_load((HERE / name).read_text(encoding="utf-8"))


def build_directory():
    """{service id: key} of the services made from ``directory.yaml``."""
    data = load("directory.yaml")
    organizations = {
        key: OrganizationFactory(
            name=org["name"], description_es=org["description"], description_en=""
        )
        for key, org in data["organizations"].items()
    }
    keys = {}
    for row in data["services"]:
        unknown = set(row) - FIELDS
        assert not unknown, f"{row.get('key')}: unknown fields {unknown} (quote texts with commas)"
        organization = organizations[row["org"]]
        service = ServiceFactory(
            organization=organization,
            name=row["name"],
            name_es=row["name"],
            name_en=row.get("name_en") or "",
            description=row["description"],
            description_es=row["description"],
            description_en=row.get("description_en") or "",
            is_free=row.get("free", True),
            fees_description="" if row.get("free", True) else "Tarifa según ingresos",
            categories=[category(code) for code in row["categories"]],
            populations=[population(code) for code in row.get("populations") or []],
        )
        place = LocationFactory(
            organization=organization,
            canton=row["canton"],
            province=row["province"],
            is_confidential=row.get("confidential", False),
        )
        ServiceAtLocationFactory(service=service, location=place)
        for code, name in row.get("languages") or []:
            Language.objects.create(service=service, code=code, name=name)
        keys[str(service.pk)] = row["key"]
    return keys
