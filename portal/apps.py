from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The site that gathers the apps (home, search, open data, council packs, work list); it
    reads them through core.contributions only."""

    name = "portal"
    verbose_name = _("Portal")
