"""Helpers of the reference stack (``deploy/stack.py``) and the benchmarks that drive it:
find a Debian program, wait for a URL to answer, run ``manage.py shell`` in the stack."""

import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

from benchmarks._server import PYTHON, ROOT


def need(command, package):
    path = shutil.which(command) or (
        f"/usr/sbin/{command}" if Path(f"/usr/sbin/{command}").exists() else None
    )
    if path is None:
        raise SystemExit(f"{command} missing (Debian: apt-get install {package})")
    return path


def shell(env, code, stdin=None):
    """`manage.py shell -c code` with the stack's environment; its output."""
    result = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return result.stdout


def wait_for(url, seconds=180, accept=(200,)):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=3) as response:  # noqa: S310  # nosec B310
                if response.status in accept:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {seconds} s")
