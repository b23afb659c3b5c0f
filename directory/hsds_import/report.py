"""What an import did, per table, in a form a directory maintainer can act on.

The report is plain data (``as_dict``/``from_dict``) so that the admin can store it with the
import record and show it again; ``lines()`` renders it in the active language.
"""

from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

COUNTS = ("created", "updated", "unchanged", "rejected")


@dataclass
class Rejection:
    table: str
    id: str
    field: str
    reason: str
    where: str = ""
    cascade: bool = False


@dataclass
class ImportReport:
    source: str = ""
    shape: str = ""
    dry_run: bool = False
    partial: bool = False
    committed: bool = False
    counts: dict = field(default_factory=dict)  # table -> {created, updated, unchanged, rejected}
    rejections: list = field(default_factory=list)
    ignored_tables: dict = field(default_factory=dict)  # table -> rows
    ignored_fields: dict = field(default_factory=dict)  # table -> {field: rows}
    notices: list = field(default_factory=list)  # {table, id, field, message}
    normalised: dict = field(default_factory=dict)  # what was made to fit -> times
    validation: list = field(default_factory=list)  # findings of frictionless / JSON Schema

    # --- recording -----------------------------------------------------------------------

    def count(self, table, outcome, number=1):
        row = self.counts.setdefault(table, dict.fromkeys(COUNTS, 0))
        row[outcome] += number

    def reject(self, table, object_id, field_name, reason, where="", cascade=False):
        self.rejections.append(
            Rejection(table, str(object_id or ""), field_name, str(reason), where, cascade)
        )
        self.count(table, "rejected")

    def ignore_table(self, table, rows):
        self.ignored_tables[table] = self.ignored_tables.get(table, 0) + rows

    def ignore_field(self, table, field_name):
        fields = self.ignored_fields.setdefault(table, {})
        fields[field_name] = fields.get(field_name, 0) + 1

    def notice(self, table, object_id, field_name, message):
        self.notices.append(
            {"table": table, "id": str(object_id), "field": field_name, "message": str(message)}
        )

    def normalise(self, what):
        self.normalised[str(what)] = self.normalised.get(str(what), 0) + 1

    def finding(self, table, where, field_name, message):
        self.validation.append(
            {"table": table, "where": where, "field": field_name, "message": str(message)}
        )

    # --- reading -------------------------------------------------------------------------

    def total(self, outcome):
        return sum(row[outcome] for row in self.counts.values())

    @property
    def totals(self):
        """(created, updated, rejected), as the command's last line gives them."""
        return self.total("created"), self.total("updated"), self.total("rejected")

    @property
    def recognised(self):
        return any(sum(row.values()) for row in self.counts.values())

    def as_dict(self):
        data = asdict(self)
        data["rejections"] = [asdict(r) for r in self.rejections]
        return data

    @classmethod
    def from_dict(cls, data):
        data = dict(data)
        data["rejections"] = [Rejection(**r) for r in data.get("rejections", [])]
        return cls(**data)

    def rejection_line(self, rejection):
        text = _("Rejected: %(where)s, %(table)s %(id)s, field %(field)s: %(reason)s") % {
            "where": rejection.where or rejection.table,
            "table": rejection.table,
            "id": rejection.id or "—",
            "field": rejection.field or "—",
            "reason": rejection.reason,
        }
        if rejection.cascade:
            text += " " + _("(cascade: its parent was rejected)")
        return text

    def table_lines(self):
        for table in sorted(self.counts):
            row = self.counts[table]
            yield _(
                "%(table)s: created %(created)s, updated %(updated)s, unchanged %(unchanged)s, "
                "rejected %(rejected)s"
            ) % {"table": table, **row}

    def other_lines(self):
        """Notes, validation findings, normalisations and what was ignored."""
        lines = [
            _("Note: %(table)s %(id)s, field %(field)s: %(message)s") % n for n in self.notices
        ]
        lines += [
            _("Validation: %(where)s, field %(field)s: %(message)s") % finding
            for finding in self.validation
        ]
        for what, times in sorted(self.normalised.items()):
            lines.append(_("Normalised (%(times)s×): %(what)s") % {"times": times, "what": what})
        for table, rows in sorted(self.ignored_tables.items()):
            lines.append(
                ngettext(
                    "Ignored table (Ruta does not keep it): %(table)s, %(rows)s row",
                    "Ignored table (Ruta does not keep it): %(table)s, %(rows)s rows",
                    rows,
                )
                % {"table": table, "rows": rows}
            )
        for table, fields in sorted(self.ignored_fields.items()):
            listed = ", ".join(f"{name} ({rows})" for name, rows in sorted(fields.items()))
            lines.append(
                _("Ignored fields of %(table)s (rows): %(fields)s")
                % {"table": table, "fields": listed}
            )
        return lines

    def summary(self):
        created, updated, rejected = self.totals
        return _("Created %(created)s, updated %(updated)s, rejected %(rejected)s.") % {
            "created": created,
            "updated": updated,
            "rejected": rejected,
        }

    def lines(self):
        """The whole report as text lines, rejections first, the totals last."""
        return [
            *(self.rejection_line(r) for r in self.rejections),
            *self.other_lines(),
            *self.table_lines(),
            _("Unchanged %(unchanged)s.") % {"unchanged": self.total("unchanged")},
            self.summary(),
        ]
