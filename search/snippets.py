"""A result's snippet: the passage of its public text that holds most of the query's words,
with those words marked (``<mark>``); everything else escaped."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

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
    pieces, cursor = [], words[start].start()
    marked = set(hits)
    for index in range(start, end):
        word = words[index]
        pieces.append(escape(text[cursor : word.start()]))
        value = escape(word.group())
        pieces.append(f"<mark>{value}</mark>" if index in marked else value)
        cursor = word.end()
    stop_at = words[end - 1].end()
    html = "".join(pieces)
    if start > 0:
        html = "… " + html
    if stop_at < len(text):
        html += " …"
    return mark_safe(html), bool(hits)  # noqa: S308 # nosec B308 (every piece escaped)
