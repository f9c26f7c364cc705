"""What the projects app gives the site (core.contributions): its home card and latest
projects, search, the open data of projects and their funding, project cards for council
packs, its work-list items and its part of the annual participation report."""
import datetime
from decimal import Decimal
from functools import partial

from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.contributions import (Contributions, Dataset, Figure, HomeCard, HomePanel, PackChoice, PackSection,
                                ReportPart, SearchKind, SitePath, WorkItem)
from core.numbers import share
from core import bilingual, roles
from core.paths import path_maker

from . import bench, demo, selectors
from .models import FundingContribution, ProgressUpdate, Project
from .reports import card_context, project_queryset

LATEST_PROJECTS = 3

BENEFICIARY_FIELDS = ("households", "families", "women", "men", "children", "pupils")

# One table per kind of row (issue #16): the people a project reached are in projects.csv only,
# so that a plain SUM counts each project once; its contributions are in project_funding.csv.
PROJECT_COLUMNS = [
    ("project_id", gettext_lazy("Number of the project on this portal.")),
    ("title_ky", gettext_lazy("Title of the project in Kyrgyz.")),
    ("title_ru", gettext_lazy("Title of the project in Russian; empty where it has none yet.")),
    ("state", gettext_lazy("planned, under_way or done.")),
    ("villages", gettext_lazy("Villages of the project.")),
    ("started_on", gettext_lazy("Start date, YYYY-MM-DD.")),
    ("finished_on", gettext_lazy("End date, YYYY-MM-DD.")),
    *[(column, gettext_lazy("People and households the project reached; empty when not counted."))
      for column in BENEFICIARY_FIELDS],
    ("url", gettext_lazy("Address of the project's page.")),
]
FUNDING_COLUMNS = [
    ("project_id", gettext_lazy("Number of the project on this portal (projects.csv).")),
    ("source", gettext_lazy("Kind of funding (code): local or republican budget, donor, community cash, labour or materials in kind, contest prize.")),
    ("source_label", gettext_lazy("Kind of funding in words.")),
    ("funder_ky", gettext_lazy("Who gave it, in Kyrgyz (an organisation, a group or the community: never a private person's name).")),
    ("funder_ru", gettext_lazy("Who gave it, in Russian; empty where it has none yet.")),
    ("amount_som", gettext_lazy("Amount in som; empty for work or goods in kind without a value.")),
    ("amount_not_made_public", gettext_lazy("“yes” when the funder did not make the amount public.")),
    ("in_kind_description_ky", gettext_lazy("What was given in kind, in Kyrgyz.")),
    ("in_kind_description_ru", gettext_lazy("What was given in kind, in Russian.")),
    ("contest", gettext_lazy("For a contest prize: the contest.")),
    ("contest_year", gettext_lazy("For a contest prize: the contest's year.")),
    ("contest_place", gettext_lazy("For a contest prize: the place won.")),
]


def project_rows():
    """Published projects, one row each (PROJECT_COLUMNS): two queries, no personal data."""
    for project in Project.objects.published().prefetch_related("villages").order_by("pk"):
        yield [project.pk, project.title_ky or "", project.title_ru or "", project.state,
               "; ".join(v.name for v in project.villages.all()),
               project.started_on, project.finished_on, *[getattr(project, name) for name in BENEFICIARY_FIELDS],
               SitePath(project.get_absolute_url())]


def funding_rows():
    """Every contribution to a published project, one row each (FUNDING_COLUMNS), amounts in som:
    one query; funders are organisations, groups or "the community", never private persons."""
    contributions = (FundingContribution.objects.filter(project__in=Project.objects.published())
                     .order_by("project_id", "pk"))
    labels = {value: str(label) for value, label in FundingContribution.Source.choices}  # once, not per row
    for contribution in contributions.iterator(chunk_size=2000):
        yield [contribution.project_id, contribution.source, labels.get(contribution.source, contribution.source),
               contribution.funder_ky or "", contribution.funder_ru or "", contribution.amount,
               contribution.amount_undisclosed, contribution.in_kind_description_ky or "",
               contribution.in_kind_description_ru or "", contribution.contest_name, contribution.contest_year,
               contribution.contest_place]


def projects_dataset():
    return Dataset(
        key="projects", title=_("Projects"),
        description=_("Published projects and the people they reached: one row per project."),
        columns=PROJECT_COLUMNS, rows=project_rows, url_name="projects:csv", filename="projects.csv")


def funding_dataset():
    return Dataset(
        key="project_funding", title=_("Who paid for the projects"),
        description=_("The funding contributions of published projects: one row per contribution."),
        columns=FUNDING_COLUMNS, rows=funding_rows, url_name="projects:funding_csv",
        filename="project_funding.csv")


def card_sections(projects, viewer):
    """One council-pack section per picked project: its card, as the card PDF prints it."""
    projects = project_queryset(viewer).filter(pk__in=projects.values("pk")).order_by("title")
    return [PackSection(
        kind="project", title=_("Project card: %(title)s") % {"title": project.title},
        template="pdf/projects/_card_body.html", context=partial(card_context, project),
        is_draft=not project.is_published,
        sources=[(Project.history, {"id": project.pk}),
                 (FundingContribution.history, {"project_id": project.pk}),
                 (ProgressUpdate.history, {"project_id": project.pk})],
    ) for project in projects]


