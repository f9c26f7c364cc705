from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HearingsConfig(AppConfig):
    name = "hearings"
    verbose_name = _("Public hearings")

    def ready(self):
        # What the app gives the site: home, search, open data, council packs, work list, report.
        from hearings.contributions import HearingsContributions

        self.contributions = HearingsContributions()
