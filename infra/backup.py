"""Backup and restore of the database and the stored files (media and private files).

One archive (tar.gz) holds: the database (SQLite online backup, or ``pg_dump -Fc`` on
PostgreSQL), the media and private-file folders, and a manifest with the row count of every
table and a SHA-256 of every file, which ``restore`` checks after restoring.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess  # nosec B404
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files.storage import storages
from django.db import connection
from django.utils import timezone

# pg_dump/pg_restore run through subprocess with fixed arguments and no shell.
MANIFEST = "manifest.json"


class BackupError(Exception):
    pass


def file_roots():
    """The folders whose files belong in a backup: {name in archive: folder}."""
    roots = {"media": Path(settings.MEDIA_ROOT)}
    private = storages["private"]
    if hasattr(private, "location"):
        roots["private"] = Path(private.location)
    return roots


def table_counts():
    counts = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        counts[model._meta.db_table] = model._base_manager.using("default").count()
    return dict(sorted(counts.items()))


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def file_hashes():
    hashes = {}
    for name, root in file_roots().items():
        if not root.exists():
            continue
        for path in sorted(root.rglob("*")):
            if path.is_file():
                hashes[f"{name}/{path.relative_to(root).as_posix()}"] = _sha256(path)
    return hashes


def _pg_env():
    settings_dict = connection.settings_dict
    env = {**os.environ}
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = settings_dict["PASSWORD"]
    return env


def _pg_args():
    settings_dict = connection.settings_dict
    args = []
    if settings_dict.get("HOST"):
        args += ["--host", settings_dict["HOST"]]
    if settings_dict.get("PORT"):
        args += ["--port", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["--username", settings_dict["USER"]]
    return args


def _pg_tool(name):
    found = shutil.which(name)
    if found is None:
        candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
        if not candidates:
            raise BackupError(f"{name} is not installed")
        found = str(candidates[-1])
    return found


def dump_database(target_dir):
    vendor = connection.vendor
    connection.ensure_connection()
    if vendor == "sqlite":
        path = target_dir / "db.sqlite3"
        destination = sqlite3.connect(path)
        with destination:
            connection.connection.backup(destination)
        destination.close()
        return vendor, path.name
    if vendor == "postgresql":
        path = target_dir / "db.pgdump"
        subprocess.run(  # noqa: S603 # nosec B603
            [
                _pg_tool("pg_dump"),
                "--format=custom",
                "--no-owner",
                "--file",
                str(path),
                *_pg_args(),
                connection.settings_dict["NAME"],
            ],
            check=True,
            env=_pg_env(),
            capture_output=True,
        )
        return vendor, path.name
    raise BackupError(f"Backups are not supported on {vendor}")


def create_backup(destination_dir, stdout=None):
    destination_dir = Path(destination_dir)
    destination_dir.mkdir(parents=True, exist_ok=True)
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    archive = destination_dir / f"ruta-backup-{stamp}.tar.gz"
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        if stdout:
            stdout.write("Dumping the database …")
        vendor, db_file = dump_database(tmp)
        manifest = {
            "created_at": timezone.now().isoformat(),
            "vendor": vendor,
            "database_file": db_file,
            "tables": table_counts(),
            "files": file_hashes(),
        }
        (tmp / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        if stdout:
            stdout.write(f"Archiving {len(manifest['files'])} files …")
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(tmp / MANIFEST, arcname=MANIFEST)
            tar.add(tmp / db_file, arcname=db_file)
            for name, root in file_roots().items():
                if root.exists():
                    tar.add(root, arcname=name)
    return archive, manifest


def _safe_members(tar):
    for member in tar.getmembers():
        if member.issym() or member.islnk():
            raise BackupError(f"Refusing a link inside the archive: {member.name}")
        yield member


def restore_backup(archive, stdout=None):
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(f"No such backup file: {archive}")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(tmp, members=_safe_members(tar), filter="data")
        manifest = json.loads((tmp / MANIFEST).read_text(encoding="utf-8"))
        if manifest["vendor"] != connection.vendor:
            raise BackupError(
                f"This backup is of a {manifest['vendor']} database; "
                f"the configured one is {connection.vendor}."
            )
        if stdout:
            stdout.write("Restoring the database …")
        _restore_database(tmp / manifest["database_file"])
        if stdout:
            stdout.write("Restoring files …")
        for name, root in file_roots().items():
            source = tmp / name
            if root.exists():
                shutil.rmtree(root)
            if source.exists():
                shutil.copytree(source, root)
            else:
                root.mkdir(parents=True, exist_ok=True)
    problems = verify(manifest)
    if problems:
        raise BackupError("Restored data does not match the backup: " + "; ".join(problems))
    return manifest


def _restore_database(path):
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        source = sqlite3.connect(path)
        with source:
            source.backup(connection.connection)
        source.close()
        return
    connection.close()
    subprocess.run(  # noqa: S603 # nosec B603
        [
            _pg_tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--dbname",
            connection.settings_dict["NAME"],
            *_pg_args(),
            str(path),
        ],
        check=True,
        env=_pg_env(),
        capture_output=True,
    )


def verify(manifest):
    problems = []
    counts = table_counts()
    for table, expected in manifest["tables"].items():
        if counts.get(table) != expected:
            problems.append(f"{table}: {counts.get(table)} rows, expected {expected}")
    hashes = file_hashes()
    for name, digest in manifest["files"].items():
        if hashes.get(name) != digest:
            problems.append(f"file {name} missing or changed")
    return problems
