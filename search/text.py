"""Text analysis shared by every backend: accent folding, stop words and Snowball stemming.

Python stems both the indexed text and the query (``index_terms``, ``stems``), so SQLite,
PostgreSQL and Elasticsearch all compare the same terms: the databases store them in
``search.models.SearchTerm``, Elasticsearch receives them pre-analysed
(``search.documents``). Spanish: fold accents, drop a plural ending, then the Snowball
Spanish stemmer (PyStemmer), so "deportados"/"deportación" and "capacitada"/"capacitación"
meet; English: Snowball English (Porter2). See docs/architecture.md (search).
"""

import itertools
import re
import unicodedata
from functools import lru_cache

import Stemmer

TOKEN_RE = re.compile(r"[a-z0-9]+")
VOWELS = set("aeiou")
BIGRAM_JOINER = "_"

_WORDS_ES = (
    "a al ante con contra de del desde el en entre hacia hasta la las lo los o para por que "
    "se sin sobre su sus un una unas unos y e u mi mis me te le les nos"
)
_WORDS_EN = "a an and are as at be by for from in into is it of on or the to with my me we our i"
STOPWORDS = {"es": frozenset(_WORDS_ES.split()), "en": frozenset(_WORDS_EN.split())}

# Words of a spoken request that say nothing about the need ("necesito", "dónde", "tengo"):
# dropped from queries only, never from indexed text.
_CHATTER_ES = (
    "necesito necesita necesitamos quiero queria quisiera busco buscar buscando donde como "
    "cual cuales quien alguien algo alguna algun hay tengo tiene tenemos tener estoy esta "
    "estan este esto eso esa soy es son fue era puedo puede pueden podria ayudenme ayudeme "
    "favor porfavor hola gracias urgente ya muy mas aqui alla ahora hoy noche manana "
    "no si tambien pero porque cuando yo usted ustedes ella el ellos nosotros hacer "
    "ir voy vamos dar den saber sabe informacion lugar sitio"
)
_CHATTER_EN = (
    "need needs want looking look find where how who someone something there have has am "
    "is are was can could please help hello thanks urgent now today tonight do does not no "
    "get information place"
)
QUERY_STOPWORDS = {"es": frozenset(_CHATTER_ES.split()), "en": frozenset(_CHATTER_EN.split())}

# Explicit alignment of a few Snowball outcomes (as Elasticsearch's stemmer_override would):
# the refugee ("refugiado") must not meet the shelter ("refugio").
STEM_OVERRIDES = {
    "es": {
        "refugiado": "refugiad",
        "refugiada": "refugiad",
        "refugiados": "refugiad",
        "refugiadas": "refugiad",
    },
    "en": {},
}
SNOWBALL = {"es": "spanish", "en": "english"}


def fold(text):
    """Lower case without accents: "Atención Psicológica" -> "atencion psicologica"."""
    decomposed = unicodedata.normalize("NFKD", str(text or "").lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=4)
def _stemmer(language):
    return Stemmer.Stemmer(SNOWBALL.get(language, "spanish"))


def _singular(token):
    """Spanish plural endings, before Snowball: "mujeres" -> "mujer", "luces" -> "luz"."""
    if len(token) > 4 and token.endswith("ces"):
        return token[:-3] + "z"
    if len(token) > 4 and token.endswith("es") and token[-3] not in VOWELS:
        return token[:-2]
    if len(token) > 3 and token.endswith("s") and token[-2] in "aeo":
        return token[:-1]
    return token


@lru_cache(maxsize=50_000)
def stem(token, language="es"):
    """The stem of one folded token in ``language`` ("es" or "en")."""
    if token.isdigit():
        return token
    override = STEM_OVERRIDES.get(language, {}).get(token)
    if override:
        return override
    if language == "es":
        token = _singular(token)
    return _stemmer(language).stemWord(token)


def tokens(text, language="es", *, keep_stopwords=False):
    """Folded tokens of ``text`` without stop words (not yet stemmed)."""
    stop = frozenset() if keep_stopwords else STOPWORDS.get(language, frozenset())
    return [t for t in TOKEN_RE.findall(fold(text)) if len(t) > 1 and t not in stop]


def stems(text, language="es"):
    return [stem(t, language) for t in tokens(text, language)]


def bigram(first, second):
    return f"{first}{BIGRAM_JOINER}{second}"


def index_terms(text, language="es"):
    """What one field contributes to the index: its stems and the bigrams of adjacent
    stems (phrases such as "casa de acogida" or "trabajo social" are matched as bigrams)."""
    stemmed = stems(text, language)
    return stemmed + [bigram(a, b) for a, b in itertools.pairwise(stemmed)]


def phrase_terms(stemmed):
    """The index terms a phrase of stems is matched by: itself when one word, its bigrams
    otherwise."""
    if len(stemmed) == 1:
        return list(stemmed)
    return [bigram(a, b) for a, b in itertools.pairwise(stemmed)]
