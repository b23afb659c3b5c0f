"""The protocol tree of the protocol's own tests (an edition in force with a phase whose
first step the fixture's organisation is responsible for)."""

from protocol_pages.tests.conftest import organization, protocol  # noqa: F401
