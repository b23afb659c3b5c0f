from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import ProtocolIndexPage


@register(ProtocolIndexPage)
class ProtocolIndexPageTR(TranslationOptions):
    fields = ("intro",)
