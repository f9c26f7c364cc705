from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    """The joint study of community needs (СИНС) and the joint action plan (ПСД / БАП)."""

    name = "planning"
    verbose_name = _("Planning with the community")

    def ready(self):
        from planning.contributions import PlanningContributions

        self.contributions = PlanningContributions()
