"""frictionless on an exported data package: the findings left once the known, deliberate
exceptions are removed (a confidential place's address has no street or postcode, and its
confidential mark is an attribute without a taxonomy term)."""

from frictionless import Package

KNOWN = {
    ("address", "address_1"),
    ("address", "postal_code"),
    ("attribute", "taxonomy_term_id"),
}


def frictionless_findings(folder):
    report = Package(str(folder / "datapackage.json")).validate()
    found = set()
    for task in report.tasks:
        for error in task.errors:
            key = (task.name, getattr(error, "field_name", ""))
            if error.type == "constraint-error" and key in KNOWN:
                continue
            found.add((task.name, error.type, getattr(error, "field_name", ""), error.note))
    return found
