"""The annual participation report: what citizens did with the aiyl okmotu in one year, set
against the year before. Published data only, every figure counted by the database.

One report definition, several outputs (DESIGN §7, after django-oscar's reports): the page
(portal.views_public), its PDF, and a section of the council pack (portal.packs) all call
`annual_report(year)`.
"""
import datetime

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

# Years a report can be asked for: from independence to next year (a typo or a probe, like
# /report/1800/, gets a 404, not an empty page).
FIRST_YEAR = 1991


def valid_year(year):
    return FIRST_YEAR <= year <= timezone.localdate().year + 1


def share(part, whole):
    """A percentage with one decimal, or None when there is nothing to divide."""
    if part is None or not whole:
        return None
    return round(part * 100 / whole, 1)


def _year_bounds(year):
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def group_figures(year):
    """Published groups active in the year and the people who were their members in it (each
    counted once): two queries."""
    from groups.models import WOMEN_TARGET_PERCENT, InitiativeGroup, Membership, Person, women_target_met

    first, last = _year_bounds(year)
    active = (InitiativeGroup.objects.published().filter(founded_on__lte=last)
              .filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__gte=first)))
    groups = active.aggregate(total=Count("pk"), founded=Count("pk", filter=Q(founded_on__gte=first)))
    membership = (Membership.objects.filter(person=OuterRef("pk"), group__in=active.values("pk"),
                                            joined_on__lte=last)
                  .filter(Q(left_on__isnull=True) | Q(left_on__gte=first)))
    members = Person.objects.filter(Exists(membership)).figures(year)
    return {
        "groups": groups["total"],
        "groups_founded": groups["founded"],
        "members": members["total"],
        "women": members["women"],
        "men": members["men"],
        "youth": members["youth"],
        "women_share": share(members["women"], members["total"]),
        "youth_share": share(members["youth"], members["total"]),
        "women_target": WOMEN_TARGET_PERCENT,
        "women_target_met": women_target_met(members["women"], members["total"]),
    }


def held_hearings(year):
    from hearings.models import Hearing

    return (Hearing.objects.published().filter(state=Hearing.State.HELD, starts_at__year=year))


def hearing_figures(year):
    """Hearings held in the year, each with its attendance and proposals, and the totals: three
    queries."""
    from hearings.models import Proposal

    hearings = held_hearings(year)
    rows = list(hearings.with_proposal_counts().select_related("village").order_by("starts_at"))
    totals = hearings.aggregate(
        hearings=Count("pk"),
        participants=Sum("participants_total"),
        women=Sum("participants_women"),
        men=Sum("participants_men"),
        from_groups=Sum("participants_from_groups"),
        youth=Sum("participants_youth"),
    )
    proposals = Proposal.objects.filter(hearing__in=hearings.values("pk")).figures()
    for row in rows:
        row.taken_up_share = share(row.proposals_taken_up, row.proposals_received)
        row.women_share = share(row.participants_women, row.participants_total)
    return {
        "hearing_rows": rows,
        **{key: totals[key] or 0 for key in totals},
        "women_share": share(totals["women"], totals["participants"]),
        "proposals": proposals["received"],
        "proposals_from_groups": proposals["from_groups"],
        "proposals_taken_up": proposals["taken_up"],
        "taken_up_share": share(proposals["taken_up"], proposals["received"]),
    }


def project_figures(year):
    """Published projects finished in the year, their funding mix and the people they reached:
    four queries."""
    from projects.models import FundingContribution, Project

    projects = Project.objects.published().filter(state=Project.State.DONE, finished_on__year=year)
    rows = list(projects.with_totals().order_by("finished_on", "title"))
    summary = projects.summary()
    labels = dict(FundingContribution.Source.choices)
    mix = (FundingContribution.objects.filter(project__in=projects.values("pk")).order_by("source")
           .values("source").annotate(total=Sum("amount"), count=Count("pk")))
    cash_total = summary["cash_total"] or 0
    funding = [{
        "source": labels.get(row["source"], row["source"]),
        "total": row["total"],
        "count": row["count"],
        "share": share(row["total"], cash_total) if row["total"] is not None else None,
    } for row in mix]
    return {"project_rows": rows, "funding": funding, **summary}


def annual_report(year):
    """Everything the report shows for `year` and the year before."""
    this, before = year, year - 1
    current = {
        "groups": group_figures(this),
        "hearings": hearing_figures(this),
        "projects": project_figures(this),
    }
    previous = {
        "groups": group_figures(before),
        "hearings": hearing_figures(before),
        "projects": project_figures(before),
    }
    def row(label, section, key, kind="num"):
        return {"label": label, "this": current[section][key], "before": previous[section][key], "kind": kind}

    comparison = [
        row(_("Initiative groups"), "groups", "groups"),
        row(_("Members of initiative groups"), "groups", "members"),
        row(_("Women among members (share)"), "groups", "women_share", "percent"),
        row(_("Public hearings held"), "hearings", "hearings"),
        row(_("Participants of hearings"), "hearings", "participants"),
        row(_("Proposals and questions received"), "hearings", "proposals"),
        row(_("Proposals accepted"), "hearings", "proposals_taken_up"),
        row(_("Projects finished"), "projects", "done"),
        row(_("Money invested in finished projects"), "projects", "cash_total", "money"),
        row(_("People reached by finished projects"), "projects", "people"),
    ]
    return {
        "year": this,
        "previous_year": before,
        "current": current,
        "previous": previous,
        "comparison": comparison,
        "has_data": bool(current["groups"]["groups"] or current["hearings"]["hearings"]
                         or current["projects"]["projects"]),
    }


def latest_report_year():
    """The last year with a held hearing or a finished project, for the report's index: two
    queries."""
    from projects.models import Project

    from hearings.models import Hearing

    hearing = (Hearing.objects.published().filter(state=Hearing.State.HELD).order_by("-starts_at")
               .values_list("starts_at", flat=True).first())
    project = (Project.objects.published().filter(state=Project.State.DONE, finished_on__isnull=False)
               .order_by("-finished_on").values_list("finished_on", flat=True).first())
    years = [value.year for value in (hearing, project) if value]
    return max(years) if years else timezone.localdate().year


def report_years():
    """Years that have something to report, newest first (for selects)."""
    from projects.models import Project

    from hearings.models import Hearing

    hearing_years = {moment.year for moment in Hearing.objects.published()
                     .filter(state=Hearing.State.HELD).datetimes("starts_at", "year")}
    project_years = {day.year for day in Project.objects.published().filter(finished_on__isnull=False)
                     .dates("finished_on", "year")}
    return sorted(hearing_years | project_years, reverse=True)
