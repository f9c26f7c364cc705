"""Operations on a budget year that touch many rows: each all or nothing, inside one transaction."""
from decimal import Decimal

from django.db import transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from budget.models import BudgetClassification, BudgetLine, BudgetYear
from budget.tabular import COLUMNS, check_rows
from core import bilingual
from core.cache import bump_content_version


@transaction.atomic
def create_year(*, year, stage=BudgetYear.Stage.DRAFT, copy_from=None, user=None):
    """A new draft year; with `copy_from`, its lines start as last year's plan in force (amended
    where the council amended it), without amendments or execution."""
    budget_year = BudgetYear.objects.create(year=year, stage=stage)
    if copy_from is not None:
        lines = [
            BudgetLine(budget_year=budget_year, kind=line.kind, classification_id=line.classification_id,
                       category=line.category, planned=line.current_plan,
                       # every language's name, not the one the staff member happens to read in
                       **{bilingual.localized("name", code): getattr(line, bilingual.localized("name", code))
                          for code in bilingual.LANGUAGES},
                       position=line.position)
            for line in copy_from.lines.all()
        ]
        bulk_create_with_history(lines, BudgetLine, batch_size=500, default_user=user,
                                 default_change_reason=f"copied from {copy_from.year}")
        bump_content_version()  # bulk writes send no model signal
    return budget_year


class ImportOutdated(Exception):
    """The checked rows no longer fit (someone changed the classification meanwhile)."""

    def __init__(self, errors):
        super().__init__("import outdated")
        self.errors = errors


def import_plan(budget_year, rows):
    """What confirming these rows would do: counts of lines added, updated, removed."""
    existing = set(budget_year.lines.values_list("kind", "classification__code", "name_ky"))
    incoming = {(row["kind"], row["code"], row["name_ky"]) for row in rows}
    return {"added": len(incoming - existing), "updated": len(incoming & existing),
            "removed": len(existing - incoming)}


@transaction.atomic
def apply_import(budget_year, rows, user=None):
    """Replace the year's lines with the checked rows, all or nothing. A line with the same kind,
    code and name keeps its identity (and the proposals linked to it); lines not in the file go."""
    header = COLUMNS
    recheck = check_rows([header] + [[row.get(column, "") for column in header] for row in rows])
    if recheck.errors:
        raise ImportOutdated(recheck.errors)
    codes = dict(BudgetClassification.objects.values_list("code", "pk"))
    existing = {(line.kind, line.classification_id, line.name_ky): line
                for line in BudgetLine.objects.select_for_update().filter(budget_year=budget_year)}

    def amount(text):
        return Decimal(text) if text else None

    to_create, to_update, kept = [], [], set()
    for position, row in enumerate(recheck.rows, start=1):
        key = (row["kind"], codes[row["code"]], row["name_ky"])
        line = existing.get(key)
        if line is None:
            line = BudgetLine(budget_year=budget_year, kind=row["kind"], classification_id=key[1],
                              name_ky=row["name_ky"])
            to_create.append(line)
        else:
            kept.add(key)
            to_update.append(line)
            line.version += 1
        line.name_ru = row["name_ru"]
        line.category = row["category"]
        line.planned = amount(row["planned"])
        line.amended = amount(row["amended"])
        line.executed = amount(row["executed"])
        line.position = position
    removed = [line.pk for key, line in existing.items() if key not in kept]
    if removed:
        BudgetLine.objects.filter(pk__in=removed).delete()
    if to_update:
        bulk_update_with_history(to_update, BudgetLine,
                                 ["name_ru", "category", "planned", "amended", "executed", "position", "version"],
                                 batch_size=500, default_user=user, default_change_reason="import")
    if to_create:
        bulk_create_with_history(to_create, BudgetLine, batch_size=500, default_user=user,
                                 default_change_reason="import")
    bump_content_version()  # bulk writes send no model signal
    return {"added": len(to_create), "updated": len(to_update), "removed": len(removed)}
