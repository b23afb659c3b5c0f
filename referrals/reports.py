"""Aggregate figures for coordinators, with small-cell suppression that subtraction cannot
undo: every count below ``SUPPRESS_BELOW`` is hidden, and in every table whose rows add up
to a published total, more cells are hidden (the smallest first) until no hidden cell can
be worked out from the total and the cells shown. Every hidden cell shows the same mark, so
a reader cannot tell a small count from one hidden to protect it. Rates and medians built
on fewer than that many referrals, or on hidden cells, are not shown. See docs/referrals.md.
"""

import statistics
from collections import Counter
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.provinces import provinces

from .choices import DeclineReason, Exploitation, Status
from .models import Referral

SUPPRESS_BELOW = 5
SUPPRESSED = "c"  # "confidential", as statistics offices mark it


def protect(counts):
    """Indexes of the cells to hide: the small ones, plus the smallest others until at least
    two are hidden and they add up to more than zero (then each hidden cell could be
    anything from zero to their sum, whatever a reader knows of the rule)."""
    hidden = {i for i, count in enumerate(counts) if count < SUPPRESS_BELOW}

    def safe():
        return not hidden or (len(hidden) >= 2 and sum(counts[i] for i in hidden) > 0)

    for index in sorted(range(len(counts)), key=lambda i: (counts[i], i)):
        if safe():
            break
        hidden.add(index)
    return hidden


@dataclass
class Row:
    label: str
    count: int
    suppressed: bool = False

    @property
    def shown(self):
        return SUPPRESSED if self.suppressed else str(self.count)


@dataclass
class Table:
    """One published table. ``adds_up`` tables partition the referrals, so their rows add
    up to the report's total (shown as their last row); the others (forms of exploitation:
    a referral may have several) have no total."""

    key: str
    title: str
    rows: list = field(default_factory=list)
    adds_up: bool = True
    total: str = ""

    def chart(self, width=360, bar_height=22):
        """Bar geometry for the server-rendered SVG. Hidden cells get no bar at all, so the
        picture cannot reveal what the table hides."""
        top = max((r.count for r in self.rows if not r.suppressed), default=0)
        bars = []
        for index, row in enumerate(self.rows):
            length = 0 if row.suppressed or not top else round(width * row.count / top)
            bars.append(
                {
                    "label": row.label,
                    "shown": row.shown,
                    "y": index * (bar_height + 6),
                    "width": length,
                    "text_x": length + 6,
                    "height": bar_height,
                    "text_y": index * (bar_height + 6) + bar_height - 6,
                }
            )
        return {
            "bars": bars,
            "height": max(len(self.rows), 1) * (bar_height + 6),
            "width": width + 60,
        }


def _table(key, title, counter, labels=None, order=None, adds_up=True, total=""):
    keys = order if order is not None else sorted(counter, key=lambda k: (-counter[k], str(k)))
    counts = [counter.get(k, 0) for k in keys]
    hidden = protect(counts)
    rows = [
        Row(str(labels.get(k, k)) if labels else str(k), count, index in hidden)
        for index, (k, count) in enumerate(zip(keys, counts, strict=True))
    ]
    return Table(key, title, rows, adds_up, total if adds_up else "")


def _receiving_service(referral):
    service = referral.receiving_service
    name = service.name if service else _("service not given")
    return f"{referral.receiving_organization.name} · {name}"


def _answer(referral):
    if not referral.answered_at:
        return "none"
    return "declined" if referral.decline_reason else "accepted"


def build(queryset=None):
    # Referrals that reached another institution: every table below partitions this set.
    referrals = list(
        (queryset if queryset is not None else Referral.objects.all())
        .filter(sent_at__isnull=False)
        .select_related("sending_organization", "receiving_organization", "receiving_service")
    )
    total = SUPPRESSED if len(referrals) < SUPPRESS_BELOW else str(len(referrals))
    month = Counter(timezone.localtime(r.sent_at).strftime("%Y-%m") for r in referrals)
    status = Counter(r.status for r in referrals)
    answers = Counter(_answer(r) for r in referrals)
    province_names = {code: p.name for code, p in provinces().items()}
    forms = Counter(code for r in referrals for code in r.exploitation_forms)
    no_capacity = Counter(
        _receiving_service(r) for r in referrals if r.decline_reason == DeclineReason.NO_CAPACITY
    )
    answer_labels = {
        "accepted": _("Accepted"),
        "declined": _("Declined"),
        "none": _("Not answered"),
    }
    tables = [
        _table("month", _("Referrals sent per month"), month, order=sorted(month), total=total),
        _table(
            "status",
            _("By status"),
            status,
            labels=dict(Status.choices),
            order=[s for s in Status.values if s != Status.DRAFT],
            total=total,
        ),
        _table(
            "answer",
            _("Answer of the receiving institution"),
            answers,
            labels=answer_labels,
            order=list(answer_labels),
            total=total,
        ),
        _table(
            "sending",
            _("By sending institution"),
            Counter(r.sending_organization.name for r in referrals),
            total=total,
        ),
        _table(
            "receiving",
            _("By receiving institution"),
            Counter(r.receiving_organization.name for r in referrals),
            total=total,
        ),
        _table(
            "province",
            _("By province"),
            Counter(r.province or "—" for r in referrals),
            labels=province_names,
            total=total,
        ),
        _table(
            "exploitation",
            _("By form of exploitation"),
            forms,
            labels=dict(Exploitation.choices),
            order=[e for e in Exploitation.values if forms.get(e)],
            adds_up=False,
        ),
        # A part of the declined referrals, whose total is not published: no total row.
        _table(
            "no_capacity",
            _("Declined for lack of capacity, by receiving service"),
            no_capacity,
            adds_up=False,
        ),
    ]
    answer_rows = {row.label: row for row in tables[2].rows}
    accepted, declined = (
        answer_rows[answer_labels["accepted"]],
        answer_rows[answer_labels["declined"]],
    )
    rate = None
    # The rate would give away both counts: only when both are shown.
    if not accepted.suppressed and not declined.suppressed:
        rate = round(100 * accepted.count / (accepted.count + declined.count))
    hours = [
        (r.answered_at - r.sent_at).total_seconds() / 3600
        for r in referrals
        if _answer(r) == "accepted"
    ]
    median = round(statistics.median(hours), 1) if len(hours) >= SUPPRESS_BELOW else None
    return {
        "total": total,
        "tables": tables,
        "acceptance_rate": rate,
        "median_hours_to_accept": median,
    }


def csv_rows(report):
    yield ["table", "category", "referrals"]
    yield ["total", "", report["total"]]
    for table in report["tables"]:
        for row in table.rows:
            yield [table.key, row.label, row.shown]
        if table.adds_up:
            yield [table.key, "total", table.total]
    yield [
        "acceptance_rate_percent",
        "",
        SUPPRESSED if report["acceptance_rate"] is None else report["acceptance_rate"],
    ]
    median = report["median_hours_to_accept"]
    yield ["median_hours_to_accept", "", SUPPRESSED if median is None else median]
