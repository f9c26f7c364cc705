"""The home page and the staff work list, gathered from every app's contributions
(core.contributions): the portal never imports an app's models here."""
from django.core.cache import cache
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.contributions import WorkItem, all_contributions
from core.cache import versioned_key
from core.roles import can_print_pack

HOME_CACHE_SECONDS = 300


def staff_items(user):
    """[WorkItem]: what waits for `user`, every app's items and then the council's."""
    items = [item for contributions in all_contributions() for item in contributions.work_items(user)]
    return sorted(items, key=lambda item: item.order) + council_items(user)


def council_items(user):
    """The council sessions and their packs, for the people who print them."""
    if not can_print_pack(user):
        return []
    return [WorkItem(title=_("Council sessions and their document packs"), url=reverse("portal:council_sessions"))]


def home_context():
    """Everything the home page shows, from published data, cached until any content changes
    (core.cache bumps the version on every save or delete)."""
    key = versioned_key(f"portal:home:{get_language()}")
    context = cache.get(key)
    if context is None:
        cards, panels = [], []
        for contributions in all_contributions():
            own_cards, own_panels = contributions.home(None)
            cards += own_cards
            panels += own_panels
        panels.sort(key=lambda panel: panel.order)
        context = {
            "sections": sorted(cards, key=lambda card: card.order),
            "top_panels": [panel for panel in panels if panel.place == "top"],
            "bottom_panels": [panel for panel in panels if panel.place != "top"],
        }
        cache.set(key, context, HOME_CACHE_SECONDS)
    return context
