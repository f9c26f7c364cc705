"""One definition of each budget report, for its page, its PDF and its files: the figures come
from database aggregates (a fixed number of queries, however many lines a year has)."""
from bisect import bisect_right
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from budget.models import BudgetClassification, BudgetLine, BudgetYear, CitizenCategory, Kind, money_sum
from core.charts import bar_chart
from core.models import Village
from core.templatetags.portal import format_number, som

ZERO = Decimal("0.00")


def _percent(part, whole):
    if part is None or not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def population():
    """The residents of all villages, or None when any village's population is unknown."""
    figures = Village.objects.aggregate(total=Sum("population"), villages=Count("pk"),
                                        unknown=Count("pk", filter=Q(population__isnull=True)))
    if not figures["villages"] or figures["unknown"] or not figures["total"]:
        return None
    return figures["total"]


def category_rows(budget_year):
    """{kind: [row]} with label, plan, executed, percent executed: one query."""
    rows = {Kind.REVENUE: [], Kind.EXPENDITURE: []}
    for row in BudgetLine.objects.filter(budget_year=budget_year).by_category():
        row["label"] = CitizenCategory(row["category"]).label
        row["percent"] = _percent(row["executed"], row["plan"]) if row["has_execution"] else None
        rows[row["kind"]].append(row)
    return rows


def changes(current_rows, previous_rows):
    """What changed against last year, by category: this year, last year, difference, %."""
    result = {}
    for kind in (Kind.REVENUE, Kind.EXPENDITURE):
        before = {row["category"]: row["plan"] for row in previous_rows.get(kind, [])}
        now = {row["category"]: row["plan"] for row in current_rows.get(kind, [])}
        rows = []
        for category in list(now) + [key for key in before if key not in now]:
            current, last = now.get(category, ZERO), before.get(category, ZERO)
            rows.append({"label": CitizenCategory(category).label, "current": current, "previous": last,
                         "difference": current - last, "percent": _percent(current - last, last)})
        result[kind] = rows
    return result


def taken_proposals_query(budget_year, user=None):
    """Proposals from hearings that made it into this year's lines: published hearings only
    (drafts too for people who may see them)."""
    from hearings.models import Proposal

    return Proposal.objects.visible_to(user).filter(budget_line__budget_year=budget_year).select_related(
        "hearing", "budget_line", "budget_line__classification", "group").order_by("hearing__starts_at", "pk")


def with_hearing_urls(proposals):
    result = list(proposals)
    for proposal in result:
        proposal.hearing_url = proposal.hearing.get_absolute_url()
    return result


def taken_proposals(budget_year, user=None):
    return with_hearing_urls(taken_proposals_query(budget_year, user))


