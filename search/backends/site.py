"""Site search results from scored entries: protocol results labelled with their edition,
the edition in force first, editions no longer in force left out unless asked for, and a
snippet of the matching passage (a protocol step links to its own anchor)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from search.backends import SiteResult
from search.models import SearchEntry
from search.snippets import snippet

IN_FORCE, UPCOMING, SUPERSEDED = "in-force", "upcoming", "superseded"
EDITION_LABELS = {
    IN_FORCE: _("Edition in force"),
    UPCOMING: _("Not yet in force"),
    SUPERSEDED: _("Superseded edition"),
}
TIERS = {IN_FORCE: 0, None: 0, UPCOMING: 1, SUPERSEDED: 2}


def edition_statuses(today=None):
    """{edition id: status} from the dates of the editions that have entries: the latest
    edition already in effect is in force, earlier ones are superseded, later ones upcoming."""
    today = today or timezone.localdate()
    editions = (
        SearchEntry.objects.filter(edition_id__isnull=False)
        .values_list("edition_id", "edition_date")
        .distinct()
    )
    dated = sorted({(date, pk) for pk, date in editions if date}, reverse=True)
    statuses, in_force = {}, None
    for date, pk in dated:
        if date > today:
            statuses[pk] = UPCOMING
        elif in_force is None:
            in_force = pk
            statuses[pk] = IN_FORCE
        else:
            statuses[pk] = SUPERSEDED
    return statuses


def site_result(query, found, reading, *, backend):
    if not query.text.strip() or reading is None:
        return SiteResult(hits=[], total=0, kind_counts={}, backend=backend)
    rows = {
        row["id"]: row
        for row in SearchEntry.objects.filter(pk__in=[e.pk for e in found]).values(
            "id",
            "kind",
            "target_id",
            "title",
            "summary",
            "content",
            "url",
            "edition_id",
            "edition_title",
        )
    }
    statuses = edition_statuses() if any(r["edition_id"] for r in rows.values()) else {}
    kept, superseded = [], 0
    for position, entry in enumerate(found):
        row = rows.get(entry.pk)
        if row is None:
            continue
        status = statuses.get(row["edition_id"]) if row["edition_id"] else None
        if status == SUPERSEDED and not query.include_superseded:
            superseded += 1
            continue
        kept.append((TIERS[status], position, row, status))
    kept.sort(key=lambda item: item[:2])
    kind_counts = {}
    for _tier, _position, row, _status in kept:
        kind_counts[row["kind"]] = kind_counts.get(row["kind"], 0) + 1
    chosen = [item for item in kept if not query.kinds or item[2]["kind"] in query.kinds]
    start = (query.page - 1) * query.per_page
    labels = dict(SearchEntry.Kind.choices)
    stems = {term for c in reading.concepts for term in c.terms if "_" not in term}
    hits = []
    for _tier, _position, row, status in chosen[start : start + query.per_page]:
        passage, _matched = snippet(row["content"] or row["summary"], stems, query.language)
        hits.append(
            {
                "kind": row["kind"],
                "kind_label": labels.get(row["kind"], row["kind"]),
                "object_id": row["target_id"],
                "title": row["title"],
                "summary": row["summary"],
                "snippet": passage,
                "url": row["url"],
                "edition": row["edition_title"],
                "edition_status": status or "",
                "edition_label": EDITION_LABELS.get(status, ""),
            }
        )
    return SiteResult(
        hits=hits,
        total=len(chosen),
        kind_counts=kind_counts,
        suggestion=reading.suggestion,
        backend=backend,
        corrected=reading.corrected,
        meanings=reading.meanings,
        superseded=superseded,
    )
