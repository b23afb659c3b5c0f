"""Signals the protocol sends (a leaf module): other apps connect to them in ready()."""

from django.dispatch import Signal

# Sent inside the transaction of ``publish_edition_sections``, once a new edition's
# sections are published with it (sender=ProtocolEditionPage, edition=the edition).
edition_sections_published = Signal()