def citizen_budget(budget_year, user=None, proposals_shown=None):
    """Everything the citizen's budget page and brochure show: aggregates only (a fixed number
    of queries and a page of fixed size, however many lines); the lines have their own paged page,
    and so have the proposals beyond the first `proposals_shown` (the brochure prints them all)."""
    lines = BudgetLine.objects.filter(budget_year=budget_year)
    totals = lines.totals()
    categories = category_rows(budget_year)
    previous = BudgetYear.objects.visible_to(user).filter(year__lt=budget_year.year).order_by("-year").first()
    residents = population()
    expenditure = totals["expenditure_plan"]
    has_execution = bool(totals["expenditure_has_execution"] or totals["revenue_has_execution"])
    report = {
        "budget_year": budget_year,
        "totals": totals,
        "balance": totals["revenue_plan"] - totals["expenditure_plan"],
        "revenue_rows": categories[Kind.REVENUE],
        "expenditure_rows": categories[Kind.EXPENDITURE],
        "revenue_chart": bar_chart(
            _("Where the money comes from"),
            [(row["label"], row["plan"]) for row in categories[Kind.REVENUE]],
            display=som, column_label=_("Source"), value_label=_("Amount")),
        "expenditure_chart": bar_chart(
            _("Where the money goes"),
            [(row["label"], row["plan"]) for row in categories[Kind.EXPENDITURE]],
            display=som, column_label=_("Purpose"), value_label=_("Amount")),
        "residents": residents,
        "per_resident": (expenditure / residents).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
        if residents else None,
        "has_execution": has_execution,
        "revenue_percent": _percent(totals["revenue_executed"], totals["revenue_plan"]),
        "expenditure_percent": _percent(totals["expenditure_executed"], totals["expenditure_plan"]),
        "previous": previous,
    }
    if proposals_shown is None:
        report["proposals"] = taken_proposals(budget_year, user)
        report["proposal_count"] = len(report["proposals"])
    else:
        # The first rows, and the count of all of them every time (not only when the first rows
        # fill the list), so that the page reads as many queries whatever the data. A window count
        # on the first rows instead made PostgreSQL join every hearing's proposals before the
        # LIMIT (35 ms at N=10, against ~7 for the count and ~3 for the rows).
        shown = with_hearing_urls(taken_proposals_query(budget_year, user)[:proposals_shown])
        report["proposals"] = shown
        report["proposal_count"] = taken_proposals_query(budget_year, user).order_by().count()
    if has_execution:
        report["execution_chart"] = bar_chart(
            _("Spent so far, by purpose (per cent of the plan)"),
            [(row["label"], row["percent"] or 0) for row in categories[Kind.EXPENDITURE]],
            display=lambda value: f"{format_number(value, 1)}\xa0%", column_label=_("Purpose"), value_label=_("Executed, %"),
            target=100)
    if previous is not None:
        report["changes"] = changes(categories, category_rows(previous))
        previous_totals = BudgetLine.objects.filter(budget_year=previous).totals()
        report["previous_totals"] = previous_totals
        report["expenditure_change"] = totals["expenditure_plan"] - previous_totals["expenditure_plan"]
        report["expenditure_change_percent"] = _percent(report["expenditure_change"],
                                                        previous_totals["expenditure_plan"])
    report["sections"] = section_rows(budget_year)
    return report


def section_rows(budget_year):
    """{kind: [row]}: the year's plan in force and execution by top classification section
    (revenue 1…, expenditure 7…), from two queries (the small code table and one aggregate)."""
    roots = BudgetClassification.objects.sections()
    sums = {}
    for classification_id, (plan, executed) in BudgetLine.objects.filter(
            budget_year=budget_year).by_classification().items():
        root = roots[classification_id]
        row = sums.setdefault(root.pk, {"section": root, "plan": ZERO, "executed": ZERO})
        row["plan"] += plan
        row["executed"] += executed
    rows = {Kind.REVENUE: [], Kind.EXPENDITURE: []}
    for row in sorted(sums.values(), key=lambda row: row["section"].code):
        rows.setdefault(row["section"].kind, []).append(row)
    return rows


def lines_by_side(lines):
    """[(side label, [line, …])], each line with `category_label`. The labels are looked up
    once: `get_category_display()` hashes every choice on each call, which for 2 000 lines was
    most of the budget page's rendering time."""
    kinds = {value: str(label) for value, label in Kind.choices}
    categories = {value: str(label) for value, label in CitizenCategory.choices}
    sides = {}
    for line in lines:
        line.category_label = categories.get(line.category, line.category)
        sides.setdefault(line.kind, []).append(line)
    return [(kinds.get(kind, kind), rows) for kind, rows in sides.items()]


