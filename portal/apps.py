from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        # The home page's cache is invalidated on any save or delete of content.
        from portal import cache

        cache.connect()
