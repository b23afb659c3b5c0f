from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import TrainingIndexPage


@register(TrainingIndexPage)
class TrainingIndexPageTR(TranslationOptions):
    fields = ("intro",)
