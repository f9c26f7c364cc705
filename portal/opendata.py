"""The open-data index: every file the apps publish (CSV, XLSX, the Atom feed, the iCalendar of
hearings), each with its columns described, and one ZIP of all public CSV files.

The files themselves are made by the apps' own views; the ZIP calls those same views as an
anonymous visitor, so it holds exactly what a citizen can download one by one (published data
only, whoever asks for the ZIP) and never a second, drifting copy of the export code.
"""
import io
import zipfile
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.urls import NoReverseMatch, resolve, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


@dataclass
class Dataset:
    key: str
    url_name: str
    title: str
    description: str
    format: str  # "CSV", "XLSX", "Atom", "iCalendar"
    columns: list = field(default_factory=list)  # [(column, what it holds)]
    args: tuple = ()
    in_zip: bool = False
    filename: str = ""

    @property
    def url(self):
        return reverse(self.url_name, args=self.args)


GROUP_COLUMNS = [
    (_("Name"), _("The group's name.")),
    (_("Focus"), _("What the group works on.")),
    (_("Villages"), _("Villages the group works in.")),
    (_("Founded on"), _("Date the group was founded.")),
    (_("Dissolved on"), _("Date the group stopped working; empty while it works.")),
    (_("Members"), _("Current members (counts only: no names are published here).")),
    (_("Women"), _("Women among the current members.")),
    (_("Men"), _("Men among the current members.")),
    ("youth", _("Members aged 14 to 28 this year.")),
    (_("Aiyl kenesh deputies"), _("Members who are deputies of the aiyl kenesh.")),
    (_("CSO representatives"), _("Members who represent a civil-society organisation.")),
    (_("Community leaders"), _("Members who are community leaders.")),
]

PROPOSAL_COLUMNS = [
    (_("Hearing date"), _("Date of the public hearing, YYYY-MM-DD.")),
    (_("Hearing"), _("Topic of the hearing.")),
    (_("Village"), _("Village the proposal concerns.")),
    (_("Topic"), _("Topic of the proposal.")),
    (_("Source"), _("Who made it: an initiative group, a citizen, a deputy, a civil-society organisation or AO staff (never the author's name).")),
    (_("Initiative group"), _("The group that made it, if any.")),
    (_("Question"), _("“yes” when it was a question rather than a proposal.")),
    (_("Proposal"), _("The text of the proposal.")),
    (_("Estimated cost, som"), _("Estimated cost in som, if known.")),
    (_("Status"), _("Received, under review, accepted, partly accepted, rejected, answered or done.")),
    (_("Decided on"), _("Date of the decision, YYYY-MM-DD.")),
    (_("Public answer"), _("The aiyl okmotu's answer.")),
    (_("Taken into the programme"), _("The development programme the proposal was taken into.")),
]

BUDGET_COLUMNS = [
    (_("kind"), _("revenue or expenditure")),
    (_("code"), _("Code of the budget classification (category → group → subgroup → article → sub-article → element).")),
    (_("name"), _("Name of the budget line.")),
    (_("category"), _("Category in plain words (education, drinking water …).")),
    (_("planned"), _("Amount approved, som.")),
    (_("amended"), _("Amount after the council's amendments, som; empty if not amended.")),
    (_("executed"), _("Amount actually received or spent, som; empty until reported.")),
]

PROJECT_COLUMNS = [
    ("project_id", _("Number of the project on this portal.")),
    ("title", _("Title of the project.")),
    ("state", _("planned, under_way or done.")),
    ("villages", _("Villages of the project.")),
    ("started_on, finished_on", _("Start and end dates, YYYY-MM-DD.")),
    ("households, families, women, men, children, pupils", _("People and households the project reached; empty when not counted.")),
    ("url", _("Address of the project's page.")),
]

FUNDING_COLUMNS = [
    ("project_id", _("Number of the project on this portal (projects.csv).")),
    ("source, source_label", _("Kind of funding (code and words): local or republican budget, donor, community cash, labour or materials in kind, contest prize.")),
    ("funder", _("Who gave it (an organisation, a group or the community: never a private person's name).")),
    ("amount_som", _("Amount in som; empty for work or goods in kind without a value.")),
    ("amount_not_made_public", _("“yes” when the funder did not make the amount public.")),
    ("in_kind_description", _("What was given in kind.")),
    ("contest, contest_year, contest_place", _("For a contest prize: the contest, its year and the place won.")),
]


