"""The reference production layout on this machine, loopback only (``make stack``):
PostgreSQL 15, Redis, two gunicorn application servers (threaded workers) behind nginx, and
the task worker (``manage.py db_worker``), every part switched on by its environment
variable (docs/deployment.md, "The reference layout").

Everything lives in a fresh folder under /tmp (PostgreSQL's data must be readable by the
``postgres`` user, who runs initdb when we are root) and is removed on exit. Debian
packages: nginx, redis-server, postgresql (15); gunicorn from PyPI (requirements.txt).

    .venv/bin/python deploy/stack.py [--port 8080] [--seconds N]

``benchmarks/soak_stack.py`` drives the same class and injects its faults.
"""

import argparse
import contextlib
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._server import (
    PYTHON,
    ROOT,
    free_port,
    manage,
    port_taken,
    prepare_site,
    production_env,
)
from deploy.postgres import Postgres
from deploy.tools import need, wait_for

NGINX_TEMPLATE = ROOT / "deploy" / "nginx.conf"
APP_SERVERS = 2
WORKERS = 2  # per application server
THREADS = 4  # per worker: a request waiting on the database holds one thread, not a worker
SITE_HOST = """
from wagtail.models import Site
Site.objects.filter(is_default_site=True).update(hostname="127.0.0.1", port={port})
"""


class Stack:
    """Starts, stops and breaks the parts; ``base`` is nginx's URL."""

    def __init__(self, port=None, log=print):
        self.log = log
        self.root = Path(tempfile.mkdtemp(prefix="ruta-stack-"))
        self.root.chmod(0o755)
        self.ports = {
            "nginx": port or free_port(),
            "postgres": free_port(),
            "redis": free_port(),
            "apps": [free_port() for _ in range(APP_SERVERS)],
        }
        self.base = f"http://127.0.0.1:{self.ports['nginx']}"
        self.postgres = Postgres(self.root, self.ports["postgres"])
        self.key = secrets.token_urlsafe(24)
        self.processes = {}
        self.restarts = {}  # name: times the supervisor started it again
        self._supervising = False
        self.env = production_env(
            self.root,
            f"postgres://postgres@127.0.0.1:{self.ports['postgres']}/ruta",
            REDIS_URL=f"redis://127.0.0.1:{self.ports['redis']}/0",
            TASK_BACKEND="database",
            FRONTEND_CACHE_URL=self.base,
            FRONTEND_CACHE_KEY=self.key,
            RUTA_API_RATE_LIMIT="0",
            WAGTAILADMIN_BASE_URL=self.base,
            DJANGO_LOG_LEVEL="WARNING",
        )

    # PostgreSQL (``deploy.postgres``) ----------------------------------------------------
    def start_postgres(self):
        self.postgres.start()

    def restart_postgres(self, mode="fast"):
        self.postgres.restart(mode)

    # Processes ----------------------------------------------------------------------------
    def _spawn(self, name, command, env=None):
        log = open(self.root / f"{name}.log", "ab")  # noqa: SIM115 (closed when it stops)
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env or self.env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
            start_new_session=True,  # a kill reaches the whole group (gunicorn's workers)
        )
        self.processes[name] = (process, log)
        return process

    def _stop(self, name, sig=signal.SIGTERM, wait=20):
        process, log = self.processes.pop(name, (None, None))
        if process is None:
            return
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, sig)
            try:
                process.wait(timeout=wait)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        log.close()

    def start_redis(self):
        self._spawn(
            "redis",
            [
                need("redis-server", "redis-server"),
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.ports["redis"]),
                "--save",
                "",
                "--appendonly",
                "no",
            ],
        )
        time.sleep(0.3)

    def restart_redis(self):
        """A restart loses the cache (no persistence): as a failover would."""
        self._stop("redis")
        self.start_redis()

    def start_app(self, number):
        port = self.ports["apps"][number]
        self._spawn(
            f"app{number + 1}",
            [
                PYTHON,
                "-m",
                "gunicorn",
                "website.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--worker-class",
                "gthread",
                "--workers",
                str(WORKERS),
                "--threads",
                str(THREADS),
                "--timeout",
                "30",
                "--graceful-timeout",
                "10",
                # Listen only once the application is loaded: a server that is starting
                # refuses connections (nginx moves on at once) instead of holding them.
                "--preload",
                # Longer than nginx's idle upstream connections (60 s): nginx closes first,
                # never reusing one this server is closing (which marks it failed).
                "--keep-alive",
                "75",
                "--log-level",
                "warning",
            ],
        )
        wait_for(f"http://127.0.0.1:{port}/es/")

    def app_urls(self):
        return [f"http://127.0.0.1:{port}" for port in self.ports["apps"]]

    def kill_app(self, number):
        """The application server dies at once (SIGKILL: no graceful stop)."""
        self._stop(f"app{number + 1}", sig=signal.SIGKILL)

    def start_worker(self):
        self._spawn("worker", [PYTHON, "manage.py", "db_worker", "--interval", "0.5"])

    def _supervise(self):
        """Start the task worker again when it exits (db_worker stops when it loses the
        database), as systemd's ``Restart=always`` does in production."""
        while self._supervising:
            process, _log = self.processes.get("worker", (None, None))
            if process is not None and process.poll() is not None:
                self.processes.pop("worker")[1].close()
                self.restarts["worker"] = self.restarts.get("worker", 0) + 1
                time.sleep(1)
                self.start_worker()
            time.sleep(0.5)

    def start_nginx(self):
        for folder in ("nginx-tmp", "nginx-cache"):
            (self.root / folder).mkdir()
        user = "user root root;" if os.geteuid() == 0 else ""
        upstreams = "\n        ".join(
            f"server 127.0.0.1:{port} max_fails=1 fail_timeout=3s;" for port in self.ports["apps"]
        )
        config = NGINX_TEMPLATE.read_text()
        for name, value in {
            "@@USER@@": user,
            "@@ROOT@@": str(self.root),
            "@@UPSTREAMS@@": upstreams,
            "@@KEY@@": self.key,
            "@@PORT@@": str(self.ports["nginx"]),
            "@@STATIC@@": self.env["DJANGO_STATIC_ROOT"],
            "@@MEDIA@@": self.env["DJANGO_MEDIA_ROOT"],
        }.items():
            config = config.replace(name, value)
        (self.root / "nginx.conf").write_text(config)
        nginx = need("nginx", "nginx")
        self._spawn("nginx", [nginx, "-c", str(self.root / "nginx.conf"), "-g", "daemon off;"])
        wait_for(f"{self.base}/es/")

    # The whole stack ----------------------------------------------------------------------
    def start(self):
        started = time.monotonic()
        self.log(f"Stack in {self.root}")
        self.log(f"  PostgreSQL on 127.0.0.1:{self.ports['postgres']} …")
        self.start_postgres()
        self.log(f"  Redis on 127.0.0.1:{self.ports['redis']} …")
        self.start_redis()
        # Tasks run in the command and nothing is purged yet: no worker, no nginx.
        preparing = {**self.env, "TASK_BACKEND": "immediate", "FRONTEND_CACHE_URL": ""}
        prepare_site(preparing, log=self.log)
        manage(preparing, "shell", "-c", SITE_HOST.format(port=self.ports["nginx"]))
        for number in range(APP_SERVERS):
            self.log(
                f"  application server {number + 1} on 127.0.0.1:{self.ports['apps'][number]} …"
            )
            self.start_app(number)
        self.log("  task worker (db_worker, started again whenever it exits) …")
        self.start_worker()
        self._supervising = True
        threading.Thread(target=self._supervise, daemon=True).start()
        self.log(f"  nginx on {self.base} …")
        self.start_nginx()
        # For benchmarks attached to a running stack (it holds the keys: owner only).
        attach = self.root / "stack.json"
        attach.touch(mode=0o600)
        attach.write_text(json.dumps({"base": self.base, "apps": self.app_urls(), "env": self.env}))
        self.log(f"Stack ready in {time.monotonic() - started:.0f} s: {self.base}/es/")

    def stop(self):
        self._supervising = False
        time.sleep(1)
        for name in list(self.processes)[::-1]:
            self._stop(name)
        with contextlib.suppress(subprocess.SubprocessError, FileNotFoundError):
            self.postgres.stop()
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self):
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc):
        self.stop()


