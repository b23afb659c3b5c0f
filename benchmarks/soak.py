"""Load and fault test (make soak): loopback only, bounded in time.

1. 50 concurrent readers for 60 s over the main public pages, with ELASTICSEARCH_URL pointing
   at a dead local port the whole time (search must fall back): 0 errors expected.
2. Referral writes (benchmarks/_soak_writer.py, durable commits) while PostgreSQL is restarted
   twice (a clean "fast" restart, then an "immediate" one, i.e. a crash) and a prober asks
   gunicorn for database-backed pages every 0.25 s: every write the database acknowledged is
   still there afterwards, writes resume after the restarts, and the application (gunicorn,
   untouched) answers 200 again by itself.

Runs itself inside a throwaway PostgreSQL server (scripts/with_postgres.sh). Exits 0 only when
all of this holds; the last line says SOAK PASSED or SOAK FAILED with the reasons.
"""

import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._server import ROOT, gunicorn, prepare_site, production_env, workdir

READERS = 50
READ_SECONDS = 60
WRITE_SECONDS = 40
# PostgreSQL restarts during the writes: (pg_ctl shutdown mode, seconds after the first
# acknowledged write). "immediate" is a crash: the server recovers from its WAL.
RESTARTS = (("fast", 8), ("immediate", 20))
PROBE_INTERVAL = 0.25
PROBE_COOKIE = "sessionid=soak-probe"  # not a real session: bypasses the anonymous page cache


def dead_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # closed when the block ends: nothing listens there


def read_load(base, paths, seconds, connections=READERS):
    result = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(ROOT / "benchmarks" / "wrk_paths.lua"),
            base,
        ],
        env={**os.environ, "RUTA_PATHS": ",".join(paths)},
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 60,
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("RUTA_JSON "))
    return json.loads(line.removeprefix("RUTA_JSON "))


def pg_ctl(*args):
    command = [os.environ["RUTA_PG_CTL"], "-D", os.environ["RUTA_PG_DATA"], *args]
    if os.geteuid() == 0:
        command = ["runuser", "-u", "postgres", "--", *command]
    # The server inherits pg_ctl's output: send it to the log file, not to a pipe we would wait
    # on (a restarted server holding our stdout made an earlier run hang).
    subprocess.run(
        command,
        check=True,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=120,
    )


def postmaster_pid():
    try:
        return (Path(os.environ["RUTA_PG_DATA"]) / "postmaster.pid").read_text().split()[0]
    except (OSError, IndexError):
        return None


def status(url, cookie=None):
    headers = {"Cookie": cookie} if cookie else {}
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 (our loopback server)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            response.read()
            return response.status
    except OSError as error:
        return getattr(error, "code", "error")


def fetch_text(url):
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310
        return response.read().decode(errors="replace")


def load():
    return "load average " + ", ".join(f"{value:.2f}" for value in os.getloadavg())


class Lines(threading.Thread):
    """Drains a process's output into a list of (arrival time, line)."""

    def __init__(self, stream):
        super().__init__(daemon=True)
        self.stream, self.lines = stream, []

    def run(self):
        for line in self.stream:
            self.lines.append((time.time(), line.rstrip("\n")))


def follow(env, *arguments):
    """A Python process of the project with the stack's environment, its output drained
    line by line as it comes (``Lines``)."""
    process = subprocess.Popen(
        [sys.executable, *arguments],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        text=True,
    )
    lines = Lines(process.stdout)
    lines.start()
    return process, lines


class Prober(threading.Thread):
    """Requests pages that need the database (a session cookie bypasses the page cache)
    every PROBE_INTERVAL seconds; records (start time, end time, path, status)."""

    def __init__(self, base, paths):
        super().__init__(daemon=True)
        self.base, self.paths, self.results = base, paths, []
        self.stopped = threading.Event()

    def run(self):
        n = 0
        while not self.stopped.is_set():
            path = self.paths[n % len(self.paths)]
            began = time.time()
            code = status(f"{self.base}{path}", cookie=PROBE_COOKIE)
            self.results.append((began, time.time(), path, code))
            n += 1
            self.stopped.wait(PROBE_INTERVAL)


