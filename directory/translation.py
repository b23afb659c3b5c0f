from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import DirectoryIndexPage


@register(DirectoryIndexPage)
class DirectoryIndexPageTR(TranslationOptions):
    fields = ("intro",)
