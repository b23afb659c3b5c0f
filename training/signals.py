"""Publishing a module rebuilds its handout and facilitator guide in the background."""

import contextvars
from contextlib import contextmanager

from infra.pdf import request_builds

_suspended = contextvars.ContextVar("training_pdf_builds_suspended", default=False)


def rebuild_module_pdfs(sender, instance, **kwargs):
    """page_published receiver: enqueue the PDF builds of the module in every language."""
    if _suspended.get():
        return
    request_builds(instance.specific)


@contextmanager
def pdf_builds_suspended():
    """Publish many modules without building (demo data): the PDFs are then built on their
    first request, as ``infra.pdf.serve_pdf`` does for any missing file."""
    token = _suspended.set(True)
    try:
        yield
    finally:
        _suspended.reset(token)
