"""What the hearings app gives the site (core.contributions): its home card and panels, search,
the open data of proposals, hearing minutes for council packs, its work-list items and its
part of the annual participation report."""
from functools import partial

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.contributions import (Contributions, Dataset, Figure, HomeCard, HomePanel, PackChoice, PackSection,
                                ReportPart, SearchKind, WorkItem)
from core.numbers import share
from core import bilingual, roles
from core.paths import path_maker

from . import bench, demo, selectors
from .models import DevelopmentProgramme, Hearing, Proposal

LATEST_ANSWERS = 4

PROPOSAL_COLUMNS = [
    (gettext_lazy("Hearing date"), gettext_lazy("Date of the public hearing, YYYY-MM-DD.")),
    (gettext_lazy("Hearing"), gettext_lazy("Topic of the hearing.")),
    (gettext_lazy("Village"), gettext_lazy("Village the proposal concerns.")),
    (gettext_lazy("Topic"), gettext_lazy("Topic of the proposal.")),
    (gettext_lazy("Source"), gettext_lazy("Who made it: an initiative group, a citizen, a deputy, a civil-society organisation or AO staff (never the author's name).")),
    (gettext_lazy("Initiative group"), gettext_lazy("The group that made it, if any.")),
    (gettext_lazy("Question"), gettext_lazy("“yes” when it was a question rather than a proposal.")),
    (gettext_lazy("Proposal"), gettext_lazy("The text of the proposal.")),
    (gettext_lazy("Estimated cost, som"), gettext_lazy("Estimated cost in som, if known.")),
    (gettext_lazy("Status"), gettext_lazy("Received, under review, accepted, partly accepted, rejected, answered or done.")),
    (gettext_lazy("Decided on"), gettext_lazy("Date of the decision, YYYY-MM-DD.")),
    (gettext_lazy("Public answer"), gettext_lazy("The aiyl okmotu's answer.")),
    (gettext_lazy("Taken into the programme"), gettext_lazy("The development programme the proposal was taken into.")),
]


def proposal_rows():
    """Every proposal of a published hearing, oldest first: one query, no author names; a group
    or programme is named only when it is published itself."""
    proposals = (Proposal.objects.public().select_related("hearing", "village", "group", "programme")
                 .order_by("hearing__starts_at", "pk"))
    # The choices' labels translated once, not per row (get_FOO_display() hashes every lazy label
    # of the field each call: two thirds of a 30 000-row file's time).
    topics, sources, statuses = (
        {value: str(label) for value, label in Proposal._meta.get_field(name).flatchoices}
        for name in ("topic", "source", "status"))
    yes = _("yes")
    for proposal in proposals.iterator(chunk_size=2000):
        group = proposal.group if proposal.group and proposal.group.is_visible_to(None) else None
        programme = proposal.programme if proposal.programme and proposal.programme.is_visible_to(None) else None
        # Dates as dates: the file writes them ISO 8601 whatever the page's language.
        yield [
            timezone.localtime(proposal.hearing.starts_at).date(), proposal.hearing.topic,
            proposal.village or "", topics.get(proposal.topic, proposal.topic),
            sources.get(proposal.source, proposal.source),
            group or "", yes if proposal.is_question else "", proposal.text, proposal.estimated_cost,
            statuses.get(proposal.status, proposal.status), proposal.decided_on, proposal.response, programme or "",
        ]


def proposals_dataset():
    return Dataset(
        key="proposals", title=_("Proposals from public hearings"),
        description=_("Every proposal and question received at published hearings, and what became of it."),
        columns=PROPOSAL_COLUMNS, rows=proposal_rows, url_name="hearings:proposals_csv",
        filename="proposals.csv")


def minutes_sections(hearings, viewer):
    """One council-pack section per hearing: its minutes, as the minutes PDF prints them."""
    hearings = selectors.with_minutes(hearings.select_related("village", "budget_year", "programme").order_by("starts_at"))
    return [PackSection(
        kind="hearing",
        title=_("Minutes of the public hearing “%(topic)s”, %(date)s") % {
            "topic": hearing.topic, "date": timezone.localtime(hearing.starts_at).strftime("%d.%m.%Y")},
        template="pdf/hearings/_minutes_body.html", context=partial(selectors.minutes_context, hearing),
        is_draft=not hearing.is_published,
        sources=[(Hearing.history, {"id": hearing.pk}), (Proposal.history, {"hearing_id": hearing.pk})],
    ) for hearing in hearings]


