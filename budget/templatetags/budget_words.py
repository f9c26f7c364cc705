"""The words staff know for the codes an import file carries ("own_revenue" -> "Own revenues:
taxes and fees"), for the import preview. A code the budget does not know is shown as it is."""
from django import template

from budget.models import CitizenCategory, Kind

register = template.Library()


@register.filter
def kind_label(code):
    """'revenue' -> 'Revenue' in the reader's language."""
    return dict(Kind.choices).get(code, code)


@register.filter
def category_label(code):
    """'education' -> 'Education' in the reader's language; '' stays ''."""
    return dict(CitizenCategory.choices).get(code, code)
