"""What of the budget a citizen reads, in Kyrgyz and Russian (see core.bilingual). The
classification keeps its own name_ky/name_ru columns; the plain-words category is a choice,
translated with the interface."""
from core.bilingual import register

from .models import BudgetLine, BudgetYear

register(BudgetYear, ["notes"])
register(BudgetLine, ["name"])
