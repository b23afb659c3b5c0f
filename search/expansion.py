"""The editors' search rules, compiled for reading queries (no database here: the rows come
from ``search.rulebook``, the matching is pure so the admin preview and tests can run it).

A query's stems are scanned once, longest phrase first: a synonym phrase becomes one
concept holding every member of its group; a situation becomes one concept holding the
needs it leads to (and, weakly, the words typed). A rule with a ``context`` applies only
when the query also holds one of those words; when every rule of a phrase has a context
and none is present, all apply and the reader is offered the meanings to choose from.
"""

from dataclasses import dataclass, field

from search.text import phrase_terms, stem, stems, tokens

SYNONYM_WEIGHT = 0.7  # another member of the typed phrase's group
TRIGGER_WEIGHT = 0.3  # the words of a situation, beside the needs it leads to
NEED_WORD_WEIGHT = 0.5  # one word of a multi-word phrase ("trata laboral": "trata")
LATER_NEED_WEIGHT = 0.8  # the needs after the first one of a situation

SYNONYMS = "synonyms"
SITUATION = "situation"


@dataclass(frozen=True)
class Rule:
    name: str
    kind: str
    language: str
    phrases: tuple  # tuple of stem tuples
    needs: tuple = ()  # tuple of stem tuples
    context: frozenset = frozenset()  # stems
    context_words: tuple = ()  # as typed, for the "choose a meaning" links


@dataclass
class Rulebook:
    """The compiled rules of one language: first stem -> [(phrase stems, rule)]."""

    language: str
    rules: list = field(default_factory=list)
    starts: dict = field(default_factory=dict)
    groups: dict = field(default_factory=dict)  # phrase stems -> [synonym rules holding it]

    def add(self, rule):
        self.rules.append(rule)
        for phrase in rule.phrases:
            self.starts.setdefault(phrase[0], []).append((phrase, rule))
            if rule.kind == SYNONYMS:
                self.groups.setdefault(phrase, []).append(rule)
        for entries in self.starts.values():
            entries.sort(key=lambda item: -len(item[0]))

    def stems(self):
        """Every stem of the rules' phrases and needs (words typo correction leaves alone)."""
        known = set()
        for rule in self.rules:
            for phrase in (*rule.phrases, *rule.needs):
                known.update(phrase)
        return known

    def single_words(self):
        """The one-word phrases and needs: words that name a need on their own (the words
        of a longer phrase, "lugar" or "seguro" in "lugar seguro", do not)."""
        return {
            phrase[0]
            for rule in self.rules
            for phrase in (*rule.phrases, *rule.needs)
            if len(phrase) == 1
        }


def _phrase_stems(texts, language):
    found = []
    for text in texts:
        stemmed = tuple(stems(text, language))
        if stemmed and stemmed not in found:
            found.append(stemmed)
    return tuple(found)


def compile_rule(name, kind, language, phrases, needs=(), context=()):
    """A ``Rule`` from the texts editors typed (lists of lines)."""
    context_stems = frozenset(stem(t, language) for line in context for t in tokens(line, language))
    return Rule(
        name=name,
        kind=kind,
        language=language,
        phrases=_phrase_stems(phrases, language),
        needs=_phrase_stems(needs, language),
        context=context_stems,
        context_words=tuple(line for line in context if line),
    )


def build_rulebook(language, rules):
    book = Rulebook(language)
    for rule in rules:
        if rule.language == language and rule.phrases:
            book.add(rule)
    return book


def add_terms(terms, stemmed, weight):
    """Add the index terms of a phrase (``phrase_terms``) at ``weight``, keeping the higher
    weight of a term met twice."""
    for term in phrase_terms(stemmed):
        terms[term] = max(terms.get(term, 0.0), weight)


def need_terms(book, needs):
    """{term: weight} for the needs of a situation: each need's phrase (and its words, more
    weakly, when it has several), and the members of its synonym group."""
    terms = {}
    for position, need in enumerate(needs):
        weight = 1.0 if position == 0 else LATER_NEED_WEIGHT
        add_terms(terms, need, weight)
        if len(need) > 1:
            for word in need:
                terms[word] = max(terms.get(word, 0.0), NEED_WORD_WEIGHT * weight)
        for rule in book.groups.get(need, []):
            for member in rule.phrases:
                if member != need:
                    add_terms(terms, member, SYNONYM_WEIGHT * weight)
    return terms


def synonym_terms(book, phrase, rules):
    terms = {}
    add_terms(terms, phrase, 1.0)
    if len(phrase) > 1:  # the typed words apart, as in "trata ... explotación laboral"
        for word in phrase:
            terms[word] = max(terms.get(word, 0.0), NEED_WORD_WEIGHT)
    for rule in rules:
        for member in rule.phrases:
            if member != phrase:
                add_terms(terms, member, SYNONYM_WEIGHT)
    return terms


@dataclass
class Match:
    start: int
    end: int  # exclusive
    phrase: tuple
    rules: list
    ambiguous: bool = False


def _applicable(rules, query_stems):
    """The rules of one phrase that apply to this query (see the module docstring)."""
    with_context = [rule for rule in rules if rule.context]
    chosen = [rule for rule in with_context if rule.context & query_stems]
    if chosen:
        return chosen, False
    plain = [rule for rule in rules if not rule.context]
    if plain:
        return plain, False
    return rules, len(rules) > 1


def find_matches(book, sequence, extra_phrases=None):
    """Non-overlapping rule phrases in ``sequence`` (stems), longest first, left to right.
    ``extra_phrases``: {first stem: [(phrase, tag)]} matched the same way (places)."""
    query_stems = set(sequence)
    matches, position = [], 0
    while position < len(sequence):
        candidates = list(book.starts.get(sequence[position], []))
        candidates += (extra_phrases or {}).get(sequence[position], [])
        candidates.sort(key=lambda item: -len(item[0]))
        found = None
        for phrase, _tag in candidates:
            if tuple(sequence[position : position + len(phrase)]) == phrase:
                tags = [tag for p, tag in candidates if p == phrase]
                rules = [tag for tag in tags if isinstance(tag, Rule)]
                if rules:
                    rules, ambiguous = _applicable(rules, query_stems - set(phrase))
                    found = Match(position, position + len(phrase), phrase, rules, ambiguous)
                else:
                    found = Match(position, position + len(phrase), phrase, tags)
                break
        if found:
            matches.append(found)
            position = found.end
        else:
            position += 1
    return matches


def rule_terms(book, match):
    """{term: weight} a matched rule phrase stands for, and whether it names a need (a
    situation) rather than only other words for the same thing."""
    terms, situation = {}, False
    synonyms = [rule for rule in match.rules if rule.kind == SYNONYMS]
    if synonyms:
        terms.update(synonym_terms(book, match.phrase, synonyms))
    for rule in match.rules:
        if rule.kind == SITUATION:
            situation = True
            for term, weight in need_terms(book, rule.needs).items():
                terms[term] = max(terms.get(term, 0.0), weight)
    if situation:
        for term in phrase_terms(match.phrase):
            terms[term] = max(terms.get(term, 0.0), TRIGGER_WEIGHT)
    return terms, situation
