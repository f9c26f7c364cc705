"""The projects' share of the home page and of the staff work list (see portal/worklist.py)."""
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import npgettext

from core.templatetags.portal import num, som
from projects.models import Project

STALE_AFTER_DAYS = 90


def public_section(any_published=None):
    """Published projects that are done: how many, the cash put into them, the people they reached
    (each person once: see ProjectQuerySet.summary). Projects planned or under way are not counted,
    and the labels say so. None without any published project (`any_published`, when the caller
    knows). Three queries (two when told)."""
    published = Project.objects.published()
    if not (published.exists() if any_published is None else any_published):
        return None
    done = published.filter(state=Project.State.DONE).summary()
    return {
        "title": _("Projects"),
        "url": reverse("projects:list"),
        "figures": [
            (npgettext("figure", "project done", "projects done", done["projects"]), num(done["projects"])),
            (_("invested in cash in the projects done"), som(done["cash_total"])),
            (npgettext("figure", "person reached by the projects done", "people reached by the projects done",
                      done["people"]), num(done["people"])),
        ],
        "text": _("Who paid for each project, in cash and in kind, and who benefits."),
    }
