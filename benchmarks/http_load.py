"""Throughput and latency of Ruta's main pages under gunicorn (2 workers), production-like
settings, on SQLite and on PostgreSQL, against a static file from the same server as the
ceiling. Loopback only; each URL is loaded for --duration seconds by wrk.

    .venv/bin/python benchmarks/http_load.py [--db sqlite|postgres|both] [--duration 10]

Prints one table per database; figures go into docs/performance.md by hand.
"""

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._server import (
    ROOT,
    gunicorn,
    prepare_site,
    production_env,
    workdir,
    wrk,
)

DISCOVER = r"""
import json
from wagtail.models import Page
from django.utils import translation
found = {}
def first(app_label, depth):
    page = (Page.objects.live().filter(content_type__app_label=app_label, depth=depth)
            .order_by("path").first())
    return page.specific if page else None
with translation.override("es"):
    phase = first("protocol_pages", 5)
    edition = first("protocol_pages", 4)
    module = first("training", 4)
    if phase: found["protocol phase"] = phase.url
    if edition: found["handbook PDF"] = edition.url + "manual.pdf"
    if module: found["training module"] = module.url
print("RUTA_URLS " + json.dumps(found))
"""


def discover(env, base):
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", DISCOVER],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("RUTA_URLS "))
    urls = {"home": "/es/", **json.loads(line.removeprefix("RUTA_URLS "))}
    home = urllib.request.urlopen(f"{base}/es/").read().decode()  # noqa: S310
    css = re.search(r'href="(/static/website/css/ruta[^"]*\.css)"', home)
    urls["static file (ceiling)"] = css.group(1) if css else "/static/website/css/ruta.css"
    directory = urllib.request.urlopen(f"{base}/es/directorio/").read().decode()  # noqa: S310
    organisation = re.search(r'href="(/es/directorio/(?!cobertura/)[a-z0-9-]+/)"', directory)
    if organisation:
        urls["organisation page"] = organisation.group(1)
    urls["directory search"] = os.environ.get(
        "RUTA_BENCH_SEARCH", "/es/directorio/?q=atencion+psicologica&province=EC-O&free=1"
    )
    urls["HSDS /services"] = "/api/hsds/services"
    return urls


def run(database_url, label, duration, connections):
    print(f"\n## {label}")
    with workdir() as tmp:
        env = production_env(tmp, database_url)
        prepare_site(env)
        with gunicorn(env, workers=2) as base:
            urls = discover(env, base)
            # Warm each URL once (page cache, built PDFs) before measuring.
            for path in urls.values():
                try:
                    urllib.request.urlopen(f"{base}{path}", timeout=60).read()  # noqa: S310
                except OSError as error:
                    print(f"  warm-up of {path}: {error}")
            rows = []
            for name, path in urls.items():
                figures = wrk(f"{base}{path}", duration=duration, connections=connections)
                rows.append((name, path, figures))
                print(f"  measured {name} ({figures['rps']:.0f} req/s)", flush=True)
    ceiling = next(f["rps"] for name, _p, f in rows if name.startswith("static"))
    print("\n| page | req/s | p50 ms | p95 ms | errors | × static |\n|---|---|---|---|---|---|")
    for name, path, f in rows:
        errors = f["socket_errors"] + f["status_errors"]
        print(
            f"| {name} (`{path}`) | {f['rps']:.0f} | {f['p50_us'] / 1000:.1f} | "
            f"{f['p95_us'] / 1000:.1f} | {errors} | {f['rps'] / ceiling:.2f} |"
        )
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; gunicorn 2 workers; wrk {args.connections} connections, "
        f"{args.duration} s per URL"
    )
    if args.db in ("sqlite", "both"):
        run(None, "SQLite (embedded default)", args.duration, args.connections)
    if args.db in ("postgres", "both"):
        if os.environ.get("DATABASE_URL", "").startswith("postgres"):
            run(os.environ["DATABASE_URL"], "PostgreSQL", args.duration, args.connections)
        else:
            subprocess.run(
                [
                    "bash",
                    "scripts/with_postgres.sh",
                    sys.executable,
                    __file__,
                    "--db",
                    "postgres",
                    "--duration",
                    str(args.duration),
                    "--connections",
                    str(args.connections),
                ],
                cwd=ROOT,
                check=True,
            )


if __name__ == "__main__":
    main()
