"""Pulling an HSDS 3 API: pages followed, and only public addresses (or loopback where the
deployment allows it) are read, so an import cannot be used to reach internal services."""

import io
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from directory.hsds_import.limits import Unreadable
from directory.hsds_import.remote import check_url
from directory.models import Service

ORG = "66666666-6666-4666-8666-666666666666"
SERVICES = [
    {
        "id": f"77777777-7777-4777-8777-{n:012d}",
        "organization_id": ORG,
        "name": f"Remoto {n}",
        "status": "active",
        "description": "Atención ficticia.",
        "organization": {"id": ORG, "name": "Socia remota", "description": "Ficticia."},
    }
    for n in range(5)
]


class API(BaseHTTPRequestHandler):
    def do_GET(self):
        url = urlsplit(self.path)
        page = int(parse_qs(url.query).get("page", ["1"])[0])
        if url.path == "/api/":
            body = {
                "version": "3.1",
                "profile": "https://docs.openreferral.org/",
                "openapi_url": "x",
            }
        elif url.path == "/api/services":
            body = {
                "total_pages": 3,
                "page_number": page,
                "contents": SERVICES[(page - 1) * 2 : page * 2],
            }
        else:
            body = {"total_pages": 1, "page_number": 1, "contents": []}
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def api():
    server = ThreadingHTTPServer(("127.0.0.1", 0), API)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/api/"
    server.shutdown()
    server.server_close()


@pytest.mark.django_db
def test_an_api_root_is_read_page_by_page(api, settings):
    settings.HSDS_IMPORT_ALLOW_LOOPBACK = True
    call_command("import_hsds", "--url", api, stdout=io.StringIO())
    assert sorted(Service.objects.values_list("name", flat=True)) == [
        f"Remoto {n}" for n in range(5)
    ]


@pytest.mark.django_db
def test_loopback_is_refused_unless_the_deployment_allows_it(api):
    with pytest.raises(CommandError, match="not a public address"):
        call_command("import_hsds", "--language", "en", "--url", api, stdout=io.StringIO())


@pytest.mark.parametrize(
    "url",
    [
        "https://10.1.2.3/api/",
        "https://192.168.0.1/",
        "https://169.254.169.254/latest/meta-data/",
        "https://[::1]/api/",
        "https://localhost/api/",
        "https://0.0.0.0/",
        "file:///etc/passwd",
        "gopher://example.org/",
        "https://user:secret@example.org/",
        "http://93.184.216.34/",
    ],
)
def test_internal_addresses_and_other_schemes_are_refused(url):
    with pytest.raises(Unreadable):
        check_url(url)


def test_an_allow_list_limits_the_hosts(settings):
    settings.HSDS_IMPORT_URL_HOSTS = ["datos.example.org"]
    with translation.override("en"), pytest.raises(Unreadable, match="not among the hosts"):
        check_url("https://otra.example.org/api/")
