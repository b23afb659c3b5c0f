"""Faults under load on the reference stack (make soak-stack): loopback only, bounded.

Starts deploy/stack.py's stack (PostgreSQL, Redis, two gunicorn servers behind nginx, the
task worker), then for LOAD_SECONDS runs 50 readers (wrk) over the public pages and a stream
of referral writes (benchmarks/_soak_writer.py: durable commits, an idempotency key per
write) while, in turn, application server 1 is killed (SIGKILL) and started again, Redis is
restarted (its cache lost), and PostgreSQL is restarted; then a page is published, and once
the task worker reports every purge task of the publish finished (the task results in the
database: no fixed wait), it is read through nginx and each application server for
FRESH_SECONDS.

PASSED only when: every write sent is stored exactly once (0 lost, 0 duplicated); readers
got no 500 (nor any 5xx but 503), every 503 carried Retry-After, no socket error; the purge
ran to completion and every read after it showed the new content. Prints requests, answers
by status code, socket errors by kind, writes sent/acknowledged/stored, nginx's error log by
kind, and PASSED or FAILED with the reasons (a failed run keeps the stack's logs in var/).
"""

import argparse
import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import signed_in
from benchmarks._server import ROOT
from benchmarks.soak import fetch_text, follow, load
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
# An upper bound, not a sleep: the check starts as soon as the task worker has finished every
# purge task of the publish (both passes, infra.frontend_cache). The worker may be starting
# again after the PostgreSQL restart (~30 s at a load of 19 on this machine).
PURGE_WAIT_SECONDS = 180
COUNT_REFERRALS = "from referrals.models import Referral; print('COUNT', Referral.objects.count())"
# Publishes a new title, then reports the purge tasks the publish enqueued once none of them
# is waiting or running any more: the purge's completion signal (the task backend's results).
PUBLISH = """
import json, time
from collections import Counter
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task
from infra.frontend_cache import purge_everything_task
from training.models import TrainingModulePage
purges = (purge_urls_from_cache_task.module_path, purge_everything_task.module_path)
began = timezone.now()
page = TrainingModulePage.objects.live().get(pk={pk})
page.title_es = {title!r}
page.save_revision().publish()
print("PUBLISHED", flush=True)
deadline = time.monotonic() + {wait}
while True:
    found = Counter(
        DBTaskResult.objects.filter(enqueued_at__gte=began, task_path__in=purges)
        .values_list("status", flat=True)
    )
    if (found and not (found["READY"] or found["RUNNING"])) or time.monotonic() > deadline:
        break
    time.sleep(0.2)
print("PURGES " + json.dumps(found), flush=True)
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
        began, clock = time.monotonic(), time.strftime("%H:%M:%S")
        if fault == "kill application server 1":
            stack.kill_app(0)
        elif fault == "start application server 1":
            stack.start_app(0)
        elif fault == "restart Redis":
            stack.restart_redis()
        elif fault == "restart PostgreSQL":
            stack.restart_postgres("fast")
        took = time.monotonic() - began
        log.append(f"   +{at:>2} s {fault} (at {clock}, took {took:.1f} s)")


def read_title(url, title):
    """True when the page shows ``title``, False when it is stale, None when unavailable."""
    try:
        return title in fetch_text(url)
    except OSError:  # HTTPError (a 503 while a part restarts) or a connection failure
        return None


def publish_and_watch(stack, module, failures):
    """Publish a new title and watch it through nginx; once the task worker reports every
    purge task of the publish finished, read through nginx and each application server for
    FRESH_SECONDS: every answer must show the new title."""
    title = f"Módulo renovado {int(time.time())}"
    asked = time.time()
    publish = PUBLISH.format(pk=module["pk"], title=title, wait=PURGE_WAIT_SECONDS)
    shell_process, report = follow(stack.env, "manage.py", "shell", "-c", publish)
    url = stack.base + module["url"]
    committed = seen = purged = None
    while purged is None and (shell_process.poll() is None or report.is_alive()):
        for arrived, line in list(report.lines):
            if line == "PUBLISHED" and committed is None:
                committed = arrived
            elif line.startswith("PURGES ") and purged is None:
                purged, statuses = arrived, json.loads(line.removeprefix("PURGES "))
        if committed is not None and seen is None and read_title(url, title):
            seen = time.time()  # the clock of Lines
        time.sleep(0.2)
    shell_process.wait(timeout=60)
    if committed is None or purged is None:
        failures.append("the publish command failed (see above)")
        return
    # The shell's own start-up can take 30 s under load: times count from the commit.
    print(
        f"   publish committed {committed - asked:.1f} s after the command started; "
        f"purge tasks {statuses or 'none'} finished {purged - committed:.1f} s after the "
        "commit" + (f"; new title through nginx {seen - committed:.1f} s after it" if seen else "")
    )
    if not statuses or set(statuses) != {"SUCCESSFUL"}:
        failures.append(
            f"the purge did not run to completion within {PURGE_WAIT_SECONDS} s: "
            f"{statuses or 'no purge task'}"
        )
        return
    stale = reads = unavailable = 0
    finished = time.monotonic() + FRESH_SECONDS
    while time.monotonic() < finished:
        for target in [url, *(f"{app}{module['url']}" for app in stack.app_urls())]:
            fresh = read_title(target, title)
            reads += 1
            stale += fresh is False
            unavailable += fresh is None
        time.sleep(0.1)
    print(
        f"   after the purge: {reads} reads (nginx and each application server) in "
        f"{FRESH_SECONDS} s: {stale} stale, {unavailable} unavailable"
    )
    if stale:
        failures.append(f"{stale} stale answers after the purge had run")
    if unavailable:
        failures.append(f"{unavailable} reads unavailable after the purge (no fault was running)")


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
        f"{figures['socket_errors']} (connect {figures['connect_errors']}, read "
        f"{figures['read_errors']}, write {figures['write_errors']}, timeouts "
        f"{figures['timeouts']})"
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


SEVERE = r" (ERROR|CRITICAL) |\[(ERROR|CRITICAL)\]"
# What nginx logs when an application server goes away under it (the kill, a restart).
NGINX_EVENTS = (
    "upstream prematurely closed connection",
    "Connection reset by peer",
    "connect() failed",
    "upstream timed out",
    "no live upstreams",
)


def report_nginx_errors(stack):
    """nginx's error log by kind and application server; the lines of requests cut short,
    which readers saw."""
    path = stack.root / "nginx-error.log"
    lines = [line for line in path.read_text(errors="replace").splitlines() if "[error]" in line]
    servers = {f":{port}": f"app{n + 1}" for n, port in enumerate(stack.ports["apps"])}

    def kind(line):
        event = next((kind for kind in NGINX_EVENTS if kind in line), "other")
        found = re.search(r'upstream: "http://127\.0\.0\.1(:\d+)', line)
        return f"{event} ({servers.get(found.group(1), '?')})" if found else event

    kinds = Counter(kind(line) for line in lines)
    print(f"   nginx error log: {dict(kinds) or 'empty'}")
    for line in [line for line in lines if "while reading upstream" in line][:8]:
        print(f"      {line[:240]}")


def report_unavailable(path):
    """When readers got their 503s: nginx's access log, by second (clock time)."""
    seconds = Counter(
        found.group(1)
        for found in re.finditer(r":(\d\d:\d\d:\d\d) [^\]]*\] \"[^\"]*\" 503 ", path.read_text())
    )
    busiest = ", ".join(f"{second}: {n}" for second, n in sorted(seconds.most_common(6)))
    print(f"   503s through nginx in {len(seconds)} distinct seconds; most at {busiest or '-'}")