def hearing_label(hearing):
    return format_html("{} · {}", f"{timezone.localtime(hearing.starts_at):%d.%m.%Y}", bilingual.marked(hearing, "topic"))


# Long texts the report's table of hearings never shows (each in every language).
_NOT_IN_REPORT = [f"{name}{suffix}" for name in ("agenda", "minutes", "decisions", "place")
                  for suffix in ("", "_ky", "_ru", "_en")]


# The columns a year's totals sum (people, proposals), as _totals names them.
_SUMMED = {"participants": "participants_total", "women": "participants_women", "men": "participants_men",
           "from_groups": "participants_from_groups", "youth": "participants_youth",
           "proposals": "proposals_received", "proposals_from_groups": "proposals_from_groups",
           "proposals_taken_up": "proposals_taken_up"}


def year_figures(year, shown=None):
    """Published hearings held in `year`, each with its attendance (people) and proposals (the
    first `shown` of them by date; None: all), and the totals of every hearing of the year; under
    "previous" those totals of the year before that the report compares. Two queries: the totals
    of both years summed by the database, then the rows shown."""
    held = (Hearing.objects.published().filter(state=Hearing.State.HELD, starts_at__year__gte=year - 1,
                                                starts_at__year__lte=year)
            .with_proposal_counts(joined=True))
    # The year before: only what the report compares (_report_rows).
    wanted = {year: _SUMMED, year - 1: {key: _SUMMED[key] for key in ("participants", "proposals", "proposals_taken_up")}}
    summed = held.aggregate(**{f"{key}_{each}": Sum(column, filter=Q(starts_at__year=each))
                               for each, columns in wanted.items() for key, column in columns.items()},
                            **{f"hearings_{each}": Count("pk", filter=Q(starts_at__year=each)) for each in wanted})
    figures = {each: {key: summed[f"{key}_{each}"] or 0 for key in ("hearings", *columns)}
               for each, columns in wanted.items()}
    this, before = _totals(figures[year]), figures[year - 1]
    rows = list(held.filter(starts_at__year=year).annotate(village_name=F("village__name")).defer(*_NOT_IN_REPORT)
                .order_by("starts_at", "pk")[:shown])
    path = path_maker("hearings:detail")  # Hearing.get_absolute_url, reversed once
    for row in rows:
        row.url = path(row.pk)
        row.taken_up_share = share(row.proposals_taken_up, row.proposals_received)
        row.women_share = share(row.participants_women, row.participants_total)
    return {"hearing_rows": rows, **this, "previous": before}


def _totals(summed):
    """The year's figures from its sums (people and proposals): with the shares in percent."""
    return {**summed, "women_share": share(summed["women"], summed["participants"]),
            "taken_up_share": share(summed["proposals_taken_up"], summed["proposals"])}


def _report_rows(figures):
    return [(_("Public hearings held"), figures["hearings"], "num"),
            (_("Participants of hearings"), figures["participants"], "num"),
            (_("Proposals and questions received"), figures["proposals"], "num"),
            (_("Proposals accepted"), figures["proposals_taken_up"], "num")]


def _url(obj):
    return obj.get_absolute_url()


