from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import (
    ProtocolAnnexPage,
    ProtocolEditionPage,
    ProtocolIndexPage,
    ProtocolPhasePage,
    ProtocolSubRoutePage,
)


@register(ProtocolIndexPage)
class ProtocolIndexPageTR(TranslationOptions):
    fields = ("intro",)


@register(ProtocolEditionPage)
class ProtocolEditionPageTR(TranslationOptions):
    fields = ("summary", "principles", "editors_note")


@register(ProtocolPhasePage)
class ProtocolPhasePageTR(TranslationOptions):
    fields = ("intro", "steps")


@register(ProtocolSubRoutePage)
class ProtocolSubRoutePageTR(TranslationOptions):
    fields = ("intro", "steps")


@register(ProtocolAnnexPage)
class ProtocolAnnexPageTR(TranslationOptions):
    fields = ("intro", "body")
