"""What a search rule does to queries, for the editors' preview (no database)."""

from search.expansion import SITUATION, build_rulebook, compile_rule, find_matches, rule_terms
from search.text import BIGRAM_JOINER, stems


def readable(term):
    return term.replace(BIGRAM_JOINER, " ")


def expansions(book, text, language):
    """[(phrase found, [(term, weight)] best first)] for a query ``text``."""
    sequence = stems(text, language)
    found = []
    for match in find_matches(book, sequence):
        terms, _situation = rule_terms(book, match)
        ordered = sorted(terms.items(), key=lambda item: (-item[1], item[0]))
        found.append((" ".join(match.phrase), [(readable(t), round(w, 2)) for t, w in ordered]))
    return found


def preview_rule(rule, others=()):
    """Context for ``search/admin/rule_preview.html``: each phrase of ``rule`` typed as a
    query, and what it expands to with this version of the rule (and ``others``)."""
    compiled = compile_rule(
        rule.name,
        rule.kind,
        rule.language,
        rule.phrase_list(),
        rule.need_list(),
        rule.context_list(),
    )
    book = build_rulebook(rule.language, [*others, compiled])
    examples = []
    for phrase in rule.phrase_list():
        query = f"{phrase} {rule.context_list()[0]}" if rule.context_list() else phrase
        examples.append(
            {
                "query": query,
                "stems": stems(query, rule.language),
                "found": expansions(book, query, rule.language),
            }
        )
    return {
        "rule": rule,
        "is_situation": rule.kind == SITUATION,
        "examples": examples,
    }