def _published_budget_years():
    try:
        from budget.models import BudgetYear
    except ImportError:  # pragma: no cover
        return []
    return list(BudgetYear.objects.published().order_by("-year").values_list("year", flat=True))


def _group_columns():
    """The groups' columns, with the youth column named as the groups app names it."""
    from django.utils.translation import gettext

    try:
        from groups.models import YOUTH_MAX_AGE, YOUTH_MIN_AGE
    except ImportError:  # pragma: no cover
        return GROUP_COLUMNS
    youth = gettext("Youth (%(min)s–%(max)s years)") % {"min": YOUTH_MIN_AGE, "max": YOUTH_MAX_AGE}
    return [(youth if column == "youth" else column, meaning) for column, meaning in GROUP_COLUMNS]


def datasets():
    """Every dataset whose view exists (an app not finished yet simply has none)."""
    candidates = [
        Dataset("groups", "groups:csv", _("Initiative groups"),
                _("Published initiative groups with the number of their members by gender and role."),
                "CSV", _group_columns(), in_zip=True, filename="initiative-groups.csv"),
        Dataset("proposals", "hearings:proposals_csv", _("Proposals from public hearings"),
                _("Every proposal and question received at published hearings, and what became of it."),
                "CSV", PROPOSAL_COLUMNS, in_zip=True, filename="proposals.csv"),
        Dataset("projects", "projects:csv", _("Projects"),
                _("Published projects and the people they reached: one row per project."),
                "CSV", PROJECT_COLUMNS, in_zip=True, filename="projects.csv"),
        Dataset("project_funding", "projects:funding_csv", _("Who paid for the projects"),
                _("The funding contributions of published projects: one row per contribution."),
                "CSV", FUNDING_COLUMNS, in_zip=True, filename="project_funding.csv"),
    ]
    for year in _published_budget_years():
        candidates.append(Dataset(
            f"budget-{year}", "budget:csv", _("Local budget for %(year)s") % {"year": year},
            _("Every line of the year's budget: planned, amended and executed, in som."),
            "CSV", BUDGET_COLUMNS, args=(year,), in_zip=True, filename=f"budget-{year}.csv"))
        candidates.append(Dataset(
            f"budget-{year}-xlsx", "budget:xlsx", _("Local budget for %(year)s") % {"year": year},
            _("The same lines as a spreadsheet."), "XLSX", BUDGET_COLUMNS, args=(year,)))
    candidates += [
        Dataset("feed", "hearings:feed", _("Announced public hearings (Atom feed)"),
                _("Subscribe in a feed reader to learn of every announced hearing."), "Atom"),
        Dataset("calendar", "hearings:ics", _("Public hearings calendar (iCalendar)"),
                _("Hearings announced, and those held or cancelled in the last 365 days, for a phone or computer calendar (subscribe with the webcal: link on the hearings page)."), "iCalendar"),
    ]
    available = []
    for dataset in candidates:
        try:
            dataset.url
        except NoReverseMatch:
            continue
        available.append(dataset)
    return available


def _anonymous_request(request, path):
    """A GET for `path` as a citizen would send it: no user, no session, same host and language."""
    inner = HttpRequest()
    inner.method = "GET"
    inner.path = inner.path_info = path
    inner.META = {key: value for key, value in request.META.items()
                  if key in ("SERVER_NAME", "SERVER_PORT", "HTTP_HOST", "wsgi.url_scheme", "HTTP_X_FORWARDED_PROTO")}
    inner.META["REQUEST_METHOD"] = "GET"
    inner.user = AnonymousUser()
    inner.LANGUAGE_CODE = getattr(request, "LANGUAGE_CODE", None)
    return inner


def _content(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def zip_of_public_csv(request):
    """The bytes of a ZIP holding every public CSV (as citizens download them) and a README."""
    buffer = io.BytesIO()
    now = timezone.localtime()
    listed = []
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for dataset in datasets():
            if not dataset.in_zip:
                continue
            path = dataset.url
            match = resolve(path)
            response = match.func(_anonymous_request(request, path), *match.args, **match.kwargs)
            if response.status_code != 200:
                continue
            archive.writestr(dataset.filename, _content(response))
            listed.append(f"{dataset.filename}: {dataset.title}. {dataset.description}")
        readme = "\n".join([str(_("Open data of the aiyl okmotu: published information only.")),
                            str(_("Generated %(date)s.") % {"date": now.strftime("%d.%m.%Y %H:%M")}), "",
                            *listed, ""])
        archive.writestr("README.txt", readme)
    return buffer.getvalue()
