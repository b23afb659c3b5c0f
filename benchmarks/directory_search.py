"""Directory search latency with the database search backend, at several directory sizes.

For each size, generates that many synthetic (fictional) services in a throwaway database,
builds the search entries, then times the directory query layer
(``search.directory.browse_directory``: search, filters, facet counts, 20 results through
the public serialisers) over a mix of realistic queries, and prints:
- the first search after a directory change (the in-memory snapshot is rebuilt);
- "cold" p50/p95: every query with the remembered result cards dropped first;
- "warm" p50/p95: the same queries again (what repeated and paged searches see).

    .venv/bin/python benchmarks/directory_search.py [--services 1000 10000 100000] [--rounds 5]
    bash scripts/with_postgres.sh .venv/bin/python benchmarks/directory_search.py --services 10000

SQLite (the embedded default) in a temporary folder unless DATABASE_URL is set by
scripts/with_postgres.sh (a throwaway PostgreSQL server). Goal: p95 <= 50 ms at 10,000
services. Never touches the development database.
"""

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

QUERIES = [
    {"q": "atencion psicologica adolescentes Machala"},
    {"q": "albergue mujeres"},
    {"q": "asesoria legal extranjeros"},
    {"q": "casa de acogida", "province": "EC-P"},
    {"q": "psicolojica"},
    {"q": "salud", "free": "1"},
    {"q": "denuncia trata", "open_now": "1"},
    {"province": "EC-G"},
    {"category": "shelter", "open_24_hours": "1"},
    {"population": "migrants", "language": "qu"},
    {"q": "refugio", "sort": "distance", "near": "EC-O"},
    {},
]
CANTONS = {
    "EC-P": ["Quito", "Cayambe", "Mejía", "Rumiñahui"],
    "EC-G": ["Guayaquil", "Durán", "Samborondón", "Milagro"],
    "EC-O": ["Machala", "Pasaje", "Huaquillas", "Santa Rosa"],
    "EC-A": ["Cuenca", "Gualaceo"],
    "EC-M": ["Manta", "Portoviejo"],
    "EC-E": ["Esmeraldas", "Quinindé"],
    "EC-U": ["Lago Agrio"],
    "EC-L": ["Loja"],
    "EC-W": ["Puerto Ayora"],
}
WORDS = [
    ("Acogida temporal", "Alojamiento protegido y acompañamiento las 24 horas.", "shelter"),
    ("Atención psicológica", "Primera ayuda psicológica y terapia grupal.", "psychological"),
    ("Atención médica", "Consulta médica general y salud sexual y reproductiva.", "medical"),
    ("Asesoría legal", "Orientación jurídica y patrocinio en el proceso penal.", "legal"),
    ("Recepción de denuncias", "Denuncias y medidas de protección.", "complaint"),
    ("Formación ocupacional", "Cursos de oficios y búsqueda de empleo.", "vocational"),
    ("Orientación en movilidad humana", "Regularización migratoria y refugio.", "mobility"),
]


