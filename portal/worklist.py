"""Where the portal asks each app for its share of the home page and the staff work list.

Each domain app may have a module `<app>/selectors.py` with:
- `public_section()` -> dict(title, url, figures=[(label, value)], ...) or None: a card on the home page;
- `staff_items(user)` -> list of dict(title, count, url): what waits for staff.
The portal imports those selectors only, never an app's models (DESIGN §2).
"""
from importlib import import_module

DOMAIN_APPS = ["hearings", "groups", "budget", "projects"]


def _selectors():
    for app in DOMAIN_APPS:
        try:
            yield import_module(f"{app}.selectors")
        except ModuleNotFoundError as error:
            if error.name != f"{app}.selectors":
                raise


def public_sections():
    sections = []
    for module in _selectors():
        if hasattr(module, "public_section"):
            section = module.public_section()
            if section:
                sections.append(section)
    return sections


def staff_items(user):
    items = []
    for module in _selectors():
        if hasattr(module, "staff_items"):
            items.extend(module.staff_items(user))
    items.extend(council_items(user))
    return items


def council_items(user):
    """The council sessions and their packs, for the people who print them."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from core.roles import can_print_pack

    if not can_print_pack(user):
        return []
    return [{"title": _("Council sessions and their document packs"), "count": None,
             "url": reverse("portal:council_sessions")}]


# --- The home page at a glance ----------------------------------------------------------------

HOME_CACHE_SECONDS = 300
LATEST_ANSWERS = 4
LATEST_PROJECTS = 3


def _safe_url(obj):
    from django.urls import NoReverseMatch

    try:
        return obj.get_absolute_url()
    except NoReverseMatch:  # an app whose page does not exist yet
        return ""


def next_hearing():
    """The next announced, published hearing (one query), or None."""
    try:
        from hearings.models import Hearing
    except ImportError:  # pragma: no cover
        return None
    hearing = Hearing.objects.published().upcoming().select_related("village").first()
    if hearing is None:
        return None
    return {"topic": hearing.topic, "starts_at": hearing.starts_at, "village": str(hearing.village or ""),
            "place": hearing.place, "url": _safe_url(hearing)}


def latest_answers(limit=LATEST_ANSWERS):
    """The latest decided proposals of published hearings, with the public answer (one query)."""
    try:
        from hearings.models import Proposal
    except ImportError:  # pragma: no cover
        return []
    proposals = (Proposal.objects.public().filter(status__in=Proposal.DECIDED).exclude(response="")
                 .select_related("hearing").order_by("-decided_on", "-pk")[:limit])
    return [{"text": proposal.text, "status": proposal.get_status_display(), "status_code": proposal.status,
             "response": proposal.response, "decided_on": proposal.decided_on, "url": _safe_url(proposal)}
            for proposal in proposals]


def latest_projects(limit=LATEST_PROJECTS):
    """The latest published projects (one query)."""
    try:
        from projects.models import Project
    except ImportError:  # pragma: no cover
        return []
    projects = Project.objects.published().order_by("-published_at", "-pk")[:limit]
    return [{"title": project.title, "summary": project.summary, "state": project.get_state_display(),
             "url": _safe_url(project)} for project in projects]


def home_context():
    """Everything the home page shows, from published data, cached until any content changes
    (core.cache bumps the version on every save or delete)."""
    from django.core.cache import cache
    from django.utils.translation import get_language

    from core.cache import versioned_key

    key = versioned_key(f"portal:home:{get_language()}")
    context = cache.get(key)
    if context is None:
        context = {
            "sections": public_sections(),
            "next_hearing": next_hearing(),
            "latest_answers": latest_answers(),
            "latest_projects": latest_projects(),
        }
        cache.set(key, context, HOME_CACHE_SECONDS)
    return context
