"""Text normalisation shared by both backends: accent folding, a light stemmer, stop words
and the editors' synonym file.

The database backend stores entries already normalised (``index_text``) and normalises the
query the same way, so accents, plural/singular and masculine/feminine forms match on SQLite
and PostgreSQL alike. Elasticsearch does the same work with its own analyzer
(``search.documents``), fed by the same synonym file.
"""

import re
import unicodedata
from functools import cache
from pathlib import Path

from django.conf import settings

TOKEN_RE = re.compile(r"[a-z0-9]+")
VOWELS = set("aeiou")

STOPWORDS = {
    "es": frozenset(
        {
            "a",
            "al",
            "ante",
            "con",
            "contra",
            "de",
            "del",
            "desde",
            "el",
            "en",
            "entre",
            "hacia",
            "hasta",
            "la",
            "las",
            "lo",
            "los",
            "o",
            "para",
            "por",
            "que",
            "se",
            "sin",
            "sobre",
            "su",
            "sus",
            "un",
            "una",
            "unas",
            "unos",
            "y",
            "e",
            "u",
            "mi",
            "me",
        }
    ),
    "en": frozenset(
        {
            "a",
            "an",
            "and",
            "are",
            "as",
            "at",
            "be",
            "by",
            "for",
            "from",
            "in",
            "into",
            "is",
            "it",
            "of",
            "on",
            "or",
            "the",
            "to",
            "with",
        }
    ),
}


def fold(text):
    """Lower case without accents: "Atención Psicológica" -> "atencion psicologica"."""
    decomposed = unicodedata.normalize("NFKD", str(text or "").lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def stem(token, language="es"):
    """A deliberately light stemmer: plural and gender endings, and the infinitive of
    longer verbs, so that "albergues"/"albergue", "niñas"/"niños",
    "psicológica"/"psicológico" and "denunciar"/"denuncia" meet."""
    if token.isdigit():
        return token
    if language == "en":
        if len(token) > 4 and token.endswith("ies"):
            return token[:-3] + "y"
        if len(token) > 3 and token.endswith("s") and not token.endswith("ss"):
            return token[:-1]
        return token
    if len(token) > 4 and token.endswith("es") and token[-3] not in VOWELS:
        token = token[:-2]
    elif len(token) > 3 and token.endswith("s"):
        token = token[:-1]
    if len(token) > 5 and token.endswith(("ar", "er", "ir")):
        return token[:-2]  # denunciar -> denunci (denuncia), talleres -> taller -> tall
    if len(token) > 3 and token[-1] in "aoe":
        token = token[:-1]
    return token


def tokens(text, language="es", *, keep_stopwords=False):
    """Folded tokens of ``text`` without stop words (not yet stemmed)."""
    stop = set() if keep_stopwords else STOPWORDS.get(language, frozenset())
    return [t for t in TOKEN_RE.findall(fold(text)) if len(t) > 1 and t not in stop]


def stems(text, language="es"):
    return [stem(t, language) for t in tokens(text, language)]


# --- synonyms ---------------------------------------------------------------------------


def synonyms_path():
    return Path(getattr(settings, "SEARCH_SYNONYMS_FILE", Path(__file__).parent / "synonyms.txt"))


def read_synonym_lines(path=None):
    """The synonym groups as Solr-style lines ("albergue, casa de acogida, refugio"), as
    written by editors; blank lines and # comments are skipped."""
    path = Path(path or synonyms_path())
    if not path.exists():
        return []
    lines = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line and "," in line:
            lines.append(", ".join(part.strip() for part in line.split(",") if part.strip()))
    return lines


@cache
def _synonym_groups(path_string, language):
    groups = []
    for line in read_synonym_lines(path_string):
        members = []
        for phrase in line.split(","):
            phrase_stems = tuple(stems(phrase, language))
            if phrase_stems:
                members.append(phrase_stems)
        if len(members) > 1:
            groups.append(members)
    return groups


def synonym_groups(language="es"):
    """Each group as a list of stemmed phrases (tuples)."""
    return _synonym_groups(str(synonyms_path()), language)


def _contains(sequence, phrase):
    size = len(phrase)
    return any(tuple(sequence[i : i + size]) == phrase for i in range(len(sequence) - size + 1))


def expand_synonyms(stemmed, language="es"):
    """Stems of every synonym of a phrase found in ``stemmed`` (a list of stems)."""
    extra = []
    for group in synonym_groups(language):
        if any(_contains(stemmed, member) for member in group):
            for member in group:
                extra.extend(s for s in member if s not in stemmed and s not in extra)
    return extra


def index_text(text, language="es", *, with_synonyms=True):
    """What the database backend stores: stems plus the stems of their synonyms."""
    stemmed = stems(text, language)
    if with_synonyms:
        stemmed += expand_synonyms(stemmed, language)
    return " ".join(stemmed)
