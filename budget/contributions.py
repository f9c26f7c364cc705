"""What the budget app gives the site (core.contributions): its home card, search of budget
lines, the open data of every published year, a year's budget for council packs and its
work-list item."""
from functools import partial
from urllib.parse import urlencode

from django.db.models import Q
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.contributions import Contributions, Dataset, Figure, HomeCard, PackChoice, PackSection, SearchKind, WorkItem
from core import bilingual, roles

from . import bench, demo, reports, selectors, tabular
from .models import BudgetLine, BudgetYear

# What each column of the budget files holds (the columns themselves: budget.tabular.COLUMNS).
MEANINGS = {
    "kind": gettext_lazy("revenue or expenditure"),
    "code": gettext_lazy("Code of the budget classification (category → group → subgroup → article → sub-article → element)."),
    "name_ky": gettext_lazy("Name of the budget line in Kyrgyz."),
    "name_ru": gettext_lazy("Name of the budget line in Russian; empty where it has none yet."),
    "category": gettext_lazy("Category in plain words (education, drinking water …)."),
    "planned": gettext_lazy("Amount approved, som."),
    "amended": gettext_lazy("Amount after the council's amendments, som; empty if not amended."),
    "executed": gettext_lazy("Amount actually received or spent, som; empty until reported."),
}
LINE_COLUMNS = [(column, MEANINGS[column]) for column in tabular.COLUMNS]


def all_line_rows():
    """Every line of every published year, the year first: one query."""
    lines = (BudgetLine.objects.filter(budget_year__in=BudgetYear.objects.published())
             .select_related("budget_year", "classification")
             .order_by("budget_year__year", "kind", "position", "classification__code", "pk"))
    years = (line.budget_year.year for line in lines)
    for year, row in zip(years, tabular.line_rows(lines)):
        yield [year, *row]


def budget_dataset():
    return Dataset(
        key="budget", title=_("Local budget, every published year"),
        description=_("Every line of every published year's budget: planned, amended and executed, in som."),
        columns=[("year", _("Budget year.")), *LINE_COLUMNS], rows=all_line_rows,
        url_name="budget:all_csv", filename="budget.csv")


def year_sections(years, viewer):
    """A year's budget as the council PDF prints it: one section a picked year."""
    return [PackSection(
        kind="budget", title=_("Local budget for %(year)s") % {"year": budget_year.year},
        template="pdf/budget/_council_body.html", context=partial(reports.council_context, budget_year),
        is_draft=not budget_year.is_published,
        sources=[(BudgetYear.history, {"id": budget_year.pk}),
                 (BudgetLine.history, {"budget_year_id": budget_year.pk})],
    ) for budget_year in years]


class BudgetContributions(Contributions):
    order = 30
    demo = demo
    bench = bench

    def home_cards(self, user):
        card = selectors.public_section()
        if card is None:
            return []
        return [HomeCard(key="budget", title=card["title"], url=card["url"], text=card["text"], order=20,
                         figures=[Figure(value, label) for label, value in card["figures"]])]

    def search_kinds(self):
        return [SearchKind(
            key="budget_lines", label=gettext_lazy("Budget lines"),
            fields=("name", "classification__name_ky", "classification__name_ru"),
            queryset=lambda: (BudgetLine.objects.filter(budget_year__in=BudgetYear.objects.published())
                              .select_related("budget_year", "classification")
                              .order_by("-budget_year__year", "position", "pk")),
            title=lambda line: format_html("{}: {}", line.budget_year.year, bilingual.marked(line, "name")),
            text=lambda line: f"{line.get_kind_display()} · {line.classification.code}",
            # The year's line list, narrowed to the line's code (the year page shows only totals).
            url=lambda line: "%s?%s" % (reverse("budget:lines", args=[line.budget_year.year]),
                                        urlencode({"code": line.classification.code})))]

    def datasets(self):
        found = [budget_dataset()]
        for year in BudgetYear.objects.published().order_by("-year").values_list("year", flat=True):
            found.append(Dataset(
                key=f"budget-{year}", title=_("Local budget for %(year)s") % {"year": year},
                description=_("Every line of the year's budget: planned, amended and executed, in som."),
                columns=LINE_COLUMNS, url_name="budget:csv", url_args=(year,)))
            found.append(Dataset(
                key=f"budget-{year}-xlsx", title=_("Local budget for %(year)s") % {"year": year},
                description=_("The same lines as a spreadsheet."), columns=LINE_COLUMNS,
                url_name="budget:xlsx", url_args=(year,), format="XLSX"))
        return found

    def pack_choices(self):
        return [PackChoice(key="budget_year", label=gettext_lazy("budget"), multiple=False, order=20,
                           queryset=lambda user: BudgetYear.objects.visible_to(user).order_by("-year"),
                           sections=year_sections, item_label=lambda budget_year: str(budget_year.year),
                           search_fields=("year",))]

    def work_items(self, user):
        if not roles.can_edit(user):
            return []
        lines_without_russian = BudgetLine.objects.filter(bilingual.missing_russian_q(BudgetLine))
        counts = BudgetYear.objects.work_counts(without_russian=Q(status=BudgetYear.Status.PUBLISHED) & (
            bilingual.missing_russian_q(BudgetYear) | Q(pk__in=lines_without_russian.values("budget_year"))))
        return [WorkItem(title=_("Budget years not yet published"), count=counts["drafts"],
                         url=reverse("budget:staff_list"), order=30),
                WorkItem(title=_("Published budgets with texts missing in Russian"),
                         count=counts["without_russian"],
                         url=reverse("budget:staff_list"), order=31)]
