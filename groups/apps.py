from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GroupsConfig(AppConfig):
    name = "groups"
    verbose_name = _("Initiative groups")

    def ready(self):
        # What the app gives the site: home, search, open data, council packs, work list, report.
        from groups.contributions import GroupsContributions

        self.contributions = GroupsContributions()
