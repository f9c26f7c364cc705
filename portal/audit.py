"""The audit trail staff read: who changed what and when, from simple-history's tables.

Every model with `history = HistoricalRecords()` has one. A page of history rows is read in
one query (the user joined) plus the row just before the page, so each row can be diffed
against its predecessor without further queries."""
import inspect
from dataclasses import dataclass, field
from functools import lru_cache

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db import connection
from django.db.models import F, TextField, Value
from django.db.models.functions import Cast, Coalesce, NullIf
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.cache import is_content_app
from core.changes import aware

KIND_LABELS = {
    "+": _("created"),
    "~": _("changed"),
    "-": _("deleted"),
    "published": _("published"),
    "unpublished": _("unpublished"),
}

# The recent-changes page lists the latest rows of every history table (recent_models).
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


def _compared_fields(record, model):
    """The fields whose changes a history entry lists: simple-history's tracked fields plus the
    language columns modeltranslation adds to the model and core.bilingual to its history
    (title_ky, title_ru …), which simple-history's own list predates."""
    tracked = {field.name for field in record.tracked_fields if field.editable}
    in_history = {field.name for field in record._meta.concrete_fields}
    in_model = {field.name for field in model._meta.concrete_fields if field.editable}
    return tracked | (in_model & in_history)


def describe(record, previous, model):
    reason = record.history_change_reason or ""
    kind = reason if reason in ("published", "unpublished") else record.history_type
    entry = Entry(record=record, kind=kind, kind_label=str(KIND_LABELS.get(kind, kind)),
                  reason="" if kind == reason else reason)
    if previous is not None and record.history_type == "~":
        delta = record.diff_against(previous, included_fields=_compared_fields(record, model))
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


# The columns a history row is named by, in this order (see recent_changes).
TITLE_FIELDS = ("title", "topic", "name", "full_name", "text", "what", "funder", "year")


def _title_columns(history, language):
    """The columns of a history table that may name its row, in the order tried: a translated
    field's column in the reader's language first, then Kyrgyz, Russian, and the untranslated
    column (which modeltranslation leaves as it was first written). A column of choices (a
    proposal's topic: "water") is a code, not a name."""
    columns = {column.attname for column in history._meta.concrete_fields if not column.choices}
    ordered = [f"{name}_{suffix}" if suffix else name
               for name in TITLE_FIELDS for suffix in (language, "ky", "ru", "")]
    return [column for column in dict.fromkeys(ordered) if column in columns]


def recent_models():
    """Every model of the project's own apps that keeps a history (and is named by an integer
    id, as the history pages' addresses are): a new app's history is listed without a change here."""
    return [model for model in apps.get_models()
            if is_content_app(model._meta.app_label) and hasattr(model._meta, "simple_history_manager_attribute")
            and model._meta.pk.get_internal_type() in ("AutoField", "BigAutoField", "IntegerField",
                                                       "BigIntegerField", "PositiveIntegerField")]


def _historical(model):
    # The descriptor itself: `model.history` would build a manager class (~1 ms) each time.
    return inspect.getattr_static(model, model._meta.simple_history_manager_attribute).model


# Aliases of our own: a history table may have a column named "title" or "kind".
_RECENT_COLUMNS = ("recent_kind", "recent_id", "history_date", "history_type", "history_change_reason",
                   "history_user_id", "recent_title")


@lru_cache(maxsize=None)
def _recent_sql(models, language, limit):
    """One SELECT of the latest `limit` rows across the history tables of `models`: each table's
    latest `limit` (its history_date index), merged. `recent_kind` is the model's index in `models`."""
    branches, params = [], []
    columns_sql = ", ".join(connection.ops.quote_name(column) for column in _RECENT_COLUMNS)
    for index, model in enumerate(models):
        history = _historical(model)
        names = [NullIf(Cast(column, TextField()), Value("")) for column in _title_columns(history, language)]
        title = Coalesce(*names, Value(""), output_field=TextField()) if names else Value("", TextField())
        rows = (history._default_manager.order_by("-history_date", "-history_id")
                .values("history_date", "history_type", "history_change_reason", "history_user_id",
                        recent_kind=Value(index), recent_id=F(model._meta.pk.attname),
                        recent_title=title)[:limit])
        sql, branch_params = rows.query.sql_with_params()
        branches.append(f"SELECT {columns_sql} FROM ({sql}) b{index}")
        params.extend(branch_params)
    sql = (f"SELECT {columns_sql} FROM ({' UNION ALL '.join(branches)}) recent "
           f"ORDER BY {connection.ops.quote_name('history_date')} DESC LIMIT {int(limit)}")
    return sql, tuple(params)


def recent_changes(limit=RECENT_LIMIT):
    """The latest `limit` history rows across every model that keeps one (recent_models), newest
    first, as dicts: date, user (or None), kind_label, model_name, label, pk, title. Two queries
    however many models: one UNION of the history tables (each read through its date index), one
    for the people who made the changes. No diffs."""
    models = tuple(recent_models())
    if not models:
        return []
    sql, params = _recent_sql(models, (get_language() or "ky")[:2], limit)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = [dict(zip(_RECENT_COLUMNS, row)) for row in cursor.fetchall()]
    users = get_user_model()._default_manager.in_bulk({row["history_user_id"] for row in found} - {None})
    rows = []
    for row in found:
        model = models[row["recent_kind"]]
        reason = row["history_change_reason"] or ""
        kind = reason if reason in ("published", "unpublished") else row["history_type"]
        rows.append({"date": aware(row["history_date"]), "user": users.get(row["history_user_id"]),
                     "kind_label": KIND_LABELS.get(kind, kind), "model_name": model._meta.verbose_name,
                     "label": model_label(model), "pk": row["recent_id"],
                     "title": (row["recent_title"] or f"#{row['recent_id']}")[:80]})
    return rows
