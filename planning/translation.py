"""What a citizen reads of planning, in Kyrgyz and Russian (English optional): registered
with django-modeltranslation. Kyrgyz is required where the field is; names and numbers are not
translated."""
from modeltranslation.translator import TranslationOptions, register

from planning.models import ActionPlan, Need, NeedsStudy, PlannedAction, PlannedResource, StudyGroup


class Required(TranslationOptions):
    required_languages = ("ky",)


@register(NeedsStudy)
class NeedsStudyTranslation(Required):
    fields = ("title", "methods_text", "run_by", "summary")


@register(StudyGroup)
class StudyGroupTranslation(Required):
    fields = ("name",)


@register(Need)
class NeedTranslation(Required):
    fields = ("title", "description")


@register(ActionPlan)
class ActionPlanTranslation(Required):
    fields = ("title", "summary", "unanswered_note")


@register(PlannedAction)
class PlannedActionTranslation(Required):
    fields = ("what", "reason", "result")


@register(PlannedResource)
class PlannedResourceTranslation(Required):
    fields = ("note",)
