"""Read an import's input safely: a file, a folder, a zip archive or uploaded bytes.

Only files inside the package are read (no absolute paths, no ``..``, no links or devices
leading elsewhere, no URLs), each within the size limits, before anything is parsed.
"""

import io
import json
import os
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.utils.translation import gettext as _

from .limits import Unreadable, limit, too_large

DATAPACKAGE = "datapackage.json"
JSON_NAMES = ("hsds.json", "tabular.json")


def safe_member(name):
    """A package-relative file name, or None when it would leave the package."""
    if not isinstance(name, str) or not name or "\\" in name or "\x00" in name:
        return None
    if "://" in name or name.startswith(("/", "~")) or ":" in name.split("/")[0]:
        return None
    path = PurePosixPath(name)
    if path.is_absolute() or any(part in ("..", "") for part in path.parts):
        return None
    return str(path)


class Folder:
    """Files of a package on disk, read only below its folder, regular files only."""

    def __init__(self, root):
        self.root = Path(root).resolve()
        self.label = self.root.name

    def names(self):
        return sorted(
            entry.name for entry in os.scandir(self.root) if entry.is_file(follow_symlinks=False)
        )

    def read(self, name):
        member = safe_member(name)
        if member is None:
            raise Unreadable(_("%(name)s is not a file inside the package.") % {"name": name})
        path = (self.root / member).resolve()
        if not path.is_relative_to(self.root):
            raise Unreadable(_("%(name)s is not a file inside the package.") % {"name": name})
        try:
            info = path.stat()
        except OSError as error:
            raise Unreadable(
                _("%(name)s cannot be read (%(error)s).") % {"name": name, "error": error.strerror}
            ) from error
        if not stat.S_ISREG(info.st_mode):
            raise Unreadable(_("%(name)s is not a regular file.") % {"name": name})
        return read_limited(path.open("rb"), name, info.st_size)


class Archive:
    """Files of a zip archive, read in memory within the limits (no extraction to disk)."""

    def __init__(self, data, label):
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile as error:
            raise Unreadable(_("%(name)s is not a valid zip archive.") % {"name": label}) from error
        self.label = label
        infos = [info for info in self.zip.infolist() if not info.is_dir()]
        if len(infos) > limit("HSDS_IMPORT_MAX_FILES"):
            raise Unreadable(
                _("%(name)s holds more than %(limit)s files.")
                % {"name": label, "limit": limit("HSDS_IMPORT_MAX_FILES")}
            )
        total = sum(info.file_size for info in infos)
        if total > limit("HSDS_IMPORT_MAX_BYTES"):
            raise too_large(label, total)
        self.members = {}
        for info in infos:
            member = safe_member(info.filename)
            if member is None:
                raise Unreadable(
                    _("%(name)s holds a file outside the package: %(member)s")
                    % {"name": label, "member": info.filename}
                )
            self.members[member] = info
        # A package zipped with its folder: read below that folder.
        folders = {PurePosixPath(m).parts[0] for m in self.members if "/" in m}
        self.prefix = ""
        if len(folders) == 1 and all("/" in m for m in self.members):
            self.prefix = f"{folders.pop()}/"

    def names(self):
        return sorted(
            m.removeprefix(self.prefix)
            for m in self.members
            if "/" not in m.removeprefix(self.prefix)
        )

    def read(self, name):
        member = safe_member(name)
        info = self.members.get(f"{self.prefix}{member}") if member else None
        if info is None:
            raise Unreadable(_("%(name)s is not a file inside the package.") % {"name": name})
        try:
            return read_limited(self.zip.open(info), name, info.file_size)
        except (zipfile.BadZipFile, OSError, RuntimeError) as error:  # corrupt, encrypted
            raise Unreadable(
                _("%(name)s cannot be read from the archive.") % {"name": name}
            ) from error


def read_limited(handle, name, announced=0):
    maximum = limit("HSDS_IMPORT_MAX_BYTES")
    if announced > maximum:
        handle.close()
        raise too_large(name, announced)
    with handle:
        data = handle.read(maximum + 1)
    if len(data) > maximum:
        raise too_large(name, len(data))
    return data


@dataclass
class Input:
    """What was given: one document's bytes, or a package's files (``files``)."""

    label: str
    data: bytes = b""
    files: object = None


def open_path(path):
    path = Path(path)
    if path.is_dir():
        return Input(path.name, files=Folder(path))
    if not path.exists():
        raise Unreadable(_("%(path)s does not exist.") % {"path": path})
    if path.name == DATAPACKAGE:
        return Input(path.parent.name or path.name, files=Folder(path.parent))
    data = Folder(path.parent).read(path.name)
    return open_bytes(path.name, data)


def open_bytes(label, data):
    if len(data) > limit("HSDS_IMPORT_MAX_BYTES"):
        raise too_large(label, len(data))
    if data[:4] == b"PK\x03\x04":
        return Input(label, files=Archive(data, label))
    return Input(label, data=data)


def decode(data, name):
    """Text of a file: UTF-8 (with or without BOM); Windows-1252 as a readable fallback."""
    try:
        return data.decode("utf-8-sig"), False
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252"), True
        except UnicodeDecodeError as error:
            raise Unreadable(_("%(name)s is not text in UTF-8.") % {"name": name}) from error


def parse_json(data, name):
    """JSON or NDJSON (one object per line) → a Python value; errors say where."""
    text, _legacy = decode(data, name)
    try:
        return json.loads(text)
    except RecursionError as error:
        raise Unreadable(_("%(name)s is nested too deeply.") % {"name": name}) from error
    except json.JSONDecodeError as error:
        lines = [line for line in text.splitlines() if line.strip()]
        if len(lines) > 1 and lines[0].lstrip().startswith("{"):
            return parse_ndjson(lines, name)
        raise Unreadable(
            _("%(name)s is not valid JSON (line %(line)s, column %(column)s: %(error)s).")
            % {"name": name, "line": error.lineno, "column": error.colno, "error": error.msg}
        ) from error


def parse_ndjson(lines, name):
    items = []
    for number, line in enumerate(lines, start=1):
        try:
            items.append(json.loads(line))
        except (json.JSONDecodeError, RecursionError) as error:
            raise Unreadable(
                _("%(name)s, line %(line)s is not a JSON object (NDJSON: one object per line).")
                % {"name": name, "line": number}
            ) from error
    return items