def keep_logs(root):
    """A failed soak keeps its stack's logs (the stack removes its folder)."""
    kept = ROOT / "var" / f"soak-stack-{time.strftime('%Y%m%d-%H%M%S')}"
    kept.mkdir(parents=True)
    for log in root.glob("*.log"):
        shutil.copy(log, kept)
    with contextlib.suppress(FileNotFoundError):
        shutil.copy(root / "pg" / "server.log", kept / "postgres.log")
    return kept


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
        writer, lines = follow(stack.env, "benchmarks/_soak_writer.py", str(LOAD_SECONDS - 10))
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
            logged += [line for line in text.splitlines() if re.search(SEVERE, line)]
        # The 503s readers were told about are expected; anything else is shown first.
        unexpected = [line for line in logged if "Service Unavailable" not in line]
        print(
            f"   application logs: {len(logged)} ERROR/CRITICAL lines, "
            f"{len(logged) - len(unexpected)} of them 503s answered"
        )
        for line in (unexpected or logged)[:8]:
            print(f"      {line[:200]}")
        print(f"   task worker started again {stack.restarts.get('worker', 0)} times")
        report_nginx_errors(stack)
        report_unavailable(stack.root / "nginx-access.log")
        if failures:
            kept = keep_logs(stack.root)
            print(f"   the stack's logs are kept in {kept}")
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
