from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The floor every app stands on; it knows no app (see core/contributions.py for the
    contract through which apps give the site their parts)."""

    name = "core"
    verbose_name = _("Core")

    def ready(self):
        # Citizens' cached pages are invalidated on any save or delete of content.
        from core import cache

        cache.connect()

        from core import checks  # noqa: F401 - registers the system checks