def year_figures(year, shown=None):
    """Published projects finished in `year` (the first `shown` of them by date; None: all),
    the funding mix (som) and the people reached of all of them; under "previous" the figures of
    the year before (the report compares them, without its rows). Three queries for both years."""
    done = Project.objects.published().filter(state=Project.State.DONE)
    projects = done.filter(finished_on__year=year)
    rows = list(projects.with_totals().order_by("finished_on", "title")[:shown])
    path = path_maker("projects:detail")  # Project.get_absolute_url, reversed once
    for row in rows:
        row.url = path(row.pk)
    by_year = done.filter(finished_on__year__gte=year - 1, finished_on__year__lte=year).summary_by_year()
    labels = dict(FundingContribution.Source.choices)
    mix = (FundingContribution.objects.filter(project__in=projects.values("pk")).order_by("source")
           .values("source").annotate(total=Sum("amount"), count=Count("pk")))
    this, before = (by_year.get(each) or _nothing() for each in (year, year - 1))
    funding = [{
        "source": labels.get(row["source"], row["source"]),
        "total": row["total"],
        "count": row["count"],
        "share": share(row["total"], this["cash_total"]) if row["total"] is not None else None,
    } for row in mix]
    return {"project_rows": rows, "funding": funding, **this, "previous": before}


def _nothing():
    """summary_by_year's figures of a year without a finished project."""
    return {"projects": 0, "done": 0, "people": 0, "cash_total": Decimal("0"), **{name: None for name in BENEFICIARY_FIELDS}}


def _report_rows(figures):
    return [(_("Projects finished"), figures["done"], "num"),
            (_("Money invested in finished projects"), figures["cash_total"], "money"),
            (_("People reached by finished projects"), figures["people"], "num")]


class ProjectsContributions(Contributions):
    order = 40
    demo = demo
    bench = bench

    def home(self, user):
        # The latest projects tell whether any is published: the card needs no query of its own for it.
        latest = self._latest()
        return self._cards(bool(latest)), self._panels(latest)

    def home_cards(self, user):
        return self._cards(None)

    def home_panels(self):
        return self._panels(self._latest())

    def _latest(self):
        return list(Project.objects.published().order_by("-published_at", "-pk")[:LATEST_PROJECTS])

    def _cards(self, any_published):
        card = selectors.public_section(any_published)
        if card is None:
            return []
        return [HomeCard(key="projects", title=card["title"], url=card["url"], text=card["text"], order=40,
                         figures=[Figure(value, label) for label, value in card["figures"]])]

    def _panels(self, projects):
        return [HomePanel(key="latest_projects", template="projects/_home_latest_projects.html", order=20,
                          context={"latest_projects": [{
                              "title": project.title, "summary": project.summary,
                              "state": project.get_state_display(), "url": project.get_absolute_url()}
                              for project in projects]})]

    def search_kinds(self):
        return [SearchKind(
            key="projects", label=gettext_lazy("Projects"), fields=("title", "summary", "description", "result"),
            queryset=lambda: Project.objects.published().order_by("-started_on", "title"),
            title=lambda project: bilingual.marked(project, "title"),
            text=lambda project: bilingual.marked(project, "summary" if project.summary else "result"))]

    def datasets(self):
        return [projects_dataset(), funding_dataset()]

    def pack_choices(self):
        return [PackChoice(key="projects", label=gettext_lazy("project cards"), order=30,
                           queryset=lambda user: Project.objects.visible_to(user).order_by("title"),
                           sections=card_sections, item_label=lambda project: bilingual.marked(project, "title"),
                           search_fields=("title",))]

    def work_items(self, user):
        if not roles.can_edit(user):
            return []
        quiet_since = timezone.localdate() - datetime.timedelta(days=selectors.STALE_AFTER_DAYS)
        staff_list = reverse("projects:staff_list")
        counts = Project.objects.work_counts(quiet=Q(pk__in=Project.objects.quiet_since(quiet_since).values("pk")))
        return [
            WorkItem(title=_("Draft projects"), count=counts["drafts"], url=f"{staff_list}?status=draft", order=40),
            WorkItem(title=_("Published projects missing Russian"), count=counts["missing_russian"],
                     url=f"{staff_list}?status=published", order=42),
            WorkItem(title=_("Projects under way without news for 90 days"), count=counts["quiet"],
                     url=f"{staff_list}?quiet=1", order=41),
        ]

    def report_parts(self, year, shown=None):
        figures = year_figures(year, shown)
        return [ReportPart(
            key="projects", title=_("Projects finished in the year"), template="pdf/projects/_report_part.html",
            context=figures, order=30, has_data=bool(figures["projects"]), rows=_report_rows(figures),
            before=[value for _label, value, _kind in _report_rows(figures["previous"])])]

    def report_years(self):
        return (Project.objects.published().filter(finished_on__isnull=False).annotate(year=ExtractYear("finished_on"))
                .values_list("year", flat=True).order_by().distinct())

    def report_sources(self):
        return [Project.history, FundingContribution.history]
