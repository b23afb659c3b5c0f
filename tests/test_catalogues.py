"""Spanish catalogues: one Spanish wording per English msgid without context.

Django merges every installed app's catalogue into one: for a msgid without context the
app listed first in INSTALLED_APPS wins, and our apps come before Wagtail's and Django's.
So a word one of our apps translates for its own meaning ("title" as a contact's job
title, "cargo") would replace Wagtail's wording everywhere else ("Título" of every page).
A place that needs its own Spanish says so with a context (pgettext), and this test keeps
the committed catalogues from drifting back.
"""

from datetime import date
from pathlib import Path

import django
import polib
from django.apps import apps
from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format

from directory.models import Contact
from protocol_pages.models import ProtocolEditionPage
from referrals.choices import Status as ReferralStatus
from training.choices import DeliveryMode

ROOT = Path(settings.BASE_DIR).resolve()

# msgid → why our Spanish deliberately replaces what Wagtail or Django would show.
DELIBERATELY_OURS = {
    "slug": "Wagtail says 'marquilla', a word editors do not know; 'dirección web (slug)' "
    "names the same URL part for pages and institutions alike.",
    "Saving…": "Same meaning; Wagtail's Spanish swaps the msgid's ellipsis character for "
    "three full stops, ours keeps it (one character for screen readers).",
    "This field is required.": "Same meaning; 'obligatorio' is Django's own Spanish; the "
    "first upstream catalogue, Django REST framework's, says 'requerido' (an anglicism).",
}


def _entries(path):
    """{msgid: Spanish} of the translated entries without context; a plural entry is keyed
    (msgid, msgid_plural) with its singular and first plural form."""
    catalogue = polib.pofile(str(path)) if path.suffix == ".po" else polib.mofile(str(path))
    found = {}
    for entry in catalogue:
        if not entry.msgid or entry.msgctxt or entry.obsolete or "fuzzy" in entry.flags:
            continue
        if entry.msgid_plural:
            forms = (entry.msgstr_plural.get(0), entry.msgstr_plural.get(1))
            if all(forms):
                found[(entry.msgid, entry.msgid_plural)] = forms
        elif entry.msgstr:
            found[entry.msgid] = entry.msgstr
    return found


def _ours():
    """{msgid: {app label: Spanish}} from our apps' committed catalogues."""
    found = {}
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        catalogue = path / "locale" / "es" / "LC_MESSAGES" / "django.po"
        if path.parent == ROOT and catalogue.exists():
            for msgid, msgstr in _entries(catalogue).items():
                found.setdefault(msgid, {})[config.label] = msgstr
    return found


def _upstream():
    """{msgid: (source, Spanish)}: what the merged catalogue would say without our apps,
    read from the compiled catalogues Django loads (first installed app wins, Django's own
    catalogue underneath)."""
    found = {}
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        compiled = path / "locale" / "es" / "LC_MESSAGES" / "django.mo"
        if path.parent != ROOT and compiled.exists():
            for msgid, msgstr in _entries(compiled).items():
                found.setdefault(msgid, (config.name, msgstr))
    base = Path(django.__file__).parent / "conf" / "locale" / "es" / "LC_MESSAGES" / "django.mo"
    for msgid, msgstr in _entries(base).items():
        found.setdefault(msgid, ("django", msgstr))
    return found


OURS = _ours()
UPSTREAM = _upstream()


def test_our_catalogues_are_read():
    assert not settings.LOCALE_PATHS  # would override every app: read here if ever set
    assert {"directory", "referrals", "training", "protocol_pages"} <= {
        app for translations in OURS.values() for app in translations
    }
    assert UPSTREAM["title"] == ("wagtail.documents", "Título")
    assert any(isinstance(msgid, tuple) for msgid in OURS)  # plural entries too


def test_our_apps_agree_on_each_msgid_without_context():
    conflicts = {
        msgid: translations
        for msgid, translations in OURS.items()
        if len(set(translations.values())) > 1
    }
    assert conflicts == {}, "Same msgid, different Spanish: give each place a context"


def test_our_spanish_does_not_replace_wagtails_or_djangos():
    replaced = {
        msgid: {"ours": translations, "upstream": UPSTREAM[msgid]}
        for msgid, translations in OURS.items()
        if msgid in UPSTREAM
        and msgid not in DELIBERATELY_OURS
        and set(translations.values()) != {UPSTREAM[msgid][1]}
    }
    assert replaced == {}, "Ours would win over theirs: add a context or use their Spanish"


def test_each_allowed_exception_is_still_needed_and_explained():
    for msgid, reason in DELIBERATELY_OURS.items():
        assert reason.strip()
        assert msgid in OURS, msgid
        assert msgid in UPSTREAM, msgid
        assert set(OURS[msgid].values()) != {UPSTREAM[msgid][1]}, msgid


def test_the_spanish_page_editor_says_titulo():
    form_class = ProtocolEditionPage.get_edit_handler().get_form_class()
    with translation.override("es"):
        assert str(form_class.base_fields["title_es"].label) == "Título [es]"


def test_a_referral_status_reads_feminine_in_spanish():
    with translation.override("es"):
        assert str(ReferralStatus.RECEIVED.label) == "Recibida"
        assert str(ReferralStatus.CLOSED.label) == "Cerrada"


def test_wagtail_and_django_keep_their_own_spanish():
    with translation.override("es"):
        assert translation.gettext("Group") == "Grupo"  # Settings › Groups
        assert date_format(date(2026, 11, 30), "l j") == "lunes 30"
        assert str(Contact._meta.get_field("title").verbose_name) == "cargo"
        assert str(DeliveryMode.GROUP.label) == "Grupal"
