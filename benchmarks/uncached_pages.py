"""Uncached pages under gunicorn: what staff, editors, trainers and the first reader after
each publish get. Production settings with the anonymous page cache off
(``RUTA_PAGE_CACHE_SECONDS=0``), SQLite, 2 sync gunicorn workers on loopback, wrk as the
load client, a static file from the same server as the ceiling (measured first and last).

    .venv/bin/python benchmarks/uncached_pages.py [--duration 20] [--connections 10]
        [--readers 50 --readers-duration 60] [--mode pages|staff|readers|both|all]

Pages: for each page, req/s, p50/p95, the workers' CPU ms per request (utime + stime of
the two workers from /proc, divided by the requests answered: much less sensitive to the
other work on a shared machine than the wall clock) and the SQL queries one request runs
(anonymous, counted in a separate process with Django's test client).
Staff: the organisation page with staff details, the referral list and a referral's page
as a verified (two-factor) directory staff member, the admin dashboard as the superuser:
req/s, CPU ms per request and the queries of one request ("both" = pages and readers,
"all", the default, adds the staff pages).
Readers: N signed-in readers (one session each, one connection each) rotate through the
same pages for the given time; prints req/s, p50, p95 and CPU ms per request.
Every figure carries the 1-minute load average.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import urllib.request

from benchmarks._server import ROOT, gunicorn, prepare_site, production_env, workdir

TARGET_CPU_MS = {"edition": 20, "phase": 20}
SEARCH = "/es/directorio/?q=atencion+psicologica&province=EC-O&free=1"

DISCOVER = r"""
import json, os, re
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.utils import translation
from wagtail.models import Page
from protocol_pages.models import ProtocolIndexPage
readers, search = int(os.environ["RUTA_BENCH_READERS"]), os.environ["RUTA_BENCH_URL"]
def first(app_label, depth):
    page = (Page.objects.live().filter(content_type__app_label=app_label, depth=depth)
            .order_by("path").first())
    return page.specific if page else None
client = Client(HTTP_HOST="127.0.0.1")
with translation.override("es"):
    edition = ProtocolIndexPage.objects.live().first().classify_editions()[0]
    phase = edition.route_sections()["phases"][0]
    module = first("training", 4)
    directory = client.get("/es/directorio/").content.decode()
    organisation = re.search(r'href="(/es/directorio/(?!cobertura/)[a-z0-9-]+/)"', directory)
    urls = {"home": "/es/", "edition": edition.url, "phase": phase.url,
            "organisation": organisation.group(1), "module": module.url, "directory": search}
def count_queries(client, url):
    # The SQL queries of one warm request (request_started empties connection.queries).
    client.get(url)
    captured = []
    def record(execute, sql, params, many, context):
        captured.append(sql)
        return execute(sql, params, many, context)
    with connection.execute_wrapper(record):
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured)
queries = {name: count_queries(client, url) for name, url in urls.items()}
# Staff: a verified (two-factor) directory staff member and the superuser.
from importlib import import_module
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from referrals.access import permission_policy
from referrals.demo import STAFF_USERS
from website.demo import ADMIN_USERNAME
store = import_module(settings.SESSION_ENGINE).SessionStore
staff_cookies, staff_urls = {}, {}
for role, username in (("staff", STAFF_USERS[0]), ("admin", ADMIN_USERNAME)):
    user = get_user_model().objects.get(username=username)
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="bench", defaults={"confirmed": True}
    )
    session = store()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.create()
    staff_cookies[role] = f"{settings.SESSION_COOKIE_NAME}={session.session_key}"
    if role == "staff":
        visible = permission_policy.instances_user_has_permission_for(user, "view")
        referral = visible.order_by("pk").first()
        member = user.memberships.select_related("organization").first().organization
        directory_url = urls["organisation"].rsplit("/", 2)[0]
        staff_urls["organisation, staff details"] = ("staff", f"{directory_url}/{member.slug_es}/")
        staff_urls["referral list"] = ("staff", reverse("referrals:list"))
        staff_urls["referral detail"] = ("staff", reverse("referrals:detail", args=[referral.pk]))
staff_urls["admin dashboard"] = ("admin", reverse("wagtailadmin_home"))
staff_queries = {}
for name, (role, url) in staff_urls.items():
    client = Client(HTTP_HOST="127.0.0.1", secure=True)
    client.cookies[settings.SESSION_COOKIE_NAME] = staff_cookies[role].split("=", 1)[1]
    staff_queries[name] = count_queries(client, url)
cookies = []
for number in range(readers):
    user, _ = get_user_model().objects.get_or_create(username=f"bench-reader-{number}")
    reader = Client()
    reader.force_login(user)
    cookies.append(f"{settings.SESSION_COOKIE_NAME}={reader.cookies[settings.SESSION_COOKIE_NAME].value}")
