"""What "save for offline" stores: the addresses of the edition in force and of a
province's public directory listings, in one language, with a revision that changes when
the saved copy must be replaced."""

import hashlib

from django.templatetags.static import static
from django.utils import translation

from directory.models import PROVINCE_CHOICES
from directory.selectors import directory_page
from infra.public_pages import public
from protocol_pages.models import ProtocolEditionPage, ProtocolIndexPage
from search.directory import browse_directory

PROVINCES = dict(PROVINCE_CHOICES)
# Style sheets and scripts a saved page needs (the site's own are precached at install).
SAVED_ASSETS = ("protocol_pages/css/protocol.css", "directory/directory.css")
MAX_LISTING_PAGES = 20  # a province's listing is a few pages; a bound keeps a save small


def edition_in_force(edition_id=None):
    """The edition in force of the protocol this edition belongs to (of the first protocol
    when no edition is named): a saved copy follows the protocol, not one edition."""
    index = None
    if edition_id:
        edition = public(ProtocolEditionPage.objects.live()).filter(pk=edition_id).first()
        index = edition.protocol_index if edition is not None else None
    if index is None:
        index = public(ProtocolIndexPage.objects.live()).first()
    return index.classify_editions()[0] if index is not None else None


def _edition_urls(edition):
    sections = [section for group in edition.route_sections().values() for section in group]
    urls = [edition.get_url(), *(section.get_url() for section in sections)]
    stamps = [str(edition.pk)] + [
        f"{page.pk}:{page.last_published_at.isoformat() if page.last_published_at else ''}"
        for page in [edition, *sections]
    ]
    return urls, stamps


def _province_urls(province):
    directory = directory_page()
    if directory is None:
        return []
    base = directory.get_url()
    urls, organisations = [], []
    pages = 1
    page = 1
    while page <= min(pages, MAX_LISTING_PAGES):
        data = browse_directory({"province": province, "page": str(page)})
        pages = data["results_page"].paginator.num_pages
        urls.append(f"{base}?province={province}" + (f"&page={page}" if page > 1 else ""))
        for item in data["results"]:
            urls.append(directory.service_url(item["id"]))
            address = f"{base}{item['organization']['slug']}/"
            if address not in organisations:
                organisations.append(address)
        page += 1
    card = directory.card_urls(province)[translation.get_language() or "es"]
    return [card, *urls, *organisations]


def offline_pack(language, province="", edition_id=None):
    """``{"revision", "language", "province", "edition", "urls"}``, or None when there is
    no edition in force. ``province`` must be a province code or empty."""
    with translation.override(language):
        edition = edition_in_force(edition_id)
        if edition is None:
            return None
        urls, stamps = _edition_urls(edition)
        if province:
            province_urls = _province_urls(province)
            urls += province_urls
            stamps += province_urls
        urls += [static(name) for name in SAVED_ASSETS]
        revision = hashlib.sha256("\n".join(stamps).encode()).hexdigest()[:16]
        return {
            "revision": revision,
            "language": language,
            "province": province,
            "edition": {"id": edition.pk, "title": edition.title, "url": edition.get_url()},
            "urls": list(dict.fromkeys(urls)),
        }
