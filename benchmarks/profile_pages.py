"""Profile one uncached page in this process: CPU per request, SQL queries and the
functions where the time goes (cProfile), production settings with the page cache off.

    .venv/bin/python benchmarks/profile_pages.py --env ENV.json URL [URL ...] [--rounds 30]

``ENV.json`` is the environment of a prepared site (``uncached_pages.py --keep`` writes
one); without it the current environment is used. Prints, per URL, the CPU ms per request
(``time.process_time``), the number of queries and the top functions by cumulative time.
"""

import argparse
import cProfile
import io
import json
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("urls", nargs="+")
    parser.add_argument("--env", help="JSON file with the site's environment")
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--top", type=int, default=35)
    parser.add_argument("--signed-in", action="store_true", help="as a signed-in reader")
    args = parser.parse_args()
    if args.env:
        os.environ.update(json.loads(Path(args.env).read_text()))
    os.environ["RUTA_PAGE_CACHE_SECONDS"] = "0"
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    if args.signed_in:
        user, _created = get_user_model().objects.get_or_create(username="bench-reader")
        client.force_login(user)
    for url in args.urls:
        for _ in range(3):  # warm: templates, Wagtail's site cache, connections
            response = client.get(url)
            if response.status_code != 200:
                raise SystemExit(f"{url} answered {response.status_code}")
        queries = []  # request_started empties connection.queries: count them here

        def record(execute, sql, params, many, context, queries=queries):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(record):
            client.get(url)
        started = time.process_time()
        for _ in range(args.rounds):
            client.get(url)
        cpu_ms = (time.process_time() - started) * 1000 / args.rounds
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.rounds):
            client.get(url)
        profiler.disable()
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
        stats.print_stats(args.top)
        print(f"\n### {url}: {cpu_ms:.1f} ms CPU per request, {len(queries)} queries")
        for sql in queries:
            print("   ", sql[:200])
        print(out.getvalue())


if __name__ == "__main__":
    main()