print("RUTA_JSON " + json.dumps({"urls": urls, "queries": queries, "cookies": cookies,
      "staff": {"urls": staff_urls, "queries": staff_queries, "cookies": staff_cookies}}))
"""


def discover(env, readers, search):
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", DISCOVER],
        cwd=ROOT,
        env={**env, "RUTA_BENCH_READERS": str(readers), "RUTA_BENCH_URL": search},
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise RuntimeError(f"discovering the pages failed:\n{result.stderr[-3000:]}")
    line = next(line for line in result.stdout.splitlines() if line.startswith("RUTA_JSON "))
    return json.loads(line.removeprefix("RUTA_JSON "))


def worker_pids(port):
    """The gunicorn processes serving ``port``: those holding its listening socket (gunicorn
    renames its processes, so their command lines do not tell)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if fields[1].endswith(f":{port:04X}") and fields[3] == "0A":  # LISTEN
                inodes.add(f"socket:[{fields[9]}]")
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            links = {os.readlink(fd) for fd in (entry / "fd").iterdir()}
        except OSError:
            continue
        if links & inodes:
            pids.append(int(entry.name))
    if not pids:
        raise RuntimeError(f"no process listens on port {port}")
    return pids


def cpu_seconds(pids):
    """utime + stime of these processes, in seconds."""
    ticks = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def wrk(url, duration, connections, threads=2, script="wrk_report.lua", env=None, cookie=None):
    result = subprocess.run(
        [
            "wrk",
            *(("-H", f"Cookie: {cookie}") if cookie else ()),
            f"-t{threads}",
            f"-c{connections}",
            f"-d{duration}s",
            "--timeout",
            "10s",
            "--latency",
            "-s",
            str(ROOT / "benchmarks" / script),
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **(env or {})},
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("RUTA_JSON "))
    figures = json.loads(line.removeprefix("RUTA_JSON "))
    figures["rps"] = figures["requests"] / (figures["duration_us"] / 1e6)
    return figures


def measured(pids, run):
    """Run ``run()`` (a wrk call); add the workers' CPU ms per request and the load."""
    load_before, cpu_before = os.getloadavg()[0], cpu_seconds(pids)
    figures = run()
    figures["cpu_ms"] = (cpu_seconds(pids) - cpu_before) * 1000 / max(figures["requests"], 1)
    figures["load"] = (load_before + os.getloadavg()[0]) / 2
    return figures


def static_path(base):
    with urllib.request.urlopen(f"{base}/es/", timeout=60) as response:  # noqa: S310
        home = response.read().decode()
    found = re.search(r'href="(/static/website/css/ruta[^"]*\.css)"', home)
    return found.group(1) if found else "/static/website/css/ruta.css"


def pages(base, pids, found, args):
    static = static_path(base)
    rows = [("static file (ceiling)", static, None)]
    rows += [(name, url, found["queries"][name]) for name, url in found["urls"].items()]
    rows.append(("static file (ceiling, again)", static, None))
    print(f"\nwarming {len(rows)} URLs …", flush=True)
    for _name, url, _q in rows:
        wrk(f"{base}{url}", 2, args.connections)
    results = []
    for name, url, queries in rows:
        figures = measured(
            pids, lambda url=url: wrk(f"{base}{url}", args.duration, args.connections)
        )
        results.append((name, url, queries, figures))
        print(
            f"  {name}: {figures['rps']:.0f} req/s, {figures['cpu_ms']:.1f} ms CPU per request"
            f" (load {figures['load']:.2f})",
            flush=True,
        )
    ceiling = sum(f["rps"] for n, _u, _q, f in results if n.startswith("static")) / 2
    print(
        f"\nUncached pages, wrk {args.connections} connections, {args.duration} s each; "
        f"ceiling = mean of the two static runs = {ceiling:.0f} req/s\n"
        "\n| page | req/s | × static | p50 ms | p95 ms | CPU ms per request | SQL queries "
        "| errors | load avg |\n|---|---|---|---|---|---|---|---|---|"
    )
    failed = []
    for name, url, queries, f in results:
        errors = f["socket_errors"] + f["status_errors"]
        target = TARGET_CPU_MS.get(name)
        if target is not None and f["cpu_ms"] > target:
            failed.append(f"{name} {f['cpu_ms']:.1f} ms CPU > {target}")
        if errors:
            failed.append(f"{name}: {errors} errors")
        print(
            f"| {name} (`{url}`) | {f['rps']:.0f} | {f['rps'] / ceiling:.2f} | "
            f"{f['p50_us'] / 1000:.1f} | {f['p95_us'] / 1000:.1f} | {f['cpu_ms']:.1f} | "
            f"{'' if queries is None else queries} | {errors} | {f['load']:.2f} |"
        )
    return failed


