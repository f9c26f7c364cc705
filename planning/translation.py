"""What a citizen reads of planning, in Kyrgyz and Russian (English optional): registered
with django-modeltranslation. Kyrgyz is required where the field is; names and numbers are not
translated.

History (django-simple-history) is registered here, after the translated fields exist, so that
the historical tables carry every language's column (simple-history's documented way with
modeltranslation)."""
import simple_history
from modeltranslation.translator import TranslationOptions, register

from planning.models import ActionPlan, ActionStatusChange, Need, NeedsStudy, PlannedAction, PlannedResource, StudyGroup


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


@register(ActionStatusChange)
class ActionStatusChangeTranslation(TranslationOptions):
    fields = ("reason",)


for model in (NeedsStudy, StudyGroup, Need, ActionPlan, PlannedAction, PlannedResource):
    simple_history.register(model)
