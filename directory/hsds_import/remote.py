"""Pull an HSDS 3 API (its root, or one list such as ``/services``), page by page.

Against server-side request forgery: only https (http for loopback where the deployment
allows it), an optional allow-list of hosts, every address the name resolves to must be a
public one (never private, link-local, metadata or loopback unless allowed), the request
goes to the address that was checked (no second lookup), no redirects, a time-out and the
import's size limit on everything read.
"""

import ipaddress
import json
import socket
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import urllib3
from django.conf import settings
from django.utils.translation import gettext as _

from .limits import Unreadable, limit, too_large
from .sources import Input

TIMEOUT = 15  # seconds per request
MAX_PAGES = 500
LISTS = ("taxonomies", "taxonomy_terms", "organizations", "services")


def allowed_hosts():
    return [h.lower() for h in getattr(settings, "HSDS_IMPORT_URL_HOSTS", [])]


def loopback_allowed():
    return bool(getattr(settings, "HSDS_IMPORT_ALLOW_LOOPBACK", False))


def check_url(url):
    """(scheme, host, port, address) of an allowed URL, or Unreadable saying why not."""
    parts = urlsplit(url or "")
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("https", "http") or not host or parts.username or parts.password:
        raise Unreadable(_("Give the address of an HSDS API, starting with https://."))
    if allowed_hosts() and host not in allowed_hosts():
        raise Unreadable(
            _("%(host)s is not among the hosts this site may import from.") % {"host": host}
        )
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise Unreadable(_("%(host)s cannot be found.") % {"host": host}) from error
    addresses = {ipaddress.ip_address(info[4][0]) for info in infos}
    loopback = all(a.is_loopback for a in addresses)
    if not (loopback and loopback_allowed()) and not all(a.is_global for a in addresses):
        raise Unreadable(
            _("%(host)s is not a public address: imports only read public HSDS APIs.")
            % {"host": host}
        )
    if parts.scheme == "http" and not (loopback and loopback_allowed()):
        raise Unreadable(_("Give the address of an HSDS API, starting with https://."))
    return parts.scheme, host, port, str(sorted(addresses, key=str)[0])


def get_json(url, budget):
    scheme, host, port, address = check_url(url)
    parts = urlsplit(url)
    target = urlunsplit(("", "", parts.path or "/", parts.query, ""))
    options = {"timeout": urllib3.Timeout(TIMEOUT), "retries": False}
    if scheme == "https":
        pool = urllib3.HTTPSConnectionPool(
            address, port, server_hostname=host, assert_hostname=host, **options
        )
    else:
        pool = urllib3.HTTPConnectionPool(address, port, **options)
    try:
        response = pool.request(
            "GET",
            target,
            headers={"Host": host, "Accept": "application/json"},
            redirect=False,
            preload_content=False,
        )
        if response.status != 200:
            raise Unreadable(
                _("%(url)s answered %(status)s.") % {"url": url, "status": response.status}
            )
        data = response.read(budget + 1, decode_content=True)
    except urllib3.exceptions.HTTPError as error:
        raise Unreadable(
            _("%(url)s cannot be read (%(error)s).") % {"url": url, "error": type(error).__name__}
        ) from error
    finally:
        pool.close()
    if len(data) > budget:
        raise too_large(url, len(data))
    try:
        return json.loads(data.decode("utf-8")), len(data)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        raise Unreadable(_("%(url)s did not answer with JSON.") % {"url": url}) from error


def with_query(url, **params):
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    query.update({k: str(v) for k, v in params.items()})
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


def fetch_api(url, progress=None):
    """One HSDS document (JSON bytes) with everything the URL leads to."""
    budget = limit("HSDS_IMPORT_MAX_BYTES")
    first, used = get_json(url, budget)
    if (
        isinstance(first, dict)
        and "contents" not in first
        and ("openapi_url" in first or "profile" in first or "version" in first)
    ):  # the API's root: read its lists
        base = url.rstrip("/")
        document = {}
        for name in LISTS:
            params = {"full": "true"} if name in ("organizations", "services") else {}
            document[name], used = pages(
                with_query(f"{base}/{name}", **params), budget, used, progress
            )
    elif isinstance(first, dict) and isinstance(first.get("contents"), list):
        items, used = pages(url, budget, used, progress, first=first)
        document = {"contents": items}
    else:
        document = first
    return Input(url, data=json.dumps(document).encode("utf-8"))


def pages(url, budget, used, progress, first=None):
    items = []
    page, total = 1, 1
    while page <= min(total, MAX_PAGES):
        answer = first if (first is not None and page == 1) else None
        if answer is None:
            answer, size = get_json(with_query(url, page=page), budget - used)
            used += size
        if not isinstance(answer, dict) or not isinstance(answer.get("contents"), list):
            raise Unreadable(_("%(url)s is not an HSDS list page.") % {"url": url})
        items += answer["contents"]
        total = int(answer.get("total_pages") or 1)
        if progress:
            progress(urlsplit(url).path, page, total)
        page += 1
    return items, used
