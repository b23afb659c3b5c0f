"""Addresses the directory page uses itself (a leaf module: models and views read it)."""

# Sub-page addresses of the directory page: no organisation may take them as its slug.
COVERAGE_SLUGS = {"es": "cobertura", "en": "coverage"}
# A service's own page: <directory>/servicio/<uuid>/ (stable: the id never changes).
SERVICE_SLUGS = {"es": "servicio", "en": "service"}
# Contact cards per province: <directory>/tarjetas/ and <directory>/tarjetas/EC-G/.
CARD_SLUGS = {"es": "tarjetas", "en": "cards"}
RESERVED_SLUGS = frozenset(
    (*COVERAGE_SLUGS.values(), *SERVICE_SLUGS.values(), *CARD_SLUGS.values())
)

# The problem report form under an organisation's page, in each language.
REPORT_SLUGS = {"es": "reportar-un-problema", "en": "report-a-problem"}
