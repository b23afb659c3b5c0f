"""The HSDS API's query parameters as django-filter filter sets: each endpoint's form says
what it accepts (``directory.api.PARAMETERS`` and the OpenAPI description are read from
them) and turns every malformed value into a clear message in the reader's language."""

from datetime import UTC, datetime, time
from decimal import Decimal

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from directory.models import Organization, Service, ServiceAtLocation, Taxonomy, TaxonomyTerm

MAX_PER_PAGE = 100
MAX_PAGE = 100_000  # larger page numbers overflow the database's OFFSET
DEFAULT_PER_PAGE = 25
# minimal=true: HSDS asks to "aim to return all services within one call"; 10,000 is all of
# a national directory (about 1.4 MB), in one light query.
MINIMAL_PER_PAGE = 10_000
MAX_SEARCH_LENGTH = 200
LANGUAGES = ("es", "en")
TRUE, FALSE = frozenset({"true", "1"}), frozenset({"false", "0"})


class ParameterField(forms.Field):
    """A query parameter: optional, and named in its messages (``parameter`` is set by
    :class:`ParametersForm`)."""

    parameter = ""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def invalid(self, message, value=""):
        return forms.ValidationError(message % {"name": self.parameter, "value": value})


class BooleanParameter(ParameterField):
    """HSDS boolean parameters: true/false or 1/0 in any case; empty or absent is false."""

    def to_python(self, value):
        if value in (None, ""):
            return False
        if value.lower() in TRUE:
            return True
        if value.lower() in FALSE:
            return False
        raise self.invalid(
            _("The parameter “%(name)s” must be true or false (or 1 or 0), got “%(value)s”."),
            value,
        )


class UUIDParameter(ParameterField):
    def to_python(self, value):
        if value in (None, ""):
            return None
        try:
            return forms.UUIDField().to_python(value)
        except forms.ValidationError as error:
            raise self.invalid(
                _("The parameter “%(name)s” must be a UUID, got “%(value)s”."), value
            ) from error


class PositiveIntegerParameter(ParameterField):
    def __init__(self, maximum, **kwargs):
        self.maximum = maximum
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in (None, ""):
            return None
        try:
            # JSON Schema's integers include 6371.0 (draft 6 and later, OpenAPI 3.1).
            exact = Decimal(value.strip())
            if not exact.is_finite() or exact != exact.to_integral_value():
                raise ValueError(value)
            number = int(exact)
        except (ArithmeticError, ValueError) as error:
            raise self.invalid(
                _("The parameter “%(name)s” must be a whole number, got “%(value)s”."), value
            ) from error
        if not 1 <= number <= self.maximum:
            raise forms.ValidationError(
                _("The parameter “%(name)s” must be between 1 and %(maximum)s.")
                % {"name": self.parameter, "maximum": self.maximum}
            )
        return number


class ModifiedAfterParameter(ParameterField):
    """An ISO 8601 date or date-time (a '+' of an offset may arrive as a space), in UTC."""

    def to_python(self, value):
        if value in (None, ""):
            return None
        message = _(
            "“modified_after” must be an ISO 8601 date or date-time, e.g. 2026-01-31T00:00:00Z."
        )
        try:
            moment = parse_datetime(value.replace(" ", "+"))
            if moment is None:
                day = parse_date(value)
                moment = datetime.combine(day, time.min) if day else None
            if moment is None:
                raise forms.ValidationError(message)
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment, timezone.get_default_timezone())
            # In UTC: PostgreSQL refuses offsets beyond ±15:59 that ISO 8601 parsers accept.
            return moment.astimezone(UTC)
        except (OverflowError, ValueError) as error:
            # A well-formed but impossible date or time (2024-02-30, 25:00).
            raise forms.ValidationError(message) from error


class ChoiceParameter(ParameterField):
    def __init__(self, choices, message, **kwargs):
        self.choices, self.message = choices, message
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in (None, ""):
            return None
        if value not in self.choices:
            raise forms.ValidationError(self.message())
        return value


class SearchParameter(ParameterField):
    def to_python(self, value):
        return (value or "").strip()[:MAX_SEARCH_LENGTH]


