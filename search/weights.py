"""The ranking's constants, shared by the database scoring (``search.backends.scoring``)
and the Elasticsearch mapping (``search.documents``): a leaf module."""

K1 = 1.2
FIELDS = (  # (posting column, length column, weight W_f, length normalisation b_f)
    ("in_title", "title_length", 3.0, 0.5),
    ("in_labels", "labels_length", 2.0, 0.3),
    ("in_body", "body_length", 1.0, 0.75),
)
COVERAGE_BONUS = 1.0
# Every number is sent as a double: PostgreSQL would otherwise compute in NUMERIC (2x slower).
REAL = "CAST(%s AS DOUBLE PRECISION)"
