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


class ImportWouldUnlink(Exception):
    """Confirming would remove lines that proposals (or other records) point to."""

    def __init__(self, losing):
        super().__init__("import would unlink")
        self.losing = losing


def current_names(budget_year):
    """{code: {"ky": [Kyrgyz names], "ru": [Russian names] of the year's lines with that code}}:
    what tabular.check_rows compares each language's name with to notice letters lost to an
    encoding."""
    names = {}
    for code, name_ky, name_ru in budget_year.lines.values_list("classification__code", "name_ky", "name_ru"):
        languages = names.setdefault(code, {"ky": [], "ru": []})
        languages["ky"].append(name_ky or "")
        languages["ru"].append(name_ru or "")
    return names


def _links_to(lines):
    """{line pk: [str of each record pointing at it]} for every model with a foreign key to
    BudgetLine (proposals today; any app that adds one is covered), history tables aside."""
    links = {}
    pks = [line.pk for line in lines]
    if not pks:
        return links
    for relation in BudgetLine._meta.related_objects:
        model = relation.related_model
        if relation.hidden or relation.many_to_many or model.__name__.startswith("Historical"):
            continue
        field = relation.field.name
        for record in model._default_manager.filter(**{f"{field}__in": pks}).order_by("pk"):
            links.setdefault(getattr(record, f"{field}_id"), []).append(
                f"{model._meta.verbose_name} {record.pk}: {str(record)[:80]}")
    return links


def _match(existing, rows, codes):
    """Pair each checked row with the line it updates. A line is the same line when kind, code
    and Kyrgyz name agree; a line whose name changed is still the same line when it is the only one of
    its kind and code on both sides (a renamed line keeps its links). -> (pairs, removed) with
    pairs [(row, line or None)]."""
    by_key = {(line.kind, line.classification_id, line.name_ky): line for line in existing}
    pairs, unmatched, taken = [], {}, set()
    for row in rows:
        key = (row["kind"], codes[row["code"]], row["name_ky"])
        line = by_key.get(key)
        if line is not None:
            taken.add(line.pk)
        else:
            unmatched.setdefault(key[:2], []).append(len(pairs))
        pairs.append((row, line))
    left = {}
    for line in existing:
        if line.pk not in taken:
            left.setdefault((line.kind, line.classification_id), []).append(line)
    for group, indexes in unmatched.items():
        candidates = left.get(group, [])
        if len(indexes) == 1 and len(candidates) == 1:
            pairs[indexes[0]] = (pairs[indexes[0]][0], candidates.pop())
    removed = [line for lines in left.values() for line in lines]
    return pairs, removed


def import_plan(budget_year, rows):
    """What confirming these rows would do: counts of lines added, updated (renamed among them)
    and removed, and `losing`: [(line, [records that point at it])] for removed lines that
    something links to. While `losing` is not empty the import is refused."""
    codes = dict(BudgetClassification.objects.values_list("code", "pk"))
    existing = list(budget_year.lines.all())
    pairs, removed = _match(existing, rows, codes)
    links = _links_to(removed)
    updated = [line for _row, line in pairs if line is not None]
    return {"added": sum(1 for _row, line in pairs if line is None), "updated": len(updated),
            "renamed": sum(1 for row, line in pairs if line is not None and line.name_ky != row["name_ky"]),
            "removed": len(removed),
            "losing": [(line, links[line.pk]) for line in removed if line.pk in links]}


@transaction.atomic
def apply_import(budget_year, rows, user=None):
    """Replace the year's lines with the checked rows, all or nothing. Lines are matched as in
    `_match` and keep their identity (and what links to them); lines not in the file go, unless
    something links to them: then ImportWouldUnlink and nothing changes."""
    header = COLUMNS
    recheck = check_rows([header] + [[row.get(column, "") for column in header] for row in rows],
                         current_names(budget_year))
    if recheck.errors:
        raise ImportOutdated(recheck.errors)
    codes = dict(BudgetClassification.objects.values_list("code", "pk"))
    existing = list(BudgetLine.objects.select_for_update().filter(budget_year=budget_year))
    pairs, removed_lines = _match(existing, recheck.rows, codes)
    links = _links_to(removed_lines)
    if links:
        raise ImportWouldUnlink([(line, links[line.pk]) for line in removed_lines if line.pk in links])

    def amount(text):
        return Decimal(text) if text else None

    to_create, to_update = [], []
    for position, (row, line) in enumerate(pairs, start=1):
        if line is None:
            line = BudgetLine(budget_year=budget_year, kind=row["kind"], classification_id=codes[row["code"]],
                              name_ky=row["name_ky"])
            to_create.append(line)
        else:
            to_update.append(line)
            line.name_ky = row["name_ky"]
            line.version += 1
        line.name_ru = row["name_ru"]
        line.category = row["category"]
        line.planned = amount(row["planned"])
        line.amended = amount(row["amended"])
        line.executed = amount(row["executed"])
        line.position = position
    if removed_lines:
        BudgetLine.objects.filter(pk__in=[line.pk for line in removed_lines]).delete()
    if to_update:
        bulk_update_with_history(to_update, BudgetLine,
                                 ["name_ky", "name_ru", "category", "planned", "amended", "executed", "position",
                                  "version"],
                                 batch_size=500, default_user=user, default_change_reason="import")
    if to_create:
        bulk_create_with_history(to_create, BudgetLine, batch_size=500, default_user=user,
                                 default_change_reason="import")
    bump_content_version()  # bulk writes send no model signal
    return {"added": len(to_create), "updated": len(to_update), "removed": len(removed_lines)}
