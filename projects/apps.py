from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Projects")

    def ready(self):
        # What the app gives the site: home, search, open data, council packs, work list, report.
        from projects.contributions import ProjectsContributions

        self.contributions = ProjectsContributions()
