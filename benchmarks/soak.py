"""Load and fault test (make soak): loopback only, bounded in time.

1. 50 concurrent readers for 60 s over the main public pages, with ELASTICSEARCH_URL pointing
   at a dead local port the whole time (search must fall back): 0 errors expected.
2. Referral writes while PostgreSQL is restarted: the application recovers by itself and
   every write the database acknowledged is still there afterwards.

Runs itself inside a throwaway PostgreSQL server (scripts/with_postgres.sh).
"""

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._server import ROOT, gunicorn, prepare_site, production_env, workdir

READERS = 50
READ_SECONDS = 60
WRITE_SECONDS = 30


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
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("RUTA_JSON "))
    return json.loads(line.removeprefix("RUTA_JSON "))


def pg_ctl(*args):
    command = [os.environ["RUTA_PG_CTL"], "-D", os.environ["RUTA_PG_DATA"], *args]
    if os.geteuid() == 0:
        command = ["runuser", "-u", "postgres", "--", *command]
    # The server inherits pg_ctl's output: send it to the log file, not to a pipe we would wait on.
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def status(url):
    try:
        return urllib.request.urlopen(url, timeout=10).status  # noqa: S310
    except OSError as error:
        return getattr(error, "code", "error")


def main():
    if "RUTA_PG_CTL" not in os.environ:
        os.execvp(  # noqa: S606
            "bash", ["bash", str(ROOT / "scripts" / "with_postgres.sh"), sys.executable, __file__]
        )
    failures = []
    with workdir() as tmp:
        env = production_env(
            tmp, os.environ["DATABASE_URL"], ELASTICSEARCH_URL=f"http://127.0.0.1:{dead_port()}"
        )
        env["DJANGO_LOG_LEVEL"] = "ERROR"  # the expected fallback warnings would drown the report
        print("Preparing the site on PostgreSQL …", flush=True)
        prepare_site(env)
        with gunicorn(env, workers=2) as base:
            directory = urllib.request.urlopen(f"{base}/es/directorio/").read().decode()  # noqa: S310
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
                f"1. {READERS} readers for {READ_SECONDS} s, Elasticsearch at a dead port …",
                flush=True,
            )
            figures = read_load(base, paths, READ_SECONDS)
            errors = figures["socket_errors"] + figures["status_errors"]
            rps = figures["requests"] / (figures["duration_us"] / 1e6)
            print(
                f"   {figures['requests']} requests ({rps:.0f}/s), p95 "
                f"{figures['p95_us'] / 1000:.0f} ms, errors: {errors}"
            )
            if errors:
                failures.append(f"{errors} errors under read load")

            print(
                f"2. referral writes for {WRITE_SECONDS} s with a PostgreSQL restart …", flush=True
            )
            writer = subprocess.Popen(
                [sys.executable, str(ROOT / "benchmarks" / "_soak_writer.py"), str(WRITE_SECONDS)],
                cwd=ROOT,
                env=env,
                stdout=subprocess.PIPE,
                text=True,
            )
            time.sleep(8)
            pg_ctl("restart", "-m", "fast", "-w", "-l", os.environ["RUTA_PG_LOG"])
            print("   PostgreSQL restarted", flush=True)
            output, _ = writer.communicate(timeout=WRITE_SECONDS + 120)
            acknowledged = re.findall(r"^ACK (\S+)$", output, re.MULTILINE)
            retries = re.search(r"^RETRIES (\d+)$", output, re.MULTILINE)
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
                input=json.dumps(acknowledged),
                capture_output=True,
                text=True,
                check=True,
            )
            found = int(re.search(r"FOUND (\d+)", check.stdout).group(1))
            print(
                f"   {len(acknowledged)} writes acknowledged, {found} found afterwards, "
                f"{retries.group(1) if retries else '?'} retried through the restart"
            )
            if writer.returncode != 0 or found != len(acknowledged) or not acknowledged:
                failures.append("acknowledged referral writes were lost")
            after = {path: status(f"{base}{path}") for path in ("/es/", "/api/hsds/services")}
            print(f"   after the restart, without touching gunicorn: {after}")
            if any(code != 200 for code in after.values()):
                failures.append("the application did not recover after the restart")
    if failures:
        print("SOAK FAILED: " + "; ".join(failures))
        sys.exit(1)
    print("Soak passed: 0 read errors, no acknowledged write lost, recovered by itself.")


if __name__ == "__main__":
    main()