class Attached:
    """A running stack, from the ``stack.json`` in its folder (``make stack`` prints it)."""

    def __init__(self, root):
        found = json.loads((Path(root) / "stack.json").read_text())
        self.root, self.base, self.env = Path(root), found["base"], found["env"]
        self._apps = found["apps"]

    def app_urls(self):
        return self._apps

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        pass


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("STACK_PORT", "8080")))
    parser.add_argument("--seconds", type=float, default=0, help="stop after N s (0: Ctrl-C)")
    args = parser.parse_args()
    if args.port and port_taken(args.port):  # its readiness check would reach the other one
        raise SystemExit(f"127.0.0.1:{args.port} is taken: STACK_PORT=N make stack (0: any free)")
    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(1))
    with Stack(port=args.port) as stack:
        sys.stdout.write(f"Serving {stack.base}/es/ (admin {stack.base}/admin/); Ctrl-C stops.\n")
        deadline = time.monotonic() + args.seconds if args.seconds else None
        try:
            while not stopping and (deadline is None or time.monotonic() < deadline):
                for name, (process, _log) in list(stack.processes.items()):
                    if name != "worker" and process.poll() is not None:
                        raise SystemExit(f"{name} stopped (see {stack.root}/{name}.log)")
                time.sleep(1)
        except KeyboardInterrupt:
            pass
        sys.stdout.write("Stopping the stack …\n")


if __name__ == "__main__":
    main()
