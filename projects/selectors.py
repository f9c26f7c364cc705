"""The projects' share of the home page and of the staff work list (see portal/worklist.py)."""
from django.urls import reverse
from django.utils.translation import gettext as _

from core.templatetags.portal import num, som
from projects.models import Project

STALE_AFTER_DAYS = 90


def public_section():
    """Published projects only: how many are done, the cash invested, the people reached (2 queries)."""
    summary = Project.objects.published().summary()
    if not summary["projects"]:
        return None
    return {
        "title": _("Projects"),
        "url": reverse("projects:list"),
        "figures": [
            (_("projects done"), num(summary["done"])),
            (_("invested in cash"), som(summary["cash_total"])),
            (_("people reached"), num(summary["people"])),
        ],
        "text": _("Who paid for each project, in cash and in kind, and who benefits."),
    }
