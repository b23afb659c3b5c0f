"""Build the demo edition's handbook (both languages) and print the time. Goal: < 10 s each.

Usage: ``.venv/bin/python benchmarks/handbook_build.py`` after ``make run``'s setup (migrate +
load_demo). Uses DJANGO_SETTINGS_MODULE=website.settings.dev unless set.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.dev")

import django

django.setup()

from io import BytesIO  # noqa: E402

from django.conf import settings  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from infra.pdf import build_document  # noqa: E402
from protocol_pages.models import ProtocolIndexPage  # noqa: E402

GOAL_SECONDS = 10


def main():
    index = ProtocolIndexPage.objects.first()
    edition = index.classify_editions()[0] if index else None
    if edition is None:
        print("No protocol edition in force: run `make run` (or migrate + load_demo) first.")
        return 2
    print(f"Handbook of '{edition.title}' ({edition.url_path})")
    slowest = 0.0
    for language, _name in settings.LANGUAGES:
        started = time.perf_counter()
        document = build_document(edition, "manual", language)
        elapsed = time.perf_counter() - started
        with document.file.open("rb") as handle:
            pages = len(PdfReader(BytesIO(handle.read())).pages)
        slowest = max(slowest, elapsed)
        print(
            f"  {language}: {elapsed:.2f} s (WeasyPrint {document.build_seconds:.2f} s), "
            f"{pages} pages, {document.size / 1024:.0f} KiB"
        )
    verdict = "OK" if slowest < GOAL_SECONDS else "TOO SLOW"
    print(f"Slowest build: {slowest:.2f} s (goal < {GOAL_SECONDS} s): {verdict}")
    return 0 if slowest < GOAL_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