class HearingsContributions(Contributions):
    order = 20
    bench_order = 50
    demo = demo
    bench = bench

    def home(self, user):
        # The next hearing is both the card's sentence and the top panel: read once.
        hearing = selectors.next_hearing()
        return self._cards(hearing), self._panels(hearing)

    def home_cards(self, user):
        return self._cards(selectors.next_hearing())

    def home_panels(self):
        return self._panels(selectors.next_hearing())

    def _cards(self, next_hearing):
        card = selectors.public_section(next_hearing)
        return [HomeCard(key="hearings", title=card["title"], url=card["url"], text=card["text"], order=10,
                         figures=[Figure(value, label) for label, value in card["figures"]])]

    def _panels(self, hearing):
        panels = []
        if hearing is not None:
            panels.append(HomePanel(key="next_hearing", template="hearings/_home_next_hearing.html", place="top",
                                    context={"topic": hearing.topic, "starts_at": hearing.starts_at,
                                             "village": str(hearing.village or ""), "place": hearing.place,
                                             "url": _url(hearing)}))
        proposals = selectors.latest_answers(LATEST_ANSWERS)
        # Each status with its own date: "Done" carries the day it was done, not the day it was decided.
        panels.append(HomePanel(key="latest_answers", template="hearings/_home_latest_answers.html", order=10,
                                context={"answers": [{
                                    "text": proposal.text, "status": proposal.get_status_display(),
                                    "status_code": proposal.status, "response": proposal.response,
                                    "decided_on": proposal.status_since, "url": _url(proposal)}
                                    for proposal in proposals]}))
        return panels

    def search_kinds(self):
        return [
            SearchKind(key="hearings", label=gettext_lazy("Public hearings"), fields=("topic", "agenda", "place"),
                       queryset=lambda: Hearing.objects.published().select_related("village").order_by("-starts_at"),
                       title=lambda hearing: bilingual.marked(hearing, "topic"), text=lambda hearing: bilingual.marked(hearing, "agenda")),
            SearchKind(key="proposals", label=gettext_lazy("Proposals"), fields=("text", "response"),
                       queryset=lambda: Proposal.objects.public().select_related("hearing")
                       .order_by("-hearing__starts_at", "pk"),
                       title=lambda proposal: proposal.text, text=lambda proposal: bilingual.marked(proposal, "response")),
            SearchKind(key="programmes", label=gettext_lazy("Development programmes"), fields=("title", "summary"),
                       queryset=lambda: DevelopmentProgramme.objects.published().order_by("-first_year"),
                       title=lambda programme: bilingual.marked(programme, "title"),
                       text=lambda programme: bilingual.marked(programme, "summary")),
        ]

    def datasets(self):
        return [
            proposals_dataset(),
            Dataset(key="feed", title=_("Announced public hearings (Atom feed)"),
                    description=_("Subscribe in a feed reader to learn of every announced hearing."),
                    columns=[], url_name="hearings:feed", format="Atom"),
            Dataset(key="calendar", title=_("Public hearings calendar (iCalendar)"),
                    description=_("Hearings announced, and those held or cancelled in the last 365 days, for a "
                                  "phone or computer calendar (subscribe with the webcal: link on the hearings "
                                  "page)."),
                    columns=[], url_name="hearings:ics", format="iCalendar"),
        ]

    def pack_choices(self):
        return [PackChoice(key="hearings", label=gettext_lazy("minutes of hearings"), order=10,
                           queryset=lambda user: Hearing.objects.visible_to(user).select_related("village")
                           .order_by("-starts_at"),
                           sections=minutes_sections, item_label=hearing_label,
                           search_fields=("topic", "village__name"))]

    def work_items(self, user):
        if not roles.can_edit(user):
            return []
        hearings = Hearing.objects.work_counts(
            without_minutes=Q(state=Hearing.State.HELD) & bilingual.empty_q("minutes"))
        return [
            WorkItem(title=_("Proposals waiting for a decision"), count=Proposal.objects.waiting().count(),
                     url=reverse("hearings:staff_waiting"), order=10),
            WorkItem(title=_("Held hearings without minutes"), count=hearings["without_minutes"],
                     url=reverse("hearings:staff_list"), order=11),
            WorkItem(title=_("Draft hearings"), count=hearings["drafts"], url=reverse("hearings:staff_list"),
                     order=12),
            WorkItem(title=_("Draft development programmes"), count=DevelopmentProgramme.objects.drafts().count(),
                     url=reverse("hearings:staff_programmes"), order=13),
            WorkItem(title=_("Published hearings missing Russian"),
                     count=hearings["missing_russian"],
                     url=reverse("hearings:staff_list"), order=14),
            WorkItem(title=_("Public answers missing Russian"),
                     count=Proposal.objects.public().filter(bilingual.missing_russian_q(Proposal)).count(),
                     url=reverse("hearings:staff_waiting"), order=15),
        ]

    def report_parts(self, year, shown=None):
        figures = year_figures(year, shown)
        return [ReportPart(
            key="hearings", title=_("Public hearings held in the year"), template="pdf/hearings/_report_part.html",
            context=figures, order=20, has_data=bool(figures["hearings"]), rows=_report_rows(figures),
            before=[value for _label, value, _kind in _report_rows(figures["previous"])])]

    def report_years(self):
        return (Hearing.objects.published().filter(state=Hearing.State.HELD).annotate(year=ExtractYear("starts_at"))
                .values_list("year", flat=True).order_by().distinct())

    def report_sources(self):
        return [Hearing.history, Proposal.history]
