"""Budget factories. The classification codes come from the data migration (budget 0002)."""
from decimal import Decimal

import factory
from django.utils import timezone

from budget.models import BudgetClassification, BudgetLine, BudgetYear


def code(value):
    return BudgetClassification.objects.get(code=value)


class BudgetYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetYear
        django_get_or_create = ["year"]

    year = factory.Sequence(lambda n: 2010 + n)
    stage = BudgetYear.Stage.APPROVED
    status = BudgetYear.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class BudgetLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetLine

    budget_year = factory.SubFactory(BudgetYearFactory)
    kind = "expenditure"
    classification = factory.LazyAttribute(lambda line: code("7092" if line.kind == "expenditure" else "11321"))
    name = factory.Sequence(lambda n: f"Сап {n} / Строка {n}")
    category = factory.LazyAttribute(lambda line: line.classification.citizen_category)
    planned = Decimal("1000.00")
