"""Real objects for the permission matrix's URL arguments, taken from the demo data."""
from django.apps import apps

from core.models import Publishable


class DemoObjects:
    """`o.published("hearings.Hearing")` is a published object, `o.draft(...)` a draft one
    (made by unpublishing a published object if the demo has no draft), `o.any(...)` any object."""

    def __init__(self):
        self._drafts = {}

    def any(self, label, **filters):
        obj = apps.get_model(label).objects.filter(**filters).order_by("pk").first()
        assert obj is not None, f"the demo data has no {label} {filters}"
        return obj

    def published(self, label, **filters):
        model = apps.get_model(label)
        assert issubclass(model, Publishable)
        return self.any(label, status=Publishable.Status.PUBLISHED, **filters)

    def draft(self, label):
        if label not in self._drafts:
            model = apps.get_model(label)
            obj = model.objects.drafts().order_by("pk").first()
            if obj is None:
                obj = model.objects.published().order_by("-pk").first()
                obj.unpublish()
            self._drafts[label] = obj
        return self._drafts[label]


def demo_objects():
    return DemoObjects()
