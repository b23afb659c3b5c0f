from io import BytesIO

import pytest
from pypdf import PdfReader

from website.pdf import _local_static_fetcher, render_pdf


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
