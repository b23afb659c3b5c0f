"""A result's snippet: the passage of its public text that holds most of the query's words,
with those words marked (``<mark>``); everything else escaped."""

import re

from django.utils.html import format_html, format_html_join

from search.text import STOPWORDS, fold, stem

WORD_RE = re.compile(r"\w+", re.UNICODE)
WIDTH = 30  # words


def snippet(text, query_stems, language, width=WIDTH):
    """(HTML with the matched words marked, whether any word matched)."""
    text = " ".join(str(text or "").split())
    words = list(WORD_RE.finditer(text))
    if not words:
        return "", False
    stop = STOPWORDS.get(language, frozenset())
    hits = [
        index
        for index, word in enumerate(words)
        if (token := fold(word.group())) not in stop and stem(token, language) in query_stems
    ]
    start = 0
    if hits:
        best = max(hits, key=lambda i: sum(1 for h in hits if i <= h < i + width))
        start = max(0, min(best - 3, len(words) - width))
    end = min(len(words), start + width)
    pieces, cursor = ["… "] if start > 0 else [], words[start].start()
    marked = set(hits)
    for index in range(start, end):
        word = words[index]
        pieces.append(text[cursor : word.start()])
        pieces.append(
            format_html("<mark>{}</mark>", word.group()) if index in marked else word.group()
        )
        cursor = word.end()
    pieces.append(text[cursor:] if end == len(words) else " …")
    # format_html_join escapes every plain piece; the marks are already safe.
    return format_html_join("", "{}", ((piece,) for piece in pieces)), bool(hits)
