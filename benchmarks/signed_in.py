"""Signed-in pages under load: the directory with staff details, the referral list and the
admin dashboard, as a verified (two-factor) user, on the reference stack (deploy/stack.py:
PostgreSQL, Redis cache, gunicorn gthread workers).

    .venv/bin/python benchmarks/signed_in.py [--duration 10] [--connections 16] [--attach DIR]

``--attach`` uses a running ``make stack`` (its folder) instead of starting one.

Each URL is loaded by wrk with the user's session cookie, first against one application
server (2 workers), then through nginx (both servers, 4 workers). Prints req/s, p50, p95 and
errors per URL and the database queries one request makes; the figures go into
docs/performance.md by hand.
"""

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._server import ROOT
from benchmarks.soak import load
from deploy.stack import Attached, Stack
from deploy.tools import shell

# Verified sessions for a directory staff member (referral user) and the superuser.
SESSIONS = """
import json
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from referrals.demo import STAFF_USERS
from website.demo import ADMIN_USERNAME

store = import_module(settings.SESSION_ENGINE).SessionStore
found = {}
for role, username in (("staff", STAFF_USERS[0]), ("admin", ADMIN_USERNAME)):
    user = get_user_model().objects.get(username=username)
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="bench", defaults={"confirmed": True}
    )
    session = store()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.create()
    found[role] = session.session_key
print("SESSIONS " + json.dumps(found))
"""
# Database queries of one request of each URL, with the same user.
QUERIES = """
import json, sys
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp import DEVICE_ID_SESSION_KEY
urls = json.load(sys.stdin)
counts = {}
for name, (role, url) in urls.items():
    client = Client(HTTP_HOST="127.0.0.1", secure=True)
    client.cookies["sessionid"] = SESSIONS[role]
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        status = client.get(url).status_code
    counts[name] = [status, len(queries)]
print("QUERIES " + json.dumps(counts))
"""


def wrk(url, cookie, duration, connections):
    result = subprocess.run(
        [
            *("wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "10s"),
            *("-H", f"Cookie: sessionid={cookie}"),
            *("-s", str(ROOT / "benchmarks" / "wrk_report.lua"), url),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("RUTA_JSON "))
    figures = json.loads(line.removeprefix("RUTA_JSON "))
    figures["rps"] = figures["requests"] / (figures["duration_us"] / 1e6)
    return figures


def run(stack, duration=10, connections=16):
    """Load each signed-in URL on a running stack and print the table."""
    sessions = json.loads(shell(stack.env, SESSIONS).split("SESSIONS ", 1)[1])
    directory = shell(
        stack.env,
        "from directory.models import Organization; print('ORG', "
        "Organization.objects.filter(is_active=True).order_by('name')[0].slug)",
    )
    slug = re.search(r"ORG (\S+)", directory).group(1)
    urls = {
        "directory (staff details)": ("staff", "/es/directorio/"),
        "organisation (staff details)": ("staff", f"/es/directorio/{slug}/"),
        "referral list": ("staff", "/admin/referrals/"),
        "admin dashboard": ("admin", "/admin/"),
    }
    queries = json.loads(
        shell(
            stack.env,
            f"SESSIONS = {sessions!r}\n" + QUERIES,
            stdin=json.dumps(urls),
        ).split("QUERIES ", 1)[1]
    )
    print(f"Signed-in pages, {connections} connections, {duration} s per URL ({load()}):")
    print(
        f"{'page':32} {'target':22} {'status':>6} {'queries':>7} {'req/s':>7} "
        f"{'p50 ms':>7} {'p95 ms':>7} {'errors':>6}"
    )
    for name, (role, path) in urls.items():
        status, count = queries[name]
        for target, base in (
            ("1 server, 2 workers", stack.app_urls()[1]),
            ("nginx, 2 servers", stack.base),
        ):
            figures = wrk(base + path, sessions[role], duration, connections)
            errors = figures["socket_errors"] + figures["status_errors"]
            print(
                f"{name:32} {target:22} {status:>6} {count:>7} {figures['rps']:>7.0f} "
                f"{figures['p50_us'] / 1000:>7.0f} {figures['p95_us'] / 1000:>7.0f} "
                f"{errors:>6}",
                flush=True,
            )
    print(f"Done ({load()}).")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--attach", help="folder of a running stack")
    args = parser.parse_args()
    with Attached(args.attach) if args.attach else Stack() as stack:
        run(stack, args.duration, args.connections)


if __name__ == "__main__":
    main()
