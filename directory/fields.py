"""Which fields of each directory model may leave the admin: the one allow-list that every
public output (pages, HSDS API and exports, search index, result cards) and the importer
read. Every model field is in exactly one list (``directory/tests/test_fields.py``).

- ``PUBLIC``: published with every published record.
- ``CONFIDENTIAL``: published only when the record is not confidential (a confidential
  location keeps them for staff; so does the link of a service to it).
- ``STAFF_ONLY``: never published: the admin and signed-in staff with two factors only
  (bed counts also reach them through the HSDS API, never anyone else).
- ``INTERNAL``: never published as such: decides what is public, links or orders records.
Which records are published at all (active organisations, public contacts, phones that are
not direct lines) is ``CONFIDENTIALITY`` below and ``directory.selectors``.
"""

from functools import cache

PUBLIC, CONFIDENTIAL, STAFF_ONLY, INTERNAL = "public", "confidential", "staff_only", "internal"

# Model name -> list -> field names (translated fields by their base name). The order of
# PUBLIC is the order of the HSDS objects' fields.
FIELDS = {
    "Organization": {
        PUBLIC: (
            "id",
            "name",
            "alternate_name",
            "description",
            "email",
            "website",
            "legal_status",
            "slug",
            "kind",
            "referral_contact_name",
            "referral_phone",
            "referral_email",
            "is_demo",
            "last_modified",
        ),
        INTERNAL: ("is_active",),
    },
    # Admin import records (directory/hsds_import): the admin only.
    "HSDSImport": {
        STAFF_ONLY: (
            "id",
            "created_at",
            "created_by",
            "confirmed_by",
            "confirmed_at",
            "finished_at",
            "source_name",
            "file",
            "language",
            "report_language",
            "partial",
            "status",
            "report",
            "error",
            "created",
            "updated",
            "unchanged",
            "rejected",
        ),
    },
    "OrganizationMembership": {
        STAFF_ONLY: ("id", "organization", "user", "role", "created_at"),
        INTERNAL: ("reminded_at",),
    },
    "Location": {
        PUBLIC: (
            "id",
            "location_type",
            "organization",
            "url",
            "is_confidential",
            "canton",
            "province",
        ),
        CONFIDENTIAL: (
            "name",
            "description",
            "transportation",
            "latitude",
            "longitude",
            "address_1",
            "address_2",
            "postal_code",
            "accessibility",
        ),
        INTERNAL: ("last_modified",),
    },
    "ServiceAtLocation": {
        PUBLIC: ("id", "service", "location"),
        CONFIDENTIAL: ("description",),  # free text next to the place: it may say where
        INTERNAL: ("last_modified",),
    },
    "Service": {
        PUBLIC: (
            "id",
            "organization",
            "name",
            "alternate_name",
            "description",
            "url",
            "email",
            "status",
            "interpretation_services",
            "application_process",
            "fees_description",
            "wait_time",
            "eligibility_description",
            "minimum_age",
            "maximum_age",
            "assured_date",
            "alert",
            "last_modified",
            "categories",
            "populations",
            "gender",
            "accepts_mother_with_children",
            "is_free",
        ),
        STAFF_ONLY: ("intake_notes", "assurer_email"),
    },
    # Bed counts (HSDS service_capacity): staff with two factors, and the HSDS API for them.
    "ServiceCapacity": {
        STAFF_ONLY: ("id", "service", "unit", "available", "maximum", "description", "updated"),
        INTERNAL: ("updated_by", "is_current"),
    },
    # Who confirmed a listing: the date is public as the service's assured_date.
    "ServiceVerification": {
        INTERNAL: ("id", "service", "verified_by", "verified_at", "method"),
    },
    # What institutions propose (it may hold staff-only values): its members and the
    # maintainers in the admin. What readers report (``contact`` is personal data): the
    # maintainers' queue only. Never published.
    "ListingChange": {
        STAFF_ONLY: (
            "id",
            "organization",
            "kind",
            "action",
            "object_id",
            "label",
            "proposed",
            "original",
            "status",
            "proposed_by",
            "proposed_at",
            "reviewed_by",
            "reviewed_at",
            "review_note",
        ),
    },
    "ProblemReport": {
        INTERNAL: (
            "id",
            "organization",
            "service",
            "kind",
            "description",
            "contact",
            "language",
            "created_at",
            "status",
            "resolved_at",
            "resolved_by",
            "note",
        ),
    },
    "Phone": {
        PUBLIC: (
            "id",
            "organization",
            "service",
            "location",
            "contact",
            "number",
            "extension",
            "type",
            "description",
        ),
        INTERNAL: ("is_staff_only", "last_modified"),
    },
    "Contact": {
        PUBLIC: ("id", "organization", "service", "name", "title", "department", "email"),
        INTERNAL: ("is_public", "last_modified"),
    },
    "Schedule": {
        PUBLIC: ("id", "service", "byday", "opens_at", "closes_at", "open_24_hours", "description"),
        INTERNAL: ("last_modified",),
    },
    "Language": {
        PUBLIC: ("id", "service", "name", "code"),
        INTERNAL: ("last_modified",),
    },
    "Taxonomy": {
        PUBLIC: ("id", "name", "description", "uri", "version", "code"),
        INTERNAL: ("last_modified",),
    },
    "TaxonomyTerm": {
        PUBLIC: ("id", "code", "name", "description", "parent", "taxonomy"),
        INTERNAL: ("sort_order", "last_modified"),
    },
    # A Wagtail page: its own field here; the fields it inherits follow Wagtail's rules
    # (published when live and not restricted).
    "DirectoryIndexPage": {
        PUBLIC: ("intro",),
        INTERNAL: ("page_ptr",),
    },
}

