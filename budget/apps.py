from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetConfig(AppConfig):
    name = "budget"
    verbose_name = _("Local budget")

    def ready(self):
        # What the app gives the site: home, search, open data, council packs, work list, report.
        from budget.contributions import BudgetContributions

        self.contributions = BudgetContributions()
