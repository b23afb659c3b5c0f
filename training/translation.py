from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import TrainingIndexPage, TrainingModulePage


@register(TrainingIndexPage)
class TrainingIndexPageTR(TranslationOptions):
    fields = ("intro",)


@register(TrainingModulePage)
class TrainingModulePageTR(TranslationOptions):
    fields = ("summary", "learning_objectives", "content_warning", "safety_notes", "sessions")
