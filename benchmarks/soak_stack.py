"""Faults under load on the reference stack (make soak-stack): loopback only, bounded.

Starts deploy/stack.py's stack (PostgreSQL, Redis, two gunicorn servers behind nginx, the
task worker), then for LOAD_SECONDS runs 50 readers (wrk) over the public pages and a stream
of referral writes (benchmarks/_soak_writer.py: durable commits, an idempotency key per
write) while, in turn, application server 1 is killed (SIGKILL) and started again, Redis is
restarted (its cache lost), and PostgreSQL is restarted; then a page is published and read
through nginx until the purge has refreshed it, and read again for FRESH_SECONDS.

PASSED only when: every write sent is stored exactly once (0 lost, 0 duplicated); readers
got no 500 (nor any 5xx but 503), every 503 carried Retry-After, no socket error; after the
publish every read once the purge had run showed the new content. Prints requests, answers
by status code, writes sent/acknowledged/stored, and PASSED or FAILED with the reasons.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import signed_in
from benchmarks._server import PYTHON, ROOT
from benchmarks.soak import Lines, fetch_text, load
from deploy.stack import Stack
from deploy.tools import shell

READERS = 50
# Longer than nginx's proxy_read_timeout (30 s): every request gets nginx's answer (a 503
# with Retry-After at worst) unless the connection itself fails.
READER_TIMEOUT = "35s"
LOAD_SECONDS = 80
# (seconds after the load starts, fault)
FAULTS = (
    (10, "kill application server 1"),
    (20, "start application server 1"),
    (32, "restart Redis"),
    (45, "restart PostgreSQL"),
)
PUBLISH_AT = 60
FRESH_SECONDS = 10
# A purge waits for the task worker (started again after the PostgreSQL restart: ~30 s of
# start-up at a load of 19 on this machine) and renders each URL once.
PURGE_WAIT_SECONDS = 180
COUNT_REFERRALS = "from referrals.models import Referral; print('COUNT', Referral.objects.count())"
PUBLISH = """
import json, sys
from training.models import TrainingModulePage
page = TrainingModulePage.objects.live().get(pk={pk})
page.title_es = {title!r}
page.save_revision().publish()
print("PUBLISHED")
"""
FIND_MODULE = """
import json
from django.utils import translation
from training.models import TrainingModulePage
page = TrainingModulePage.objects.live().order_by("path").first()
with translation.override("es"):
    url = page.get_url()