# Model name -> (field, value): a record with this value is confidential (its CONFIDENTIAL
# fields are not published; a phone or contact is not published at all). The link of a
# service to a place follows the place. An import may raise confidentiality, never lower it.
CONFIDENTIALITY = {
    "Location": ("is_confidential", True),
    "ServiceAtLocation": ("location.is_confidential", True),
    "Phone": ("is_staff_only", True),
    "Contact": ("is_public", False),
}


class NotPublic(LookupError):
    """Public code asked for a field that the allow-list does not publish."""


def _name(model):
    return model if isinstance(model, str) else model._meta.object_name


def fields_in(model, *lists):
    """The names of ``model``'s fields in the given lists (a model class or its name)."""
    entry = FIELDS[_name(model)]
    return tuple(name for kind in lists for name in entry.get(kind, ()))


def public_fields(model):
    """Published with every published record: an import from a public file may set them."""
    return fields_in(model, PUBLIC)


def confidential_fields(model):
    """Published only when the record is not confidential: an import may set them only on
    a record that is not (and stays not) confidential; otherwise it keeps what is stored."""
    return fields_in(model, CONFIDENTIAL)


def staff_only_fields(model):
    """Never in a public output: an import from a public file never sets nor blanks them."""
    return fields_in(model, STAFF_ONLY)


def confidentiality_flag(model):
    """(field, value that makes a record confidential), or None for the other models."""
    return CONFIDENTIALITY.get(_name(model))


@cache
def _flag(model):
    flag = confidentiality_flag(model)
    return None if flag is None else (tuple(flag[0].split(".")), flag[1])


def is_confidential(obj):
    flag = _flag(type(obj))
    if flag is None:
        return False
    path, value = flag
    for attribute in path:
        obj = getattr(obj, attribute)
    return obj == value


def lowers_confidentiality(model, stored, incoming):
    """True when an import would turn the flag of a confidential record from ``stored``
    to the not-confidential ``incoming`` (refuse it, or keep ``stored``)."""
    flag = confidentiality_flag(model)
    return flag is not None and stored == flag[1] and incoming != flag[1]


@cache
def _allowed(model, reveal):
    return fields_in(model, PUBLIC, CONFIDENTIAL) if reveal else public_fields(model)


def require_public(model, *names, reveal=False):
    """``names``, after checking that each is published (``reveal``: also the fields of
    a record that is not confidential). Raises ``NotPublic`` otherwise."""
    allowed = _allowed(model, reveal)
    if not set(names).issubset(allowed):
        refused = ", ".join(name for name in names if name not in allowed)
        raise NotPublic(f"{_name(model)}: not public: {refused}")
    return names


def public_value(obj, name, language=None):
    """One published field of ``obj`` (``NotPublic`` otherwise), in ``language`` if it is
    translated ("" when that language has no text), else in the current language."""
    require_public(type(obj), name)
    if language is not None and hasattr(obj, f"{name}_{language}"):
        return getattr(obj, f"{name}_{language}") or ""
    return getattr(obj, name)


@cache
def _columns(model, reveal):
    """{name: key} of the published fields that are columns (key: ``<fk>_id``); read only."""
    columns = {}
    for name in _allowed(model, reveal):
        field = model._meta.get_field(name)
        if not (field.many_to_many or field.one_to_many):
            columns[name] = field.attname if field.many_to_one else name
    return columns


@cache
def _keys(model, names, reveal):
    """The attributes to read: every published column, or those of ``names`` (checked)."""
    if names is not None:
        require_public(model, *names, reveal=True)
    columns = _columns(model, reveal)
    wanted = columns if names is None else names
    return tuple(columns[name] for name in wanted if name in columns)


def public_values(obj, names=None, *, staff=False):
    """{key: value} of ``obj``'s published columns: all (in the allow-list's order) or
    ``names`` (in that order); foreign keys as ``<fk>_id``, translated fields in the current
    language. A confidential record's CONFIDENTIAL fields are left out, unless ``staff``;
    asking for a field that is never published raises ``NotPublic``."""
    names = None if names is None else tuple(names)
    keys = _keys(type(obj), names, staff or not is_confidential(obj))
    return {key: getattr(obj, key) for key in keys}
