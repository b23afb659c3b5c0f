"""The reference stack's PostgreSQL server: a fresh cluster in the stack's folder, on
loopback, trusted local connections, one database ``ruta`` (``deploy/stack.py``)."""

import os
import shutil
import subprocess
from pathlib import Path


def pg_bin():
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    if not found:
        raise SystemExit("PostgreSQL server binaries missing (Debian: apt-get install postgresql)")
    return found[-1].parent


def as_postgres(command):
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


class Postgres:
    def __init__(self, root, port):
        self.folder = root / "pg"
        self.port = port
        self.pg = pg_bin()

    def _pg_ctl(self, *args):
        data = self.folder / "data"
        subprocess.run(
            as_postgres([str(self.pg / "pg_ctl"), "-D", str(data), *args]),
            check=True,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=120,
        )

    def start(self):
        folder = self.folder
        folder.mkdir()
        if os.geteuid() == 0:
            shutil.chown(folder, "postgres")
        subprocess.run(
            as_postgres(
                [
                    str(self.pg / "initdb"),
                    "-D",
                    str(folder / "data"),
                    "-U",
                    "postgres",
                    "--auth=trust",
                    "-E",
                    "UTF8",
                    "--locale=C.UTF-8",
                ]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        self._postgres_options = (
            f"-p {self.port} -k {folder} -c listen_addresses=127.0.0.1 -c max_connections=100"
        )
        self._pg_ctl("start", "-w", "-l", str(folder / "server.log"), "-o", self._postgres_options)
        subprocess.run(
            as_postgres(
                [
                    str(self.pg / "createdb"),
                    "-h",
                    "127.0.0.1",
                    "-p",
                    str(self.port),
                    "-U",
                    "postgres",
                    "ruta",
                ]
            ),
            check=True,
        )

    def restart(self, mode="fast"):
        self._pg_ctl(
            "restart",
            "-m",
            mode,
            "-w",
            "-l",
            str(self.folder / "server.log"),
            "-o",
            self._postgres_options,
        )

    def stop(self):
        self._pg_ctl("stop", "-m", "fast")
