"""Editors say whether the change they publish is major (subscribers are told) or minor."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import ChangeSignificance


class ChangeSignificanceMixin(models.Model):
    """The significance belongs to one change: each revision stores it, and after a
    publication the page starts its next change as minor (``reset_after_publication``)."""

    change_significance = models.CharField(
        _("significance of this change"),
        max_length=10,
        choices=ChangeSignificance.choices,
        default=ChangeSignificance.MINOR,
        help_text=_(
            "Major changes (and every new edition) are e-mailed to the people and "
            "institutions that follow the protocol once published; minor ones are not. "
            "It goes back to minor after each publication."
        ),
    )

    class Meta:
        abstract = True


def reset_after_publication(sender, instance, **kwargs):
    """page_published receiver: the published revision keeps its significance (what the
    alerts read); the page's own row, which the edit form starts from once nothing is
    pending, goes back to minor for the next change."""
    if instance.change_significance != ChangeSignificance.MINOR:
        type(instance).objects.filter(pk=instance.pk).update(
            change_significance=ChangeSignificance.MINOR
        )
        instance.change_significance = ChangeSignificance.MINOR
