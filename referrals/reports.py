"""Aggregate figures for coordinators, with small-cell suppression: every count below
``SUPPRESS_BELOW`` is shown as "<5" (tables, charts and CSV), and rates or medians built on
fewer than that many referrals are not shown at all."""

import statistics
from collections import Counter
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.provinces import provinces

from .choices import Exploitation, Status
from .models import Referral

SUPPRESS_BELOW = 5
SUPPRESSED = "<5"


def suppress(count):
    return SUPPRESSED if count < SUPPRESS_BELOW else str(count)


@dataclass
class Row:
    label: str
    count: int

    @property
    def shown(self):
        return suppress(self.count)

    @property
    def suppressed(self):
        return self.count < SUPPRESS_BELOW


@dataclass
class Table:
    key: str
    title: str
    rows: list = field(default_factory=list)

    def chart(self, width=360, bar_height=22):
        """Bar geometry for the server-rendered SVG. Suppressed cells get no bar at all, so
        the picture cannot reveal what the table hides."""
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


def _table(key, title, counter, labels=None, order=None):
    keys = order if order is not None else sorted(counter, key=lambda k: (-counter[k], str(k)))
    rows = [Row(str(labels.get(k, k)) if labels else str(k), counter.get(k, 0)) for k in keys]
    return Table(key, title, rows)


def build(queryset=None):
    referrals = list(
        (queryset if queryset is not None else Referral.objects.all())
        .exclude(status=Status.DRAFT)
        .select_related("sending_organization", "receiving_organization")
    )
    month = Counter(timezone.localtime(r.sent_at).strftime("%Y-%m") for r in referrals if r.sent_at)
    status = Counter(r.status for r in referrals)
    sending = Counter(r.sending_organization.name for r in referrals)
    receiving = Counter(r.receiving_organization.name for r in referrals)
    province_names = {code: p.name for code, p in provinces().items()}
    province = Counter(r.province or "—" for r in referrals)
    forms = Counter(code for r in referrals for code in r.exploitation_forms)
    tables = [
        _table("month", _("Referrals sent per month"), month, order=sorted(month)),
        _table(
            "status",
            _("By status"),
            status,
            labels=dict(Status.choices),
            order=[s for s in Status.values if s != Status.DRAFT],
        ),
        _table("sending", _("By sending institution"), sending),
        _table("receiving", _("By receiving institution"), receiving),
        _table("province", _("By province"), province, labels=province_names),
        _table(
            "exploitation",
            _("By form of exploitation"),
            forms,
            labels=dict(Exploitation.choices),
            order=[e for e in Exploitation.values if forms.get(e)],
        ),
    ]
    answered = [r for r in referrals if r.answered_at]
    # Answered = accepted or declined (timestamped); a declined one carries its reason.
    accepted = [r for r in answered if not r.decline_reason]
    rate = None
    if len(answered) >= SUPPRESS_BELOW:
        rate = round(100 * len(accepted) / len(answered))
    hours = [
        (r.answered_at - r.sent_at).total_seconds() / 3600
        for r in accepted
        if r.sent_at and r.answered_at
    ]
    median = round(statistics.median(hours), 1) if len(hours) >= SUPPRESS_BELOW else None
    return {
        "total": suppress(len(referrals)),
        "tables": tables,
        "answered": suppress(len(answered)),
        "acceptance_rate": rate,
        "median_hours_to_accept": median,
    }


def csv_rows(report):
    yield ["table", "category", "referrals"]
    yield ["total", "", report["total"]]
    for table in report["tables"]:
        for row in table.rows:
            yield [table.key, row.label, row.shown]
    yield [
        "acceptance_rate_percent",
        "",
        SUPPRESSED if report["acceptance_rate"] is None else report["acceptance_rate"],
    ]
    median = report["median_hours_to_accept"]
    yield ["median_hours_to_accept", "", SUPPRESSED if median is None else median]
