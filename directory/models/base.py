import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class HSDSModel(models.Model):
    """Every HSDS object is identified by a UUID that survives export and import."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    last_modified = models.DateTimeField(_("last modified"), auto_now=True)

    class Meta:
        abstract = True
