"""What reading a query needs from the database, remembered per process until the content
changes: the published search rules, the place names, the curated vocabulary of typo
correction, and the document frequencies of the query's terms.

The curated vocabulary is the directory's own words (category and population labels,
language and place names, organisation names) and the rules' words: never what providers
wrote in their descriptions, so a typo in a description never becomes a "known word" and
correct everyday words are never turned into something else.
"""

from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import OSA

from directory.models import Language, Location, Organization, TaxonomyTerm
from directory.provinces import provinces
from infra.page_cache import current_version
from search.analysis import Word
from search.expansion import build_rulebook, compile_rule
from search.languages import LANGUAGE_NAMES
from search.models import SearchRule
from search.statistics import document_frequencies
from search.text import phrase_terms, stem, stems, tokens

MIN_CORRECTED_LENGTH = 5  # shorter words are never corrected
SAME_FIRST_LETTER_UP_TO = 6
RARE = 2  # a word found this few times, not in the vocabulary, may get a suggestion
# Label words too general to make a result relevant on their own.
GENERIC = {
    "es": {"person", "servici", "situacion", "irregular", "protec", "ayud"},
    "en": {"peopl", "servic", "care", "irregular", "situat"},
}


def max_distance(token):
    """Edits allowed to correct ``token``: none under 5 letters, 1 up to 6, then 2."""
    if len(token) < MIN_CORRECTED_LENGTH:
        return 0
    return 1 if len(token) <= 6 else 2


@dataclass
class QueryContext:
    language: str
    rulebook: object
    place_phrases: dict = field(default_factory=dict)  # first stem -> [(phrase, tag)]
    anchors: frozenset = frozenset()
    vocabulary: dict = field(default_factory=dict)  # folded word -> its stem
    known_stems: frozenset = frozenset()  # stems of the rules and places

    def spell(self, words, language):
        """(words, corrected text, suggestion): a word that matches nothing anywhere and is
        not a rule or place word is replaced by the nearest vocabulary word within
        ``max_distance``; a rare word outside the vocabulary only gets a suggestion."""
        if not words:
            return words, "", ""
        frequencies = document_frequencies([w.stem for w in words], language)
        fixed, changed, suggested = [], False, False
        suggestion = []
        for word in words:
            df = frequencies.get(word.stem, 0)
            replacement = None
            if not word.token.isdigit() and word.token not in self.vocabulary:
                if df == 0 and word.stem not in self.known_stems:
                    replacement = self._nearest(word.token, max_distance(word.token))
                elif 0 < df <= RARE and len(word.token) > 6:
                    near = self._nearest(word.token, 1)
                    if near and self.vocabulary[near] != word.stem:
                        suggestion.append(near)
                        suggested = True
                        fixed.append(word)
                        continue
            if replacement:
                fixed.append(Word(replacement, self.vocabulary[replacement]))
                suggestion.append(replacement)
                changed = True
            else:
                fixed.append(word)
                suggestion.append(word.token)
        text = " ".join(suggestion)
        if changed:
            return fixed, text, ""
        return fixed, "", text if suggested else ""

    def _nearest(self, token, distance):
        """The nearest vocabulary word within ``distance`` edits; a short word keeps its
        first letter ("rental" is not a typo of "mental")."""
        if not distance or not self.vocabulary:
            return None
        choices = self.vocabulary.keys()
        if len(token) <= SAME_FIRST_LETTER_UP_TO:
            choices = [word for word in choices if word[0] == token[0]]
        found = process.extractOne(token, choices, scorer=OSA.distance, score_cutoff=distance)
        return found[0] if found else None


def compiled(row):
    """A ``search.expansion.Rule`` from a ``SearchRule`` (the version given)."""
    return compile_rule(
        row.name, row.kind, row.language, row.phrase_list(), row.need_list(), row.context_list()
    )


def published_rules():
    """The published version of every live rule (drafts of a live rule are not used)."""
    return list(SearchRule.objects.filter(live=True).order_by("pk"))


def _public_cantons():
    """Cantons of active organisations' places: an inactive one's are not suggested."""
    places = Location.objects.filter(organization__is_active=True).order_by()
    return places.values_list("canton", flat=True).distinct()


def _places(language):
    """{first stem: [(phrase, tag)]} for provinces, their capitals and the cantons."""
    found = {}

    def add(name, tag):
        phrase = tuple(stems(name, language))
        if phrase:
            found.setdefault(phrase[0], []).append((phrase, tag))

    for province in provinces().values():
        province_terms = phrase_terms(tuple(stems(province.name, language)))
        add(province.name, ("place", province_terms))
        add(
            province.capital,
            ("capital", phrase_terms(tuple(stems(province.capital, language))), province_terms),
        )
    for canton in _public_cantons():
        if canton:
            add(canton, ("place", phrase_terms(tuple(stems(canton, language)))))
    return found


def _vocabulary_texts(language):
    texts = []
    for term in TaxonomyTerm.objects.all():
        texts += [term.name_es or "", term.name_en or ""]
    texts += list(Organization.objects.filter(is_active=True).values_list("name", flat=True))
    texts += list(_public_cantons())
    texts += [p.name for p in provinces().values()] + [p.capital for p in provinces().values()]
    spoken = Language.objects.filter(service__organization__is_active=True)
    texts += list(spoken.order_by().values_list("name", flat=True).distinct())
    for spanish, english in LANGUAGE_NAMES.values():
        texts += [*spanish, *english]
    return texts


def _build(language):
    rows = published_rules()
    book = build_rulebook(language, [compiled(row) for row in rows])
    places = _places(language)
    place_stems = {s for entries in places.values() for phrase, _t in entries for s in phrase}
    single_places = {
        phrase[0] for entries in places.values() for phrase, _t in entries if len(phrase) == 1
    }
    label_texts = [name for t in TaxonomyTerm.objects.all() for name in (t.name_es, t.name_en)]
    label_stems = {s for text in label_texts for s in stems(text or "", language)}
    for spanish, english in LANGUAGE_NAMES.values():
        label_stems.update(s for name in (*spanish, *english) for s in stems(name, language))
    known = book.stems() | place_stems
    anchors = (book.single_words() | single_places | label_stems) - GENERIC.get(language, set())
    vocabulary = {}
    rule_texts = [
        line
        for row in rows
        if row.language == language
        for line in (*row.phrase_list(), *row.need_list())
    ]
    for text in _vocabulary_texts(language) + rule_texts:
        for token in tokens(text or "", language):
            if len(token) >= 4 and not token.isdigit():
                vocabulary.setdefault(token, stem(token, language))
    return QueryContext(
        language=language,
        rulebook=book,
        place_phrases=places,
        anchors=frozenset(anchors),
        vocabulary=vocabulary,
        known_stems=frozenset(known),
    )


_memory = {}


def query_context(language):
    """The ``QueryContext`` of ``language``, rebuilt when content or rules changed (both move
    the shared content version: ``search.signals``)."""
    stamp = current_version()
    remembered = _memory.get(language)
    if remembered and remembered[0] == stamp:
        return remembered[1]
    context = _build(language)
    _memory[language] = (stamp, context)
    return context


def forget():
    _memory.clear()
