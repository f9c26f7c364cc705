"""The budget's share of the home page and the staff work list (see portal/worklist.py)."""
from django.utils.translation import gettext as _

from budget.models import BudgetLine, BudgetYear
from core.templatetags.portal import percent, som


def public_section():
    """The latest published year: revenue, expenditure, execution (two queries)."""
    latest = BudgetYear.objects.latest_published()
    if latest is None:
        return None
    totals = BudgetLine.objects.filter(budget_year=latest).totals()
    figures = [(_("Revenue"), som(totals["revenue_plan"])), (_("Expenditure"), som(totals["expenditure_plan"]))]
    if totals["expenditure_has_execution"]:
        figures.append((_("Spent"), percent(totals["expenditure_executed"], totals["expenditure_plan"], 1)))
    return {
        "title": _("Budget of %(year)s") % {"year": latest.year},
        "url": latest.get_absolute_url(),
        "figures": figures,
        "text": _("Where the money comes from and where it goes, in plain words."),
    }