def write_phase(env, base, probe_paths, failures):
    print(
        f"2. referral writes for {WRITE_SECONDS} s; PostgreSQL restarted "
        + ", ".join(f"{mode} at +{at} s" for mode, at in RESTARTS)
        + f" ({load()}) …",
        flush=True,
    )
    writer, lines = follow(env, "benchmarks/_soak_writer.py", str(WRITE_SECONDS))
    prober = Prober(base, probe_paths)
    prober.start()
    restarts = []
    try:
        waited = time.monotonic()
        while not any(line.startswith("ACK ") for _t, line in lines.lines):
            if writer.poll() is not None or time.monotonic() - waited > 120:
                raise RuntimeError("the referral writer never acknowledged a write")
            time.sleep(0.2)
        first_ack = time.time()
        for mode, at in RESTARTS:
            time.sleep(max(0.0, first_ack + at - time.time()))
            before = postmaster_pid()
            began = time.time()
            pg_ctl("restart", "-m", mode, "-w", "-l", os.environ["RUTA_PG_LOG"])
            ended = time.time()
            after = postmaster_pid()
            restarts.append((mode, began, ended))
            print(
                f"   PostgreSQL restarted ({mode}): server process {before} -> {after}, "
                f"down {ended - began:.1f} s",
                flush=True,
            )
            if before == after:
                failures.append(f"the {mode} restart did not replace the server process")
        writer.wait(timeout=WRITE_SECONDS + 120)
    finally:
        prober.stopped.set()
        prober.join(timeout=15)
        if writer.poll() is None:
            writer.kill()
            writer.wait()
        lines.join(timeout=5)

    output = [line for _t, line in lines.lines]
    acknowledged = {}
    for line in output:
        if line.startswith("ACK "):
            _ack, code, at = line.split()
            acknowledged[code] = float(at)
    retries = sum(1 for line in output if line.startswith("RETRY "))
    check = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "import sys, json; from referrals.models import Referral; "
            "codes = json.load(sys.stdin); "
            "print('FOUND', Referral.objects.filter(case_code__in=codes).count())",
        ],
        cwd=ROOT,
        env=env,
        input=json.dumps(list(acknowledged)),
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    found = int(re.search(r"FOUND (\d+)", check.stdout).group(1))
    last_restart = restarts[-1][2] if restarts else time.time()
    after_restarts = sum(1 for at in acknowledged.values() if at > last_restart)
    print(
        f"   writer: {len(acknowledged)} writes acknowledged, {found} found afterwards "
        f"({len(acknowledged) - found} lost), {retries} attempts retried during the restarts, "
        f"{after_restarts} acknowledged after the last restart; exit code {writer.returncode}"
    )
    if writer.returncode != 0:
        failures.append("the referral writer gave up (the database did not come back)")
    if not acknowledged or found != len(acknowledged):
        failures.append(f"{len(acknowledged) - found} acknowledged referral writes were lost")
    if not after_restarts:
        failures.append("no referral write succeeded after the last restart")

    # The application (gunicorn, untouched) must answer again by itself after each restart:
    # a request cut by the outage may fail, every request that starts once the server is back
    # (until the next restart) must answer 200.
    for number, (mode, began, ended) in enumerate(restarts):
        until = restarts[number + 1][1] if number + 1 < len(restarts) else float("inf")
        during = [code for start, end, _p, code in prober.results if start < ended and end > began]
        after = [(end, code) for start, end, _p, code in prober.results if ended <= start < until]
        first_ok = next((end for end, code in after if code == 200), None)
        bad = [code for _end, code in after if code != 200]
        recovered = "never" if first_ok is None else f"{first_ok - ended:.1f} s"
        cut = [code for code in during if code != 200]
        answers = ", ".join(f"{code} x{cut.count(code)}" for code in sorted(set(cut), key=str))
        print(
            f"   application after the {mode} restart: first 200 after {recovered}; "
            f"{len(cut)} of {len(during)} requests cut by the outage failed"
            f"{f' ({answers})' if cut else ''}; {len(bad)} of {len(after)} requests after it "
            "failed"
        )
        if 500 in cut:
            # A lost connection is a 503 with Retry-After (website.views.server_error).
            failures.append(f"a request cut by the {mode} restart got a 500, not a 503")
        if first_ok is None or bad:
            failures.append(
                f"the application did not recover by itself after the {mode} restart "
                f"({len(bad)} of {len(after)} database-backed requests failed)"
            )
    checks = [
        (path, cookie)
        for path in ("/es/", "/api/hsds/services", *probe_paths)
        for cookie in (None, PROBE_COOKIE)
    ] * 3
    codes = [status(f"{base}{path}", cookie=cookie) for path, cookie in checks]
    print(
        f"   afterwards, without touching gunicorn: {codes.count(200)} of {len(codes)} requests "
        f"answered 200 (cached and database-backed) ({load()})"
    )
    if any(code != 200 for code in codes):
        failures.append("the application did not recover after the restarts")