print("MODULE " + json.dumps({"pk": page.pk, "url": url, "title": page.title_es}))
"""


FIND_CODES = (
    "import sys, json; from referrals.models import Referral; codes = json.load(sys.stdin); "
    "print('FOUND', Referral.objects.filter(case_code__in=codes).count())"
)


def readers(base, paths, seconds):
    return subprocess.Popen(
        [
            *("wrk", "-t2", f"-c{READERS}", f"-d{seconds}s", "--timeout", READER_TIMEOUT),
            *("-s", str(ROOT / "benchmarks" / "wrk_status.lua"), base),
        ],
        env={**os.environ, "RUTA_PATHS": ",".join(paths)},
        stdout=subprocess.PIPE,
        text=True,
    )


def inject_faults(stack, started, log):
    for at, fault in FAULTS:
        time.sleep(max(0.0, started + at - time.monotonic()))
        began = time.monotonic()
        if fault == "kill application server 1":
            stack.kill_app(0)
        elif fault == "start application server 1":
            stack.start_app(0)
        elif fault == "restart Redis":
            stack.restart_redis()
        elif fault == "restart PostgreSQL":
            stack.restart_postgres("fast")
        log.append(f"   +{at:>2} s {fault} ({time.monotonic() - began:.1f} s)")


def publish_and_watch(stack, module, failures):
    """Publish a new title; read through nginx until the purge shows it, then keep reading:
    every answer from then on must show it."""
    title = f"Módulo renovado {int(time.time())}"
    asked = time.monotonic()
    shell(stack.env, PUBLISH.format(pk=module["pk"], title=title))
    began = time.monotonic()  # committed (the shell's own start-up can take 30 s under load)
    print(f"   publish committed {began - asked:.1f} s after the command started", flush=True)
    url = stack.base + module["url"]
    seen = None
    while time.monotonic() - began < PURGE_WAIT_SECONDS:
        if title in fetch_text(url):
            seen = time.monotonic()
            break
        time.sleep(0.2)
    if seen is None:
        failures.append(f"the publish never reached the readers within {PURGE_WAIT_SECONDS} s")
        print(f"   publish: the new title never appeared through nginx in {PURGE_WAIT_SECONDS} s")
        return
    stale = reads = 0
    while time.monotonic() - seen < FRESH_SECONDS:
        for target in [url, *(f"{app}{module['url']}" for app in stack.app_urls())]:
            reads += 1
            stale += title not in fetch_text(target)
        time.sleep(0.1)
    print(
        f"   publish: new title served through nginx {seen - began:.1f} s after the commit; "
        f"then {reads} reads (nginx and each application server) in {FRESH_SECONDS} s: "
        f"{stale} stale"
    )
    if stale:
        failures.append(f"{stale} stale answers after the purge had run")


def check_writes(stack, output, before, failures):
    acknowledged = {line.split()[1] for line in output if line.startswith("ACK ")}
    sent = int(next((line.split()[1] for line in output if line.startswith("SENT ")), "0"))
    already = sum(1 for line in output if line.startswith("ALREADY "))
    retries = sum(1 for line in output if line.startswith("RETRY "))
    after = int(re.search(r"COUNT (\d+)", shell(stack.env, COUNT_REFERRALS)).group(1))
    found = shell(stack.env, FIND_CODES, stdin=json.dumps(sorted(acknowledged)))
    found = int(re.search(r"FOUND (\d+)", found).group(1))
    stored = after - before
    print(
        f"   writes: {sent} sent, {len(acknowledged)} acknowledged, {stored} stored "
        f"({len(acknowledged) - found} acknowledged but missing, {stored - sent} duplicated); "
        f"{retries} attempts retried, {already} retries found their write already stored"
    )
    if not sent or sent != len(acknowledged):
        failures.append(f"{sent - len(acknowledged)} writes never acknowledged")
    if found != len(acknowledged):
        failures.append(f"{len(acknowledged) - found} acknowledged writes lost")
    if stored != sent:
        failures.append(f"{stored - sent} writes stored twice (or {sent - stored} lost)")


def check_readers(figures, failures):
    statuses = {int(code): count for code, count in figures["statuses"].items()}
    by_code = ", ".join(f"{code}: {count}" for code, count in sorted(statuses.items()))
    rps = figures["requests"] / (figures["duration_us"] / 1e6)
    print(
        f"   readers: {figures['requests']} requests ({rps:.0f}/s), p50 "
        f"{figures['p50_us'] / 1000:.0f} ms, p95 {figures['p95_us'] / 1000:.0f} ms; by status: "
        f"{by_code}; 503 without Retry-After: {figures['bare_503']}; socket errors: "
        f"{figures['socket_errors']} ({figures['timeouts']} timeouts)"
    )
    server_errors = {code: n for code, n in statuses.items() if code >= 500 and code != 503}
    if server_errors:
        failures.append(f"readers got server errors other than 503: {server_errors}")
    if figures["bare_503"]:
        failures.append(f"{figures['bare_503']} 503 answers without Retry-After")
    if figures["socket_errors"]:
        failures.append(f"{figures['socket_errors']} reader requests failed at the socket")
    if not statuses.get(200):
        failures.append("no reader request was answered 200")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--signed-in", action="store_true", help="then run benchmarks/signed_in.py on the stack"
    )
    args = parser.parse_args()
    failures = []
    started_at = time.monotonic()
    with Stack() as stack:
        module = json.loads(shell(stack.env, FIND_MODULE).split("MODULE ", 1)[1])
        paths = [
            "/es/",
            "/en/",
            "/es/protocolo/",
            "/es/directorio/",
            "/es/directorio/?q=albergue+mujeres",
            "/es/buscar/?q=psicologica",
            "/es/formacion/",
            module["url"],
            "/api/hsds/services",
            "/api/v2/pages/?lang=en",
        ]
        before = int(re.search(r"COUNT (\d+)", shell(stack.env, COUNT_REFERRALS)).group(1))
        print(
            f"Load: {READERS} readers over {len(paths)} URLs through nginx and referral "
            f"writes for {LOAD_SECONDS} s ({load()}); faults:",
            flush=True,
        )
        writer = subprocess.Popen(
            [PYTHON, str(ROOT / "benchmarks" / "_soak_writer.py"), str(LOAD_SECONDS - 10)],
            cwd=ROOT,
            env=stack.env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            text=True,
        )
        lines = Lines(writer.stdout)
        lines.start()
        wrk = readers(stack.base, paths, LOAD_SECONDS)
        load_started = time.monotonic()
        log = []
        faults = threading.Thread(target=inject_faults, args=(stack, load_started, log))
        faults.start()
        faults.join()
        print("\n".join(log), flush=True)
        time.sleep(max(0.0, load_started + PUBLISH_AT - time.monotonic()))
        publish_and_watch(stack, module, failures)
        output_text, _ = wrk.communicate(timeout=LOAD_SECONDS + 120)
        writer.wait(timeout=LOAD_SECONDS + 120)
        lines.join(timeout=5)
        figures = json.loads(
            next(
                line for line in output_text.splitlines() if line.startswith("RUTA_JSON ")
            ).removeprefix("RUTA_JSON ")
        )
        check_readers(figures, failures)
        check_writes(stack, [line for _t, line in lines.lines], before, failures)
        if writer.returncode:
            failures.append("the referral writer gave up")
        logged = []
        for name in ("app1", "app2", "worker"):
            text = (stack.root / f"{name}.log").read_text(errors="replace")
            logged += [line for line in text.splitlines() if " ERROR " in line or "[ERROR]" in line]
        print(f"   application logs: {len(logged)} ERROR lines")
        for line in logged[:8]:
            print(f"      {line[:200]}")
        print(f"   task worker started again {stack.restarts.get('worker', 0)} times")
        if args.signed_in:
            signed_in.run(stack)
    print(f"Soak on the stack finished in {time.monotonic() - started_at:.0f} s ({load()}).")
    if failures:
        print("SOAK-STACK FAILED: " + "; ".join(failures))
        sys.exit(1)
    print(
        "SOAK-STACK PASSED: 0 lost or duplicated writes; readers saw no 500 and only 503s "
        "with Retry-After through the faults; no stale page after the purge."
    )


if __name__ == "__main__":
    main()
