"""What the groups app gives the site (core.contributions): its home card, search, the open-data
table of groups, the group register for council packs, its work-list item and its part of the
annual participation report."""
import datetime
import functools
import operator
from functools import partial

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.contributions import (Contributions, Dataset, Figure, HomeCard, PackChoice, PackSection, ReportPart,
                                SearchKind, WorkItem)
from core.numbers import share
from core import bilingual, roles

from . import bench, demo, selectors
from .models import (WOMEN_TARGET_PERCENT, YOUTH_MAX_AGE, YOUTH_MIN_AGE, InitiativeGroup, Membership,
                     Person, women_target_met, youth_birth_years)

GROUP_COLUMNS = [
    (gettext_lazy("Name"), gettext_lazy("The group's name.")),
    (gettext_lazy("Focus"), gettext_lazy("What the group works on.")),
    (gettext_lazy("Villages"), gettext_lazy("Villages the group works in.")),
    (gettext_lazy("Founded on"), gettext_lazy("Date the group was founded.")),
    (gettext_lazy("Dissolved on"), gettext_lazy("Date the group stopped working; empty while it works.")),
    (gettext_lazy("Members"), gettext_lazy("Current members (counts only: no names are published here).")),
    (gettext_lazy("Women"), gettext_lazy("Women among the current members.")),
    (gettext_lazy("Men"), gettext_lazy("Men among the current members.")),
    (lazy(lambda: _("Youth (%(min)s–%(max)s years)") % {"min": YOUTH_MIN_AGE, "max": YOUTH_MAX_AGE}, str)(),
     gettext_lazy("Members aged 14 to 28 this year.")),
    (gettext_lazy("Aiyl kenesh deputies"), gettext_lazy("Members who are deputies of the aiyl kenesh.")),
    (gettext_lazy("CSO representatives"), gettext_lazy("Members who represent a civil-society organisation.")),
    (gettext_lazy("Community leaders"), gettext_lazy("Members who are community leaders.")),
]


def groups_dataset():
    """The open-data table of published groups: counts only, no personal data."""
    return Dataset(
        key="groups", title=_("Initiative groups"),
        description=_("Published initiative groups with the number of their members by gender and role."),
        columns=GROUP_COLUMNS, rows=selectors.csv_rows, url_name="groups:csv",
        filename="initiative-groups.csv")


def register_sections(objects, viewer):
    """The group register as one council-pack section, as `viewer` may see it."""
    return [PackSection(
        kind="groups", title=_("Register of initiative groups"),
        template="pdf/groups/_register_body.html", context=partial(selectors.register, viewer),
        is_draft=InitiativeGroup.objects.visible_to(viewer).drafts().exists(),
        sources=[(InitiativeGroup.history, {}), (Membership.history, {}), (Person.history, {})])]


def _active_in(year, path=""):
    """Q of the groups (reached through `path`, "group__" from a membership) working at some time
    in `year`: founded by its end, not dissolved before it."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return Q(**{f"{path}founded_on__lte": last}) & (Q(**{f"{path}dissolved_on__isnull": True})
                                                      | Q(**{f"{path}dissolved_on__gte": first}))


def _membership_in(year):
    """Q of the memberships of a group working in `year` open at some time in it."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return _active_in(year, "group__") & Q(joined_on__lte=last) & (Q(left_on__isnull=True) | Q(left_on__gte=first))


def _members_by_year(year):
    """{year: {members, women, youth}, year - 1: {members, women}}: the people who were members
    of a published group working in the year (each counted once); the year before only as far as
    the report compares it (_report_rows). One pass over the memberships (one EXISTS query a year
    scanned the people twice)."""
    first, last = youth_birth_years(year)
    wanted = {year: (("members", Q()), ("women", Q(person__gender=Person.Gender.FEMALE)),
                     ("youth", Q(person__birth_year__gte=first, person__birth_year__lte=last))),
              year - 1: (("members", Q()), ("women", Q(person__gender=Person.Gender.FEMALE)))}
    counts = {f"{name}_{each}": Count("person", distinct=True, filter=_membership_in(each) & condition)
              for each, conditions in wanted.items() for name, condition in conditions}
    found = Membership.objects.filter(group__status=InitiativeGroup.Status.PUBLISHED).filter(
        functools.reduce(operator.or_, (_membership_in(each) for each in wanted))).aggregate(**counts)
    return {each: {name: found[f"{name}_{each}"] for name, _condition in conditions}
            for each, conditions in wanted.items()}


def _figures(groups, members):
    """The report's figures of one year from its counts (groups, people), shares in percent."""
    return {**groups, **members, "women_share": share(members["women"], members["members"])}


def year_figures(year):
    """Published groups active in `year` and the people who were their members in it (each
    counted once): counts of groups and people (members, women, youth), shares in percent; under
    "previous" the year before's figures that the report compares (groups, members, women and
    their share). Two queries for both years (the people's counts in one pass: a UNION of two
    ran in parallel workers and took longer)."""
    groups = InitiativeGroup.objects.published().aggregate(
        groups=Count("pk", filter=_active_in(year)), groups_founded=Count("pk", filter=Q(founded_on__year=year)),
        previous=Count("pk", filter=_active_in(year - 1)))
    members = _members_by_year(year)
    this = _figures({"groups": groups["groups"], "groups_founded": groups["groups_founded"]}, members[year])
    return {**this,
            "youth_share": share(this["youth"], this["members"]),
            "women_target": WOMEN_TARGET_PERCENT,
            "women_target_met": women_target_met(this["women"], this["members"]),
            "previous": _figures({"groups": groups["previous"]}, members[year - 1])}


def _report_rows(figures):
    return [(_("Initiative groups"), figures["groups"], "num"),
            (_("Members of initiative groups"), figures["members"], "num"),
            (_("Women among members (share)"), figures["women_share"], "percent")]


class GroupsContributions(Contributions):
    order = 10
    demo = demo
    bench = bench

    def home_cards(self, user):
        card = selectors.public_section()
        return [HomeCard(key="groups", title=card["title"], url=card["url"], text=card["text"], order=30,
                         figures=[Figure(value, label) for label, value in card["figures"]])]

    def search_kinds(self):
        return [SearchKind(
            key="groups", label=gettext_lazy("Initiative groups"), fields=("name", "purpose", "description"),
            queryset=lambda: InitiativeGroup.objects.published().order_by("name"),
            text=lambda group: bilingual.marked(group, "purpose"), )]

    def datasets(self):
        return [groups_dataset()]

    def pack_choices(self):
        return [PackChoice(key="include_group_register", label=gettext_lazy("register of initiative groups"),
                           queryset=None, sections=register_sections, multiple=False, order=40)]

    def work_items(self, user):
        if not roles.can_edit(user):
            return []
        counts = InitiativeGroup.objects.work_counts()
        return [WorkItem(title=_("Initiative groups not yet published"), count=counts["drafts"],
                         url=reverse("groups:staff_list") + "?status=draft", order=20),
                WorkItem(title=_("Published initiative groups missing Russian"), count=counts["missing_russian"],
                         url=reverse("groups:staff_list") + "?status=published", order=21)]

    def report_parts(self, year, shown=None):  # figures only: no long table
        figures = year_figures(year)
        return [ReportPart(
            key="groups", title=_("Initiative groups"), template="pdf/groups/_report_part.html",
            context=figures, order=10, has_data=bool(figures["groups"]), rows=_report_rows(figures),
            before=[value for _label, value, _kind in _report_rows(figures["previous"])])]

    def report_sources(self):
        return [InitiativeGroup.history, Membership.history, Person.history]