def staff(base, pids, found, args):
    """The pages staff use, each with its user's verified session: CPU and queries."""
    staff_found = found["staff"]
    print("\nstaff pages …", flush=True)
    print(
        "\n| staff page (signed in, verified) | req/s | p50 ms | p95 ms | CPU ms per request "
        "| SQL queries | errors | load avg |\n|---|---|---|---|---|---|---|---|"
    )
    failed = []
    for name, (role, url) in staff_found["urls"].items():
        cookie = staff_found["cookies"][role]
        wrk(f"{base}{url}", 2, args.connections, cookie=cookie)  # warm
        f = measured(
            pids,
            lambda url=url, cookie=cookie: wrk(
                f"{base}{url}", args.duration, args.connections, cookie=cookie
            ),
        )
        errors = f["socket_errors"] + f["status_errors"]
        if errors:
            failed.append(f"{name}: {errors} errors")
        print(
            f"| {name} (`{url}`) | {f['rps']:.0f} | {f['p50_us'] / 1000:.1f} | "
            f"{f['p95_us'] / 1000:.1f} | {f['cpu_ms']:.1f} | {staff_found['queries'][name]} | "
            f"{errors} | {f['load']:.2f} |",
            flush=True,
        )
    return failed


def readers(base, pids, found, args):
    paths = list(found["urls"].values())
    env = {"RUTA_PATHS": ",".join(paths), "RUTA_COOKIES": ",".join(found["cookies"])}
    print(f"\n{args.readers} signed-in readers for {args.readers_duration} s …", flush=True)
    wrk(f"{base}/es/", 3, args.readers, args.readers, "wrk_readers.lua", env)  # warm
    f = measured(
        pids,
        lambda: wrk(
            f"{base}/es/", args.readers_duration, args.readers, args.readers, "wrk_readers.lua", env
        ),
    )
    errors = f["socket_errors"] + f["status_errors"]
    print(
        f"\n| signed-in readers | seconds | requests | req/s | p50 ms | p95 ms | CPU ms per "
        f"request | errors | load avg |\n|---|---|---|---|---|---|---|---|---|\n"
        f"| {args.readers} | {args.readers_duration} | {f['requests']} | {f['rps']:.0f} | "
        f"{f['p50_us'] / 1000:.0f} | {f['p95_us'] / 1000:.0f} | {f['cpu_ms']:.1f} | {errors} | "
        f"{f['load']:.2f} |"
    )
    failed = [f"{errors} errors"] if errors else []
    if f["rps"] < 100 or f["p95_us"] > 500_000:
        failed.append(f"readers: {f['rps']:.0f} req/s, p95 {f['p95_us'] / 1000:.0f} ms")
    return failed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--mode", choices=["pages", "staff", "readers", "both", "all"], default="all"
    )
    parser.add_argument("--duration", type=int, default=20)
    parser.add_argument("--connections", type=int, default=10)
    parser.add_argument("--readers", type=int, default=50)
    parser.add_argument("--readers-duration", type=int, default=60)
    parser.add_argument("--site", help="reuse a site prepared in this folder (kept)")
    args = parser.parse_args()
    print(
        f"{time.strftime('%Y-%m-%d %H:%M %Z')}: {os.cpu_count()} cores, gunicorn 2 sync "
        "workers, production settings, SQLite, page cache off; load average "
        + ", ".join(f"{value:.2f}" for value in os.getloadavg()),
        flush=True,
    )
    with workdir() as tmp:
        folder = Path(args.site) if args.site else tmp
        env = production_env(folder, RUTA_PAGE_CACHE_SECONDS="0")
        keys = folder / "env.json"  # a reused site keeps its keys (referrals are encrypted)
        if keys.exists():
            env.update(json.loads(keys.read_text()))
        if not (folder / "bench.sqlite3").exists():
            prepare_site(env)
            kept = ("DJANGO_SECRET_KEY", "REFERRAL_ENCRYPTION_KEYS")
            keys.write_text(json.dumps({name: env[name] for name in kept}))
        found = discover(env, args.readers, os.environ.get("RUTA_BENCH_SEARCH", SEARCH))
        with gunicorn(env, workers=2) as base:
            pids = worker_pids(int(base.rsplit(":", 1)[1]))
            failed = []
            if args.mode in ("pages", "both", "all"):
                failed += pages(base, pids, found, args)
            if args.mode in ("staff", "all"):
                failed += staff(base, pids, found, args)
            if args.mode in ("readers", "both", "all"):
                failed += readers(base, pids, found, args)
    print("\nTargets: " + ("all met" if not failed else "NOT met: " + "; ".join(failed)))
    print("load average at the end: " + ", ".join(f"{v:.2f}" for v in os.getloadavg()))


if __name__ == "__main__":
    main()