def council_annexes(budget_year):
    """The council's budget document: revenues (annex 1) and expenditures (annex 2), each grouped
    by its top classification code with subtotals; amounts are the plan in force."""
    sections = BudgetClassification.objects.sections()
    sums = BudgetLine.objects.filter(budget_year=budget_year).by_classification()
    section_totals = {}
    for classification_id, (plan, _executed) in sums.items():
        root = sections[classification_id]
        section_totals[root.pk] = section_totals.get(root.pk, ZERO) + plan
    lines = BudgetLine.objects.filter(budget_year=budget_year).select_related("classification").order_by(
        "kind", "classification__code", "position", "pk")
    annexes = {Kind.REVENUE: {}, Kind.EXPENDITURE: {}}
    for line in lines:
        root = sections[line.classification_id]
        group = annexes[line.kind].setdefault(root.pk, {"section": root, "lines": [],
                                                       "total": section_totals.get(root.pk, ZERO)})
        group["lines"].append(line)
    totals = BudgetLine.objects.filter(budget_year=budget_year).totals()
    return {
        "revenue_groups": sorted(annexes[Kind.REVENUE].values(), key=lambda group: group["section"].code),
        "expenditure_groups": sorted(annexes[Kind.EXPENDITURE].values(), key=lambda group: group["section"].code),
        "totals": totals,
    }


def council_context(budget_year):
    """Everything templates/pdf/budget/_council_body.html needs: the council PDF and a council
    pack print the same."""
    return {"budget_year": budget_year, **council_annexes(budget_year)}


YEARS_COMPARED = 5  # columns that fit a laptop (cards on a phone); the others a link or a number away


def year_window(years, last=None, size=YEARS_COMPARED):
    """`years` ascending -> (shown, earlier, later): the `size` consecutive years ending at the
    year `last` (or the nearest before it; the latest when None; the first ones when `last` is
    before them all), and the `last` of the window before and of the window after (None at an end)."""
    numbers = [item.year for item in years]
    end = len(years) if last is None else max(bisect_right(numbers, last), min(size, len(years)))
    start = max(0, end - size)
    earlier = years[start - 1].year if start else None
    later = years[min(end + size, len(years)) - 1].year if end < len(years) else None
    return years[start:end], earlier, later


def comparison(years):
    """Categories across years, from one aggregate query (grouped by the year's id: no join);
    each year gets its totals from the same rows (revenue_total, expenditure_total,
    revenue_executed, expenditure_executed, as BudgetYearQuerySet.with_totals() gives them), so
    the page reads the lines of every year once, not twice. Returns [{kind, label, rows: [{label,
    cells: [(year, plan in force or None)]}]}], revenue then expenditure."""
    by_pk = {item.pk: item for item in years}
    rows = (BudgetLine.objects.filter(budget_year_id__in=list(by_pk)).order_by()
            .values("budget_year_id", "kind", "category")
            .annotate(plan=money_sum(BudgetLine.objects.plan_in_force()), spent=money_sum("executed"),
                      has_execution=Count("executed")))
    for item in years:
        for kind in Kind:
            setattr(item, f"{kind}_total", ZERO)
            setattr(item, f"{kind}_executed", None)
    table = {}
    for row in rows:
        item = by_pk[row["budget_year_id"]]
        table.setdefault((row["kind"], row["category"]), {})[item.year] = row
        setattr(item, f"{row['kind']}_total", getattr(item, f"{row['kind']}_total") + row["plan"])
        if row["has_execution"]:
            executed = getattr(item, f"{row['kind']}_executed") or ZERO
            setattr(item, f"{row['kind']}_executed", executed + row["spent"])
    result = []
    for kind in (Kind.REVENUE, Kind.EXPENDITURE):
        categories = [choice for choice in CitizenCategory if (kind, choice.value) in table]
        result.append({
            "kind": kind,
            "label": Kind(kind).label,
            "rows": [{"label": choice.label,
                      "cells": [(item.year, table[(kind, choice.value)].get(item.year, {}).get("plan"))
                                for item in years]}
                     for choice in categories],
        })
    return result


def expenditure_by_year_chart(years):
    """Years annotated with_totals() -> one bar per year."""
    return bar_chart(_("Expenditure by year"), [(str(item.year), item.expenditure_total) for item in years],
                     display=som, column_label=_("Year"), value_label=_("Expenditure"))
