"""Throughput and latency of Ruta's main pages under gunicorn (2 workers), production-like
settings, on SQLite and on PostgreSQL, against a static file from the same server as the
ceiling. Loopback only; each URL is loaded for --duration seconds by wrk.

    .venv/bin/python benchmarks/http_load.py [--db sqlite|postgres|both] [--duration 10]

Prints one table per database with the 1-minute load average during each URL's run (the
machine may be shared); figures go into docs/performance.md by hand. The static file is
measured first and last; the ceiling is the mean of the two runs.
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
from protocol_pages.models import ProtocolIndexPage
found = {}
def first(app_label, depth):
    page = (Page.objects.live().filter(content_type__app_label=app_label, depth=depth)
            .order_by("path").first())
    return page.specific if page else None
with translation.override("es"):
    index = ProtocolIndexPage.objects.live().first()
    edition = (index.classify_editions()[0] if index else None) or first("protocol_pages", 4)
    phases = edition.route_sections()["phases"] if edition else []
    phase = phases[0] if phases else first("protocol_pages", 5)
    module = first("training", 4)
    if phase: found["protocol phase"] = phase.url
    if module: found["training module"] = module.url
    if edition: found["handbook PDF"] = edition.url + "manual.pdf"
print("RUTA_URLS " + json.dumps(found))
"""
SEARCH = "/es/directorio/?q=atencion+psicologica&province=EC-O&free=1"


def fetch(url):
    with urllib.request.urlopen(url, timeout=120) as response:  # noqa: S310
        return response.read().decode(errors="replace")


def discover(env, base):
    """The URLs to measure, in table order; the static file comes first and last."""
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", DISCOVER],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("RUTA_URLS "))
    found = json.loads(line.removeprefix("RUTA_URLS "))
    home = fetch(f"{base}/es/")
    css = re.search(r'href="(/static/website/css/ruta[^"]*\.css)"', home)
    static = css.group(1) if css else "/static/website/css/ruta.css"
    directory = fetch(f"{base}/es/directorio/")
    # A real organisation page (not the coverage view, which lives under the same prefix).
    organisation = re.search(r'href="(/es/directorio/(?!cobertura/)[a-z0-9-]+/)"', directory)
    if organisation is None:
        raise RuntimeError("no organisation page linked from /es/directorio/")
    urls = [
        ("static file (ceiling)", static),
        ("home", "/es/"),
        ("protocol phase", found.get("protocol phase")),
        ("directory search, query + 2 filters", os.environ.get("RUTA_BENCH_SEARCH", SEARCH)),
        ("organisation page", organisation.group(1)),
        ("training module", found.get("training module")),
        ("HSDS /services", "/api/hsds/services"),
        # The nested shape (the default list before HSDS list views), so figures compare.
        ("HSDS /services?full=true", "/api/hsds/services?full=true"),
        ("handbook PDF", found.get("handbook PDF")),
        ("static file (ceiling, again)", static),
    ]
    missing = [name for name, path in urls if not path]
    if missing:
        raise RuntimeError(f"not found in the demo content: {', '.join(missing)}")
    return urls


def load():
    return os.getloadavg()[0]


def run(database_url, label, duration, connections):
    print(f"\n## {label}", flush=True)
    with workdir() as tmp:
        env = production_env(tmp, database_url)
        prepare_site(env)
        with gunicorn(env, workers=2) as base:
            urls = discover(env, base)
            # Warm each URL in both workers (page cache, search snapshot, built PDFs) with a
            # short run of the same load before measuring; every URL must answer 200.
            for name, path in urls:
                try:
                    fetch(f"{base}{path}")
                except OSError as error:
                    raise RuntimeError(f"warm-up of {name} ({path}) failed: {error}") from error
                wrk(f"{base}{path}", duration=2, connections=connections)
            rows = []
            for name, path in urls:
                before = load()
                figures = wrk(f"{base}{path}", duration=duration, connections=connections)
                figures["load"] = (before + load()) / 2
                rows.append((name, path, figures))
                print(
                    f"  measured {name} ({figures['rps']:.0f} req/s, "
                    f"load average {figures['load']:.2f})",
                    flush=True,
                )
    statics = [f["rps"] for name, _p, f in rows if name.startswith("static")]
    ceiling = sum(statics) / len(statics)
    print(
        f"\n{label}: ceiling = mean of the two static-file runs = {ceiling:.0f} req/s\n"
        "\n| page | req/s | p50 ms | p95 ms | errors | × static | load avg |"
        "\n|---|---|---|---|---|---|---|"
    )
    for name, path, f in rows:
        errors = f["socket_errors"] + f["status_errors"]
        print(
            f"| {name} (`{path}`) | {f['rps']:.0f} | {f['p50_us'] / 1000:.1f} | "
            f"{f['p95_us'] / 1000:.1f} | {errors} | {f['rps'] / ceiling:.2f} | "
            f"{f['load']:.2f} |"
        )
    return rows


def memory_gib():
    try:
        with open("/proc/meminfo") as handle:
            kib = int(handle.readline().split()[1])
    except (OSError, ValueError, IndexError):
        return "?"
    return f"{kib / 1024 / 1024:.0f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, {memory_gib()} GiB, "
        f"{platform.freedesktop_os_release().get('PRETTY_NAME', platform.system())}, Python "
        f"{platform.python_version()}; gunicorn 2 sync workers; wrk {args.connections} "
        f"connections, {args.duration} s per URL; load average "
        + ", ".join(f"{value:.2f}" for value in os.getloadavg())
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
