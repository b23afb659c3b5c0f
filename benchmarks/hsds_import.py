"""HSDS import speed: a synthetic (fictional) HSDS 3 data package of N services, imported
into a throwaway database with ``directory.hsds_import`` — validation (frictionless),
mapping, the bulk writes and the one search rebuild after the commit — printing progress
and the time of each part. Goal: 10,000 services in at most 2 minutes.

    .venv/bin/python benchmarks/hsds_import.py [--services 10000] [--format csv|json]
    bash scripts/with_postgres.sh .venv/bin/python benchmarks/hsds_import.py

SQLite in a temporary folder unless DATABASE_URL is set by scripts/with_postgres.sh.
"""

import argparse
import csv
import json
import random
import shutil
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from directory_search import CANTONS, WORDS, setup_django

NAMESPACE = uuid.UUID("9a0e5a55-4f0c-4d3b-8f8e-5b0b0c1d2e3f")
PER_ORGANIZATION = 10


def uid(*parts):
    return str(uuid.uuid5(NAMESPACE, "/".join(str(p) for p in parts)))


def tables(count, seed=7):
    """Rows of each HSDS table for ``count`` services (every tenth place confidential)."""
    from directory.models import TaxonomyTerm

    rng = random.Random(seed)
    terms = {
        t.code: str(t.pk)
        for t in TaxonomyTerm.objects.filter(taxonomy__code="ruta-service-categories")
    }
    rows = {
        name: []
        for name in (
            "organization",
            "location",
            "address",
            "service",
            "service_at_location",
            "phone",
            "schedule",
            "language",
            "attribute",
        )
    }
    for number in range(count // PER_ORGANIZATION):
        province = rng.choice(list(CANTONS))
        canton = rng.choice(CANTONS[province])
        org, place = uid("org", number), uid("loc", number)
        rows["organization"].append(
            {
                "id": org,
                "name": f"Fundación Sintética {number} (demo)",
                "description": f"Organización ficticia en {canton}.",
            }
        )
        rows["location"].append(
            {
                "id": place,
                "organization_id": org,
                "location_type": "physical",
                "name": f"Sede {canton} {number}",
                "latitude": -1.5,
                "longitude": -78.5,
            }
        )
        rows["address"].append(
            {
                "id": uid("adr", number),
                "location_id": place,
                "address_1": f"Calle {number}",
                "city": canton,
                "state_province": province,
                "country": "EC",
                "address_type": "physical",
                "postal_code": "170101",
            }
        )
        for index in range(PER_ORGANIZATION):
            title, text, code = rng.choice(WORDS)
            service = uid("svc", number, index)
            rows["service"].append(
                {
                    "id": service,
                    "organization_id": org,
                    "status": "active",
                    "name": f"{title} {number}-{index}",
                    "description": text,
                    "fees_description": rng.choice(["Gratuito", "Sin costo", "USD 5"]),
                }
            )
            rows["service_at_location"].append(
                {"id": uid("sal", number, index), "service_id": service, "location_id": place}
            )
            rows["phone"].append(
                {
                    "id": uid("tel", number, index),
                    "service_id": service,
                    "number": f"02 2{number % 100:02d} {index:04d}",
                    "type": "voice",
                }
            )
            rows["schedule"].append(
                {
                    "id": uid("hor", number, index),
                    "service_id": service,
                    "freq": "WEEKLY",
                    "byday": "MO,TU,WE,TH,FR",
                    "opens_at": "08:00:00",
                    "closes_at": "17:00:00",
                }
            )
            rows["language"].append(
                {
                    "id": uid("idi", number, index),
                    "service_id": service,
                    "code": "es",
                    "name": "Español",
                }
            )
            rows["attribute"].append(
                {
                    "id": uid("att", number, index),
                    "link_id": service,
                    "link_entity": "service",
                    "taxonomy_term_id": terms[code],
                }
            )
    return rows


def write_package(folder, rows, kind):
    from directory.hsds_import.tabular import official_descriptor

    folder.mkdir(parents=True, exist_ok=True)
    if kind == "json":
        path = folder / "tabular.json"
        paths = {r["name"]: r["path"] for r in official_descriptor()["resources"]}
        path.write_text(
            json.dumps({paths[name]: data for name, data in rows.items()}), encoding="utf-8"
        )
        return path
    resources = []
    for resource in official_descriptor()["resources"]:
        data = rows.get(resource["name"])
        if not data:
            continue
        columns = [f["name"] for f in resource["schema"]["fields"]]
        with (folder / resource["path"]).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(data)
        resources.append({"name": resource["name"], "path": resource["path"]})
    (folder / "datapackage.json").write_text(json.dumps({"resources": resources}), encoding="utf-8")
    return folder


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=10_000)
    parser.add_argument("--format", choices=["csv", "json"], default="csv")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="ruta-bench-import-"))
    try:
        database = setup_django(workdir)
        from directory.hsds_import.runner import run_import
        from directory.hsds_import.sources import open_path
        from directory.models import Service
        from search.models import SearchEntry

        rows = tables(args.services)
        path = write_package(workdir / "package", rows, args.format)
        print(
            f"{database}: {sum(len(r) for r in rows.values())} rows, {args.services} services "
            f"({args.format})",
            flush=True,
        )
        started = last = time.monotonic()

        def progress(label, done, total):
            nonlocal last
            now = time.monotonic()
            print(f"  {now - started:6.1f} s  {label}: {done}/{total}", flush=True)
            last = now

        from infra.bulk import changed_in_bulk

        def rebuilt(sender, **kwargs):  # connected after the search app's receiver: runs after it
            print(f"  {time.monotonic() - started:6.1f} s  search index rebuilt", flush=True)

        changed_in_bulk.connect(rebuilt, weak=False)
        report = run_import(open_path(path), progress=progress)
        elapsed = time.monotonic() - started
        created, updated, rejected = report.totals
        print(
            f"Imported: created {created}, updated {updated}, rejected {rejected}; "
            f"{Service.objects.count()} services, {SearchEntry.objects.count()} search entries"
        )
        print(
            f"Total (read, validate, write, search rebuild): {elapsed:.1f} s "
            f"({'within' if elapsed <= 120 else 'OVER'} the 120 s goal)"
        )
        if rejected or not report.committed:
            raise SystemExit("The synthetic package should import without rejections.")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
