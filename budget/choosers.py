"""Choosing budget lines among a big aimak's thousands (core.choosers): by code or name, the
year before each line. Used by a proposal's decision (one line) and a planned action (several)."""
from django.utils.translation import gettext_lazy as _

from core.choosers import ChooserField, MultipleChooserField


class BudgetLineSearch:
    def __init__(self, **kwargs):
        super().__init__(search_fields=("name", "classification__code", "classification__name_ky",
                                        "classification__name_ru"),
                         search_placeholder=_("Type a code or a few letters of the name"), **kwargs)

    def label_from_instance(self, line):
        return f"{line.budget_year.year} · {line}"


class BudgetLineChooserField(BudgetLineSearch, ChooserField):
    """One budget line."""


class BudgetLinesChooserField(BudgetLineSearch, MultipleChooserField):
    """Several budget lines."""
