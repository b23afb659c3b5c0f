from io import BytesIO

import pytest
from pypdf import PdfReader

from infra.pdf import PDF_BASE_HOST, _local_static_fetcher, render_pdf


def test_render_pdf_uses_local_static_files():
    html = (
        '<html lang="es"><head><link rel="stylesheet" href="/static/website/css/print.css">'
        "</head><body><h1>Manual de la ruta</h1></body></html>"
    )
    reader = PdfReader(BytesIO(render_pdf(html)))
    assert "Manual de la ruta" in reader.pages[0].extract_text()


def test_pdf_fetcher_refuses_other_hosts():
    with pytest.raises(ValueError, match="only load local static files"):
        _local_static_fetcher().fetch("https://cdn.example.com/font.woff2")


def test_pdf_fetcher_reads_collected_files_with_hashed_names(settings, tmp_path):
    """Production templates point at hashed names (ManifestStaticFilesStorage)."""

    settings.STATIC_ROOT = tmp_path
    (tmp_path / "website" / "css").mkdir(parents=True)
    (tmp_path / "website" / "css" / "print.0123abcd.css").write_text("h1 { color: red; }")
    response = _local_static_fetcher().fetch(
        f"http://{PDF_BASE_HOST}/static/website/css/print.0123abcd.css"
    )
    assert response is not None
