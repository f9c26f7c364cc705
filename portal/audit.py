"""The audit trail staff read: who changed what and when, from simple-history's tables.

Every model with `history = HistoricalRecords()` has one. A page of history rows is read in
one query (the user joined) plus the row just before the page, so each row can be diffed
against its predecessor without further queries."""
from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _

KIND_LABELS = {
    "+": _("created"),
    "~": _("changed"),
    "-": _("deleted"),
    "published": _("published"),
    "unpublished": _("unpublished"),
}

# The recent-changes page merges the latest rows of these tables.
RECENT_MODELS = [
    "groups.InitiativeGroup", "groups.Membership", "groups.GroupActivity",
    "hearings.Hearing", "hearings.Proposal", "hearings.DevelopmentProgramme",
    "budget.BudgetYear", "budget.BudgetLine",
    "projects.Project", "projects.FundingContribution", "projects.ProgressUpdate",
    "core.CouncilResolution",
]
RECENT_LIMIT = 100


def history_model(label):
    """The model named 'app_label.Model' if it keeps history, else None."""
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        return None
    if not hasattr(model._meta, "simple_history_manager_attribute"):
        return None
    return model


def model_label(model):
    return f"{model._meta.app_label}.{model.__name__}"


@dataclass
class Change:
    name: str
    old: object
    new: object


@dataclass
class Entry:
    record: object
    kind: str
    kind_label: str
    reason: str = ""
    changes: list = field(default_factory=list)

    @property
    def date(self):
        return self.record.history_date

    @property
    def user(self):
        return self.record.history_user


def _show(model, name, value):
    """A stored value as a person reads it: choice labels, empty marked, long text cut."""
    if value is None or value == "":
        return "—"
    try:
        model_field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return value
    if model_field.choices:
        return dict(model_field.flatchoices).get(value, value)
    if model_field.is_relation:
        return f"#{value}"
    text = str(value)
    return text if len(text) <= 300 else text[:300] + "…"


def _verbose(model, name):
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def describe(record, previous, model):
    reason = record.history_change_reason or ""
    kind = reason if reason in ("published", "unpublished") else record.history_type
    entry = Entry(record=record, kind=kind, kind_label=str(KIND_LABELS.get(kind, kind)),
                  reason="" if kind == reason else reason)
    if previous is not None and record.history_type == "~":
        delta = record.diff_against(previous)
        entry.changes = [Change(_verbose(model, c.field), _show(model, c.field, c.old), _show(model, c.field, c.new))
                         for c in delta.changes]
    return entry


def object_history(model, pk, offset, limit):
    """Entries offset..offset+limit of one object's history, newest first."""
    rows = list(model.history.filter(id=pk).select_related("history_user")
                .order_by("-history_date", "-history_id")[offset:offset + limit + 1])
    entries = []
    for index, record in enumerate(rows[:limit]):
        previous = rows[index + 1] if index + 1 < len(rows) else None
        entries.append(describe(record, previous, model))
    return entries


def history_count(model, pk):
    return model.history.filter(id=pk).count()


def record_title(record):
    """A short name for a history row read from its own columns (str() may follow foreign keys)."""
    for name in ("title", "topic", "name", "full_name", "text", "funder", "year"):
        value = getattr(record, name, None)
        if value not in (None, ""):
            return str(value)[:80]
    return f"#{record.id}"


def recent_changes(limit=RECENT_LIMIT):
    """The latest `limit` history rows across the main public models: the latest `limit` of
    each table, merged. Bounded: one query per table, no diffs."""
    rows = []
    for label in RECENT_MODELS:
        model = history_model(label)
        if model is None:
            continue
        for record in model.history.select_related("history_user").order_by("-history_date")[:limit]:
            reason = record.history_change_reason or ""
            kind = reason if reason in ("published", "unpublished") else record.history_type
            rows.append({"record": record, "model": model, "label": label,
                         "model_name": model._meta.verbose_name, "pk": record.id,
                         "kind_label": KIND_LABELS.get(kind, kind), "title": record_title(record)})
    rows.sort(key=lambda row: row["record"].history_date, reverse=True)
    return rows[:limit]