def main():
    if "RUTA_PG_CTL" not in os.environ:
        os.execvp(  # noqa: S606
            "bash", ["bash", str(ROOT / "scripts" / "with_postgres.sh"), sys.executable, __file__]
        )
    failures = []
    started = time.monotonic()
    with workdir() as tmp:
        env = production_env(
            tmp, os.environ["DATABASE_URL"], ELASTICSEARCH_URL=f"http://127.0.0.1:{dead_port()}"
        )
        env["DJANGO_LOG_LEVEL"] = "ERROR"  # the expected fallback warnings would drown the report
        print("Preparing the site on PostgreSQL …", flush=True)
        prepare_site(env)
        server_log = tmp / "gunicorn.log"
        with gunicorn(env, workers=2, log=server_log) as base:
            directory = fetch_text(f"{base}/es/directorio/")
            organisation = re.search(
                r'href="(/es/directorio/(?!cobertura/)[a-z0-9-]+/)"', directory
            )
            paths = [
                "/es/",
                "/en/",
                "/es/protocolo/",
                "/es/directorio/",
                "/es/directorio/?q=albergue+mujeres",
                "/es/buscar/?q=psicologica",
                "/en/search/?q=shelter",
                "/es/formacion/",
                "/api/hsds/services",
                "/api/v2/pages/?lang=en",
            ]
            if organisation:
                paths.append(organisation.group(1))

            print(
                f"1. {READERS} readers for {READ_SECONDS} s over {len(paths)} URLs, "
                f"Elasticsearch at a dead port ({load()}) …",
                flush=True,
            )
            figures = read_load(base, paths, READ_SECONDS)
            errors = figures["socket_errors"] + figures["status_errors"]
            rps = figures["requests"] / (figures["duration_us"] / 1e6)
            print(
                f"   {figures['requests']} requests ({rps:.0f}/s), p50 "
                f"{figures['p50_us'] / 1000:.0f} ms, p95 {figures['p95_us'] / 1000:.0f} ms, "
                f"errors: {errors} ({figures['socket_errors']} socket, "
                f"{figures['status_errors']} HTTP status) ({load()})",
                flush=True,
            )
            if errors:
                failures.append(f"{errors} errors under read load")
            if not figures["requests"]:
                failures.append("no request was answered under read load")
            # The fallback must answer with results, not just with a 200.
            found = fetch_text(f"{base}/es/directorio/?q=albergue+mujeres")
            results = set(re.findall(r'href="/es/directorio/(?!cobertura/)[a-z0-9-]+/"', found))
            print(
                f"   directory search with Elasticsearch down: {len(results)} organisations found"
            )
            if not results:
                failures.append("the search fallback answered without results")

            probe_paths = ["/es/", "/es/protocolo/", "/es/directorio/"]
            if organisation:
                probe_paths.append(organisation.group(1))
            write_phase(env, base, probe_paths, failures)
        logged = server_log.read_text(errors="replace").splitlines()
        errors = [line for line in logged if " ERROR " in line or "[ERROR]" in line]
        print(f"Server log: {len(errors)} errors logged by gunicorn/Django during the run")
        for line in errors[:10]:
            print(f"   {line}")
    print(f"Soak finished in {time.monotonic() - started:.0f} s ({load()}).")
    if failures:
        print("SOAK FAILED: " + "; ".join(failures))
        sys.exit(1)
    print(
        "SOAK PASSED: 0 errors under read load with Elasticsearch down; the application "
        "recovered by itself from the PostgreSQL restarts; no acknowledged write lost."
    )


if __name__ == "__main__":
    main()