def setup_django(workdir):
    if os.environ.get("DATABASE_URL") and not os.environ.get("RUTA_PG_DATA"):
        raise SystemExit("Refusing to run on DATABASE_URL: use scripts/with_postgres.sh")
    os.environ["RUTA_VAR_DIR"] = str(workdir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "website.settings.test"
    sys.path.insert(0, str(ROOT))
    import django
    from django.conf import settings

    django.setup()
    database = settings.DATABASES["default"]
    vendor = database["ENGINE"].rsplit(".", 1)[-1]
    if vendor == "sqlite3" and not Path(database["NAME"]).is_relative_to(workdir):
        raise SystemExit(f"Refusing to run: the database {database['NAME']} is outside {workdir}")
    settings.MEDIA_ROOT = workdir / "media"
    from django.core.management import call_command

    print(f"Migrating a throwaway {vendor} database …", flush=True)
    call_command("migrate", "--noinput", verbosity=0)
    return "SQLite" if vendor == "sqlite3" else "PostgreSQL"


def generate(count, seed=5):
    from directory.models import (
        Language,
        Location,
        Organization,
        Schedule,
        Service,
        ServiceAtLocation,
        TaxonomyTerm,
    )
    from directory.vocabulary import ensure_vocabularies

    ensure_vocabularies()
    rng = random.Random(seed)
    terms = {(t.taxonomy.code, t.code): t for t in TaxonomyTerm.objects.select_related("taxonomy")}
    populations = [t for (tax, _c), t in terms.items() if tax == "ruta-populations"]
    per_org = 20
    organizations, locations, services = [], [], []
    categories_through, populations_through, links, languages, schedules = [], [], [], [], []
    for number in range(count // per_org):
        province = rng.choice(list(CANTONS))
        canton = rng.choice(CANTONS[province])
        name = f"Fundación Sintética {number} (demo)"
        organization = Organization(
            name=name,
            slug=f"fundacion-sintetica-{number}",
            slug_es=f"fundacion-sintetica-{number}",
            slug_en=f"synthetic-foundation-{number}",
            description=f"Organización ficticia de prueba en {canton}.",
            description_es=f"Organización ficticia de prueba en {canton}.",
            description_en=f"Fictional test organisation in {canton}.",
            is_demo=True,
        )
        organizations.append(organization)
        location = Location(
            organization=organization,
            name=f"Sede {canton}",
            canton=canton,
            province=province,
            is_confidential=rng.random() < 0.3,
        )
        locations.append(location)
        for index in range(per_org):
            title, text, code = rng.choice(WORDS)
            service = Service(
                organization=organization,
                name=f"{title} {number}-{index}",
                name_es=f"{title} {number}-{index}",
                name_en=f"Service {number}-{index}",
                description=text,
                description_es=text,
                description_en="Fictional service.",
                is_free=rng.random() < 0.8,
                fees_description="Tarifa social",
            )
            services.append(service)
            links.append(ServiceAtLocation(service=service, location=location))
            categories_through.append(
                Service.categories.through(
                    service=service, taxonomyterm=terms[("ruta-service-categories", code)]
                )
            )
            for term in rng.sample(populations, 2):
                populations_through.append(
                    Service.populations.through(service=service, taxonomyterm=term)
                )
            languages.append(Language(service=service, code="es", name="Español"))
            if rng.random() < 0.1:
                languages.append(Language(service=service, code="qu", name="Kichwa"))
            if code == "shelter":
                schedules.append(Schedule(service=service, open_24_hours=True))
            else:
                schedules.extend(
                    Schedule(service=service, byday=day, opens_at="08:00", closes_at="17:00")
                    for day in ("MO", "TU", "WE", "TH", "FR")
                )
    for model_objects in (
        organizations,
        locations,
        services,
        links,
        categories_through,
        populations_through,
        languages,
        schedules,
    ):
        type(model_objects[0]).objects.bulk_create(model_objects, batch_size=1000)
        print(f"  {len(model_objects)} {type(model_objects[0])._meta.verbose_name_plural}")
    return len(services)


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timed(params):
    from search.directory import browse_directory

    begin, cpu = time.perf_counter(), time.process_time()
    data = browse_directory(params)
    timed.cpu.append((time.process_time() - cpu) * 1000)
    return (time.perf_counter() - begin) * 1000, data["total"]


# CPU time of this process per search (SQLite: all of it; PostgreSQL: not the server's)
timed.cpu = []


def measure(size, rounds):
    """Generate ``size`` services and time the queries; returns a row of the summary."""
    from django.core.management import call_command

    from search.backends.freshness import forget
    from search.backends.snapshot import directory_memory
    from search.indexer import rebuild_entries
    from search.models import SearchRule
    from search.seed import seed_rules

    call_command("flush", "--noinput", verbosity=0)
    seed_rules(SearchRule)  # the flush removed the rules every installation starts with
    started = time.perf_counter()
    print(f"\n=== {size:,} services ===\nGenerating …", flush=True)
    made = generate(size)
    print(f"Building search entries for {made} services …", flush=True)
    entries = rebuild_entries(
        progress=lambda label, done, total: (
            print(f"  {label}: {done}/{total}", flush=True) if done % 5000 == 0 else None
        )
    )
    print(f"{entries} entries; data ready in {time.perf_counter() - started:.1f} s")
    forget()
    first_ms, _total = timed({"q": "albergue mujeres"})  # builds the snapshot
    for params in QUERIES:  # warm the vocabulary and statistics
        timed(params)
    cold, warm, per_query, cold_cpu = [], [], {}, []
    for round_number in range(1, rounds + 1):
        for params in QUERIES:
            directory_memory().cards.clear()
            ms, total = timed(params)
            cold.append(ms)
            cold_cpu.append(timed.cpu[-1])
            per_query.setdefault(str(params), []).append((ms, total))
            warm.append(timed(params)[0])
        print(f"  round {round_number}/{rounds} done", flush=True)
    print("Per query (cold median ms, results):")
    for key, runs in per_query.items():
        print(f"  {statistics.median(ms for ms, _t in runs):7.1f}  {runs[0][1]:6d}  {key}")
    return {
        "services": made,
        "first": first_ms,
        "cold": (percentile(cold, 0.50), percentile(cold, 0.95)),
        "warm": (percentile(warm, 0.50), percentile(warm, 0.95)),
        "cold_cpu": percentile(cold_cpu, 0.95),
        "searches": len(cold),
        "load": os.getloadavg()[0],  # the machine may be shared
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="ruta-bench-search-"))
    try:
        database = setup_django(workdir)
        from django.utils import translation

        translation.activate("es")
        rows = [measure(size, args.rounds) for size in args.services]
        print(f"\nDirectory search, {database}, database backend ({len(QUERIES)} queries):")
        print(
            "| services | first search after a change ms "
            "| cold p50 | cold p95 | warm p50 | warm p95 | cold p95 CPU | load |"
        )
        print("|---|---|---|---|---|---|---|---|")
        for row in rows:
            print(
                f"| {row['services']:,} | {row['first']:.0f} | {row['cold'][0]:.1f} | "
                f"{row['cold'][1]:.1f} | {row['warm'][0]:.1f} | {row['warm'][1]:.1f} | "
                f"{row['cold_cpu']:.1f} | {row['load']:.2f} |"
            )
        for row in rows:
            if row["services"] == 10_000:
                met = "met" if row["cold"][1] <= 50 else "NOT met"
                print(f"Goal p95 <= 50 ms at 10,000 services (cold): {met}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
