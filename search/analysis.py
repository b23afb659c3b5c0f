"""Reading a query: from the typed text to the concepts the ranking scores.

A concept is one thing the reader asked for, with the index terms that express it and
their weights: a word, a synonym phrase with its group, a situation with its needs, a
place, an age. Pure: the backend passes in what needs the database (the rulebook, places,
document frequencies and the spelling vocabulary), so every backend reads a query alike.
"""

import re
from dataclasses import dataclass, field

from search.expansion import Rule, find_matches, rule_terms
from search.text import QUERY_STOPWORDS, STOPWORDS, TOKEN_RE, bigram, fold, stem

OTHER_LANGUAGE_WEIGHT = 0.8  # an English query's word read as Spanish (Spanish-only text)
PROVINCE_OF_CAPITAL_WEIGHT = 0.5  # "Nueva Loja": the services of Sucumbíos
BIGRAM_WEIGHT = 0.5  # two typed words side by side, as in the text
AGE_WORDS = {"es": {"ano", "anos"}, "en": {"year", "years"}}
AGE_TERMS = {  # (youngest, oldest, words of the population labels)
    "es": [(0, 11, ("nina", "nino", "ninez")), (12, 17, ("adolescente",))],
    "en": [(0, 11, ("child", "girl", "boy")), (12, 17, ("adolescent",))],
}
AGE_RE = re.compile(r"^\d{1,2}$")


@dataclass
class Concept:
    label: str
    terms: dict  # term -> weight
    anchor: bool = False  # a word the directory's vocabulary knows (labels, rules, places)
    place: bool = False
    counted: bool = True  # counts for "all words matched" (not the bigram bonuses)
    situation: bool = False
    rules: list = field(default_factory=list)  # the rules it comes from


@dataclass
class Reading:
    """What a query was read as."""

    concepts: list = field(default_factory=list)
    corrected: str = ""  # the text searched instead of the typed one ("" if unchanged)
    suggestion: str = ""  # a spelling the reader may prefer (the typed text was searched)
    meanings: list = field(default_factory=list)  # [(rule name, query text)]: ambiguous

    @property
    def terms(self):
        found = set()
        for concept in self.concepts:
            found.update(concept.terms)
        return found

    @property
    def needs(self):
        return [c for c in self.concepts if c.counted and not c.place]


@dataclass
class Word:
    token: str
    stem: str


def _words(text, language):
    stop = STOPWORDS.get(language, frozenset())
    folded = [t for t in TOKEN_RE.findall(fold(text)) if len(t) > 1 or t.isdigit()]
    return [Word(t, stem(t, language)) for t in folded if t not in stop]


def _ages(words, language):
    """Pull "15 años" / "15 years" out of the words: an age concept instead."""
    kept, concepts = [], []
    index = 0
    while index < len(words):
        word = words[index]
        following = words[index + 1].token if index + 1 < len(words) else ""
        if AGE_RE.match(word.token) and following in AGE_WORDS.get(language, ()):
            age = int(word.token)
            for low, high, names in AGE_TERMS.get(language, []):
                if low <= age <= high:
                    terms = {stem(name, language): 1.0 for name in names}
                    concepts.append(Concept(f"{age}", terms, anchor=True))
            index += 2
            continue
        kept.append(word)
        index += 1
    return kept, concepts


def read_query(text, language, context, *, literal=False):
    """A ``Reading`` of ``text``; ``context`` is a ``search.lookup.QueryContext``;
    ``literal``: no typo correction (the reader undid it)."""
    reading = Reading()
    words, reading.concepts = _ages(_words(text, language), language)
    if not literal:
        words, reading.corrected, reading.suggestion = context.spell(words, language)
    sequence = [word.stem for word in words]
    matches = find_matches(context.rulebook, sequence, context.place_phrases)
    covered = set()
    for match in matches:
        covered.update(range(match.start, match.end))
        label = " ".join(word.token for word in words[match.start : match.end])
        rules = [tag for tag in match.rules if isinstance(tag, Rule)]
        if rules:
            terms, situation = rule_terms(context.rulebook, match)
            same = next((c for c in reading.concepts if c.rules == rules), None)
            if same is not None:  # "sin pago ... sin sueldo": one situation, said twice
                for term, weight in terms.items():
                    same.terms[term] = max(same.terms.get(term, 0.0), weight)
                same.label = f"{same.label} {label}"
            else:
                concept = Concept(label, terms, anchor=True, situation=situation)
                concept.rules = rules
                reading.concepts.append(concept)
            if match.ambiguous:
                reading.meanings = [
                    (rule.name, f"{text} {rule.context_words[0]}")
                    for rule in rules
                    if rule.context_words
                ]
        else:
            reading.concepts.append(_place(match, label))
    chatter = QUERY_STOPWORDS.get(language, frozenset())
    previous = None
    for index, word in enumerate(words):
        if index in covered or word.token in chatter:
            previous = None
            continue
        terms = {word.stem: 1.0}
        if language != "es":
            other = stem(word.token, "es")
            if other != word.stem:
                terms[other] = OTHER_LANGUAGE_WEIGHT
        anchor = word.stem in context.anchors
        reading.concepts.append(Concept(word.token, terms, anchor=anchor))
        if previous is not None:
            pair = bigram(previous.stem, word.stem)
            reading.concepts.append(Concept(pair, {pair: BIGRAM_WEIGHT}, counted=False))
        previous = word
    return reading


def _place(match, label):
    terms = {}
    for tag in match.rules:  # places: ("place", terms) or ("capital", terms, province terms)
        for term in tag[1]:
            terms[term] = 1.0
        for term in tag[2] if len(tag) > 2 else ():
            terms.setdefault(term, PROVINCE_OF_CAPITAL_WEIGHT)
    return Concept(label, terms, place=True)
