"""A small but realistic fictional Ruta for browser tests, built with the apps' factories.

Home with its three sections; a protocol edition in force with four phases (steps with
institutions, deadlines, decisions, warnings and legal references), a sub-route and an
annex, and the superseded edition before it (for the comparison page); a directory of five
organisations in four provinces, one of them with a confidential shelter; a training
catalogue with three modules (one with full sessions); a referral sent by the shelter to
the prosecutor's office. Everything is fictional and marked as demo data.

``build_site()`` returns a :class:`RutaSite` with the paths of every page the accessibility
and page-weight tests visit, per language. It takes a few seconds (``load_demo`` takes a
minute), so each browser test can build its own site.
"""

from io import StringIO

from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from website.factories import make_site_root
from website.models import SiteSettings

from .common import DIRECTORY_FILTERS, DIRECTORY_QUERY, GUAYAS, LANGUAGES, SITE_QUERY, RutaSite
from .directory_part import build_directory
from .protocol_part import build_protocol
from .training_part import build_referral, build_training

__all__ = [
    "DIRECTORY_FILTERS",
    "DIRECTORY_QUERY",
    "GUAYAS",
    "LANGUAGES",
    "SITE_QUERY",
    "RutaSite",
    "build_site",
]


# --- the whole site -------------------------------------------------------------------


def build_site(quick_exit_url=None):
    home = make_site_root(
        intro_es="<p>Ruta reúne el protocolo, el directorio y la formación (demostración).</p>",
        intro_en="<p>Ruta brings together the protocol, the directory and training (demo).</p>",
    )
    if quick_exit_url:
        settings = SiteSettings.load()
        settings.quick_exit_url = quick_exit_url
        settings.save()
    directory, orgs = build_directory(home)
    _index, edition, phase = build_protocol(home, (orgs["shelter"], orgs["prosecutor"]))
    training, module = build_training(
        home, orgs["coast"], orgs["shelter"].services.order_by("name").first()
    )
    staff, referral = build_referral(orgs["shelter"], orgs["prosecutor"])
    service = orgs["prosecutor"].services.order_by("name").first()
    # Search entries are written by on_commit tasks as the objects are saved; rebuilding
    # makes the site search independent of the order those tasks ran in.
    call_command("search_index", "--rebuild", verbosity=0, stdout=StringIO())

    site = RutaSite(staff_user=staff, referral=referral, shelter=orgs["shelter"])
    site.receiver = orgs["prosecutor"]

    def url(page, language, suffix=""):
        with translation.override(language):
            return page.specific.get_url() + suffix

    def search_url(language):
        with translation.override(language):
            return f"{reverse('site-search')}?q={SITE_QUERY[language]}"

    shelter_slugs = {"es": orgs["shelter"].slug_es, "en": orgs["shelter"].slug_en}
    query = {
        language: f"?q={DIRECTORY_QUERY[language]}&province={DIRECTORY_FILTERS['province']}"
        f"&category={DIRECTORY_FILTERS['category']}"
        for language in LANGUAGES
    }
    site.public = {
        "home": {language: f"/{language}/" for language in LANGUAGES},
        "protocol edition": {language: url(edition, language) for language in LANGUAGES},
        "protocol phase": {language: url(phase, language) for language in LANGUAGES},
        "protocol changes": {
            language: url(edition, language, {"es": "cambios/", "en": "changes/"}[language])
            for language in LANGUAGES
        },
        "directory results": {
            language: url(directory, language, query[language]) for language in LANGUAGES
        },
        "organisation": {
            language: url(directory, language, f"{shelter_slugs[language]}/")
            for language in LANGUAGES
        },
        "coverage": {
            language: url(directory, language, {"es": "cobertura/", "en": "coverage/"}[language])
            for language in LANGUAGES
        },
        "training catalogue": {language: url(training, language) for language in LANGUAGES},
        "training module": {language: url(module, language) for language in LANGUAGES},
        "site search": {language: search_url(language) for language in LANGUAGES},
        # Phone first (issue 16): a service's page, the contact cards, a phase in Guayas.
        "service page": {
            language: url(
                directory,
                language,
                f"{'servicio' if language == 'es' else 'service'}/{service.pk}/",
            )
            for language in LANGUAGES
        },
        "province cards": {
            language: url(directory, language, {"es": "tarjetas/", "en": "cards/"}[language])
            for language in LANGUAGES
        },
        "province card": {
            language: url(
                directory, language, {"es": "tarjetas/", "en": "cards/"}[language] + "EC-G/"
            )
            for language in LANGUAGES
        },
        "protocol phase, Guayas": {
            language: url(phase, language, f"?province={GUAYAS}") for language in LANGUAGES
        },
    }
    site.signed_in = {
        "referral form": f"/admin/referrals/new/?receiver={orgs['prosecutor'].pk}",
        "referral record": f"/admin/referrals/{referral.pk}/",
    }
    return site
