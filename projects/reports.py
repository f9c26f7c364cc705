"""One project's card and the list of projects: the same data for the page, the PDF and the
council pack (projects.contributions)."""
from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _

from groups.models import InitiativeGroup
from hearings.models import Proposal
from core.charts import share_bar
from core.templatetags.portal import som
from projects.models import FundingContribution, ProgressPhoto, ProgressUpdate, Project


def project_queryset(user):
    """A project with everything its page and card show, in a fixed number of queries. Groups
    and proposals follow publication: a draft group or a proposal of an unpublished hearing stays
    hidden from citizens."""
    proposals = Proposal.objects.visible_to(user).select_related("hearing").order_by("pk")
    photos = ProgressPhoto.objects.order_by("pk")
    return Project.objects.visible_to(user).with_totals().prefetch_related(
        "villages",
        Prefetch("groups", queryset=InitiativeGroup.objects.visible_to(user).order_by("name")),
        Prefetch("proposals", queryset=proposals),
        Prefetch("contributions", queryset=FundingContribution.objects.order_by("pk")),
        Prefetch("updates", queryset=ProgressUpdate.objects.prefetch_related(Prefetch("photos", queryset=photos))),
    )


def card_context(project):
    """What a project's page and its PDF card show (pdf/projects/_card_body.html); the council pack
    calls it too."""
    contributions = list(project.contributions.all())
    cash = [c for c in contributions if not c.is_in_kind]
    in_kind = [c for c in contributions if c.is_in_kind]
    groups = [
        (group, group.get_absolute_url() if group.is_visible_to(None) else None)
        for group in project.groups.all()
    ]
    proposals = [(proposal, proposal.get_absolute_url()) for proposal in _proposals(project)]
    return {
        "project": project,
        "cash_contributions": cash,
        "in_kind_contributions": in_kind,
        "labour_contributions": [c for c in in_kind if c.source == FundingContribution.Source.IN_KIND_LABOUR],
        "undisclosed_count": sum(1 for c in cash if c.amount_undisclosed),
        "funding_chart": share_bar(_("Cash by source"), _cash_by_source(contributions), display=som,
                                   column_label=_("Source"), value_label=_("Amount")),
        "groups": groups,
        "proposals": proposals,
    }


def _cash_by_source(contributions):
    """Project.cash_by_source() from the contributions already read (no query a card: a council
    pack prints twenty): known cash amounts summed by source, in the order of the sources' keys."""
    labels = dict(FundingContribution.Source.choices)
    totals = {}
    for contribution in contributions:
        if contribution.source not in FundingContribution.IN_KIND and contribution.amount is not None:
            totals[contribution.source] = totals.get(contribution.source, 0) + contribution.amount
    return [(labels[source], totals[source]) for source in sorted(totals)]


def _proposals(project):
    """The prefetched proposals (already filtered for the reader), or else, for a caller such as the
    council pack, those of published hearings, with their hearing in the same query."""
    if "proposals" in getattr(project, "_prefetched_objects_cache", {}):
        return project.proposals.all()
    return project.proposals.public().select_related("hearing")


# A public document is never unbounded: past this many projects the PDF lists the most recent
# ones and says where the rest are (the CSV has every project). At 100 it renders in seconds.
LIST_PDF_LIMIT = 100


def list_context(projects, limit=None, year=None, years=()):
    """Context of pdf/projects/_list_body.html for these projects (already limited to what the
    reader may see): at most `limit` of them, the most recently started first chosen, listed by
    title; `total` counts them all, `summary` sums them all. With `year`, the projects started
    that year; the latest of `years` (list_years) also takes those without a start date, the
    ones being planned."""
    with_undated = year is not None and (not years or year == years[0])
    if year is not None:
        started = Q(started_on__year=year)
        projects = projects.filter(started | Q(started_on__isnull=True) if with_undated else started)
    total = projects.count()
    limit = limit or LIST_PDF_LIMIT
    recent = list(projects.order_by("-started_on", "-pk").values_list("pk", flat=True)[:limit])
    shown = projects.filter(pk__in=recent).for_list().order_by("title")
    return {"projects": shown, "summary": projects.summary(), "total": total, "shown": len(recent), "year": year,
            "with_undated": with_undated}


def list_years(projects):
    """The years in which these projects started, latest first (one query)."""
    return [day.year for day in projects.filter(started_on__isnull=False).dates("started_on", "year", order="DESC")]
