"""Shared helpers for the HTTP benchmarks and the soak test: a production-like site under
gunicorn on loopback, with its own database and static files in a temporary folder."""

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def port_taken(port):
    """Does something already listen on this loopback port (another engineer's stack)?"""
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as nginx binds
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return True
    return False


def production_env(workdir, database_url=None, **extra):
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "website.settings.base",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "DJANGO_SECURE_HSTS_SECONDS": "0",
            "RUTA_VAR_DIR": str(workdir),
            "DJANGO_STATIC_ROOT": str(workdir / "static"),
            "DJANGO_MEDIA_ROOT": str(workdir / "media"),
            "RUTA_PRIVATE_ROOT": str(workdir / "private"),
            "DATABASE_URL": database_url or f"sqlite:///{workdir / 'bench.sqlite3'}",
            "RUTA_API_RATE_LIMIT": "0",
            "REFERRAL_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
            "DJANGO_LOG_LEVEL": "WARNING",
        }
    )
    env.update(extra)
    return env


def manage(env, *args, settings="website.settings.base"):
    subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": settings},
        check=True,
        stdout=subprocess.DEVNULL,
    )


def prepare_site(env, log=print):
    """Migrate, load the demo content (development settings, same database) and collect
    static files."""
    started = time.monotonic()
    log("  migrating …")
    manage(env, "migrate", "--noinput")
    log("  loading demo content …")
    manage(env, "load_demo", settings="website.settings.dev")
    log("  collecting static files …")
    manage(env, "collectstatic", "--noinput")
    log(f"  site ready in {time.monotonic() - started:.0f} s")


@contextmanager
def gunicorn(env, workers=2, log=None):
    """gunicorn on a free loopback port; its output goes to ``log`` (a path) when given."""
    port = free_port()
    output = open(log, "ab") if log else None  # noqa: SIM115 (closed in the finally block)
    process = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "website.wsgi",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=output,
        stderr=output,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/es/", timeout=2)  # noqa: S310
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("gunicorn did not start")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)
        if output:
            output.close()


def wrk(url, duration=10, connections=16, threads=2):
    """Run wrk against one URL; returns the reporter's figures."""
    if shutil.which("wrk") is None:
        raise RuntimeError("wrk is not installed (Debian: apt-get install wrk)")
    result = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{duration}s",
            "--latency",
            "-s",
            str(ROOT / "benchmarks" / "wrk_report.lua"),
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("RUTA_JSON "))
    figures = json.loads(line.removeprefix("RUTA_JSON "))
    seconds = figures["duration_us"] / 1e6
    figures["rps"] = figures["requests"] / seconds if seconds else 0.0
    return figures


@contextmanager
def workdir():
    path = Path(tempfile.mkdtemp(prefix="ruta-bench-"))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)