class ParametersForm(forms.Form):
    """What every endpoint accepts: ``lang``."""

    lang = ChoiceParameter(LANGUAGES, lambda: _("“lang” must be “es” or “en”."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.parameter = name


class OrganizationDetailForm(ParametersForm):
    full_service = BooleanParameter()


class ListForm(ParametersForm):
    """What every list accepts: paging, format, search."""

    page = PositiveIntegerParameter(MAX_PAGE)
    per_page = PositiveIntegerParameter(MINIMAL_PER_PAGE)
    format = ChoiceParameter(("json", "ndjson"), lambda: _("“format” must be “json” or “ndjson”."))
    search = SearchParameter()

    def per_page_bounds(self):
        """(default, maximum) page size of this request."""
        return DEFAULT_PER_PAGE, MAX_PER_PAGE

    def clean(self):
        cleaned = super().clean()
        default, maximum = self.per_page_bounds()
        per_page = cleaned.get("per_page")
        if per_page and per_page > maximum:
            self.add_error(
                "per_page",
                _("The parameter “%(name)s” must be between 1 and %(maximum)s.")
                % {"name": "per_page", "maximum": maximum},
            )
        elif "per_page" in cleaned:
            cleaned["per_page"] = per_page or default
        cleaned["page"] = cleaned.get("page") or 1
        return cleaned


class ServiceListForm(ListForm):
    full = BooleanParameter()
    minimal = BooleanParameter()

    def per_page_bounds(self):
        if self.cleaned_data.get("minimal"):
            return MINIMAL_PER_PAGE, MINIMAL_PER_PAGE
        return super().per_page_bounds()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("full") and cleaned.get("minimal"):
            raise forms.ValidationError(_("“full” and “minimal” cannot both be true."))
        return cleaned


class FullListForm(ListForm):
    full = BooleanParameter()


class OrganizationListForm(FullListForm):
    full_service = BooleanParameter()


class Filter(django_filters.Filter):
    """A filter whose form field is one of the parameter fields above."""

    def __init__(self, field_class, **kwargs):
        self.field_class = field_class
        super().__init__(**kwargs)


def taxonomy_filters(prefix=""):
    """The taxonomy_term_id / taxonomy_id filters, on categories or populations."""

    def by_term(queryset, name, value):
        term = Q(**{f"{prefix}categories__id": value}) | Q(**{f"{prefix}populations__id": value})
        return queryset.filter(term).distinct()

    def by_taxonomy(queryset, name, value):
        taxonomy = Q(**{f"{prefix}categories__taxonomy_id": value}) | Q(
            **{f"{prefix}populations__taxonomy_id": value}
        )
        return queryset.filter(taxonomy).distinct()

    return Filter(UUIDParameter, method=by_term), Filter(UUIDParameter, method=by_taxonomy)


def modified_after(field_name="last_modified"):
    return Filter(ModifiedAfterParameter, field_name=field_name, lookup_expr="gte")


class ServiceFilterSet(django_filters.FilterSet):
    organization_id = Filter(UUIDParameter, field_name="organization_id")
    taxonomy_term_id, taxonomy_id = taxonomy_filters()
    modified_after = modified_after()

    class Meta:
        model = Service
        fields = []
        form = ServiceListForm


class ServiceAtLocationFilterSet(django_filters.FilterSet):
    organization_id = Filter(UUIDParameter, field_name="service__organization_id")
    taxonomy_term_id, taxonomy_id = taxonomy_filters("service__")
    modified_after = modified_after()

    class Meta:
        model = ServiceAtLocation
        fields = []
        form = FullListForm


class OrganizationFilterSet(django_filters.FilterSet):
    taxonomy_term_id, taxonomy_id = taxonomy_filters("services__")
    modified_after = modified_after()

    class Meta:
        model = Organization
        fields = []
        form = OrganizationListForm


def text_search(*fields):
    """Plain substring search, for the short taxonomy lists."""

    def search(queryset, name, value):
        condition = Q()
        for field in fields:
            condition |= Q(**{f"{field}__icontains": value})
        return queryset.filter(condition)

    return Filter(SearchParameter, method=search)


class TaxonomyFilterSet(django_filters.FilterSet):
    search = text_search("name", "description")
    modified_after = modified_after()

    class Meta:
        model = Taxonomy
        fields = []
        form = ListForm


class TaxonomyTermFilterSet(django_filters.FilterSet):
    """``top_only``: terms without a parent (the spec's wording, "that have not child terms",
    reads as "that are not child terms"); ``parent_id``: the children of a term."""

    taxonomy_id = Filter(UUIDParameter, field_name="taxonomy_id")
    parent_id = Filter(UUIDParameter, field_name="parent_id")
    top_only = Filter(BooleanParameter, method="only_top")
    search = text_search("name", "description", "code")
    modified_after = modified_after()

    class Meta:
        model = TaxonomyTerm
        fields = []
        form = ListForm

    def only_top(self, queryset, name, value):
        return queryset.filter(parent__isnull=True) if value else queryset


def accepted(parameters):
    """The parameter names a filter set (or a plain form class) accepts."""
    if isinstance(parameters, type) and issubclass(parameters, django_filters.FilterSet):
        return frozenset(parameters.base_filters) | frozenset(parameters._meta.form.base_fields)
    return frozenset(parameters.base_fields)
