"""The projects' share of the home page and of the staff work list (see portal/worklist.py)."""
import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.templatetags.portal import num, som
from projects.models import FundingContribution, Project

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


def staff_items(user):
    quiet_since = timezone.localdate() - datetime.timedelta(days=STALE_AFTER_DAYS)
    staff_list = reverse("projects:staff_list")
    return [
        {"title": _("Draft projects"), "count": Project.objects.drafts().count(),
         "url": f"{staff_list}?status=draft"},
        {"title": _("Projects under way without news for 90 days"),
         "count": Project.objects.quiet_since(quiet_since).count(),
         "url": f"{staff_list}?quiet=1"},
    ]


# --- Open data: one table per kind of row (core.exports writes them) ---------------------------

PROJECT_HEADER = [
    "project_id", "title", "state", "villages", "started_on", "finished_on",
    "households", "families", "women", "men", "children", "pupils", "url",
]
FUNDING_HEADER = [
    "project_id", "source", "source_label", "funder", "amount_som", "amount_not_made_public",
    "in_kind_description", "contest", "contest_year", "contest_place",
]
BENEFICIARY_FIELDS = ("households", "families", "women", "men", "children", "pupils")


def project_rows(build_url):
    """Published projects, one row each (PROJECT_HEADER): the people reached are here only, so a
    plain SUM of a column counts each project once. `build_url(path)` makes the absolute address."""
    for project in Project.objects.published().prefetch_related("villages").order_by("pk"):
        yield [project.pk, project.title, project.state, "; ".join(v.name for v in project.villages.all()),
               project.started_on, project.finished_on,
               *[getattr(project, name) for name in BENEFICIARY_FIELDS],
               build_url(project.get_absolute_url())]


def funding_rows():
    """Every contribution to a published project, one row each (FUNDING_HEADER), amounts in som;
    no personal data (funders are organisations, groups or 'the community')."""
    contributions = (FundingContribution.objects.filter(project__in=Project.objects.published())
                     .order_by("project_id", "pk"))
    for contribution in contributions:
        yield [contribution.project_id, contribution.source, contribution.get_source_display(),
               contribution.funder, contribution.amount, contribution.amount_undisclosed,
               contribution.in_kind_description, contribution.contest_name, contribution.contest_year,
               contribution.contest_place]
