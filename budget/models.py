"""The local budget: a year, its lines planned, amended and executed, and the budget
classification those lines follow (hierarchical, after IMF GFS 2001)."""
from django.core.exceptions import ValidationError
from django.db import models
from decimal import Decimal

from django.db.models import Case, Count, DecimalField, Func, Q, Sum, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core import domains
from core.models import CouncilResolution, Publishable, PublishableQuerySet, Versioned
from core.topics import budget_categories_of


class Kind(models.TextChoices):
    REVENUE = "revenue", _("Revenue")
    EXPENDITURE = "expenditure", _("Expenditure")


class CitizenCategory(models.TextChoices):
    """Plain words for citizens: where the money comes from and where it goes."""

    OWN_REVENUE = "own_revenue", _("Own revenues: taxes and fees")
    SPECIAL_MEANS = "special_means", _("Special means")
    TRANSFERS = "transfers", _("Transfers from the republican budget")
    OTHER_REVENUE = "other_revenue", _("Other revenues")
    ADMINISTRATION = "administration", _("Running the aiyl okmotu")
    EDUCATION = "education", _("Education")
    WATER = "water", _("Drinking water")
    HOUSING = "housing", _("Streets, lighting and utilities")
    CULTURE = "culture", _("Culture, libraries and sport")
    SOCIAL = "social", _("Social protection")
    TRANSPORT = "transport", _("Roads and transport")
    ENVIRONMENT = "environment", _("Environment and disaster protection")
    AGRICULTURE = "agriculture", _("Pastures and agriculture")
    OTHER_EXPENDITURE = "other_expenditure", _("Other expenditure")


REVENUE_CATEGORIES = [CitizenCategory.OWN_REVENUE, CitizenCategory.SPECIAL_MEANS, CitizenCategory.TRANSFERS,
                      CitizenCategory.OTHER_REVENUE]
EXPENDITURE_CATEGORIES = [choice for choice in CitizenCategory if choice not in REVENUE_CATEGORIES]

money = dict(max_digits=16, decimal_places=2, validators=domains.MONEY)
ZERO = Value(0, output_field=DecimalField(max_digits=16, decimal_places=2))
CENT = Decimal("0.01")


class Money(Func):
    """A sum of money from the database, exact to the tyiyn: SQLite adds decimals as floats, so
    the result is rounded back to two places (PostgreSQL's numeric is exact already)."""

    template = "%(expressions)s"
    output_field = DecimalField(max_digits=16, decimal_places=2)

    def get_db_converters(self, connection):
        return super().get_db_converters(connection) + [self._to_cents]

    @staticmethod
    def _to_cents(value, expression, connection):
        return None if value is None else Decimal(value).quantize(CENT)


def money_sum(expression, **kwargs):
    """Sum(expression) as Decimal with two places; 0 when there is nothing to add."""
    return Money(Coalesce(Sum(expression, **kwargs), ZERO))


def money_sum_or_none(expression, **kwargs):
    return Money(Sum(expression, **kwargs))


class BudgetClassificationQuerySet(models.QuerySet):
    def sections(self):
        """{classification id: its top ancestor}, from one query: the small code table, not the lines."""
        codes = {item.pk: item for item in self.model.objects.all()}
        roots = {}
        for pk, item in codes.items():
            root, seen = item, set()
            while root.parent_id and root.parent_id in codes and root.pk not in seen:
                seen.add(root.pk)
                root = codes[root.parent_id]
            roots[pk] = root
        return roots


class BudgetClassification(models.Model):
    """A code of the Kyrgyz budget classification: category → group → subgroup → article →
    sub-article → element. Loaded by a migration, editable by staff."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    parent = models.ForeignKey("self", verbose_name=_("parent"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="children")
    name_ky = models.CharField(_("name in Kyrgyz"), max_length=300)
    name_ru = models.CharField(_("name in Russian"), max_length=300)
    name_en = models.CharField(_("name in English"), max_length=300, blank=True)
    citizen_category = models.CharField(_("category for citizens"), max_length=20,
                                        choices=CitizenCategory.choices)

    objects = BudgetClassificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("budget classification code")
        verbose_name_plural = _("budget classification")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def name(self):
        language = (get_language() or "ky")[:2]
        return {"ky": self.name_ky, "ru": self.name_ru}.get(language) or self.name_en or self.name_ru

    def clean(self):
        errors = {}
        if self.parent_id:
            if self.parent.kind != self.kind:
                errors["parent"] = _("The parent code must be on the same side of the budget.")
            ancestor, steps = self.parent, 0
            while ancestor is not None and steps < 20:
                if self.pk and ancestor.pk == self.pk:
                    errors["parent"] = _("A code cannot be its own ancestor.")
                    break
                ancestor, steps = ancestor.parent, steps + 1
        if self.citizen_category and self.kind:
            allowed = REVENUE_CATEGORIES if self.kind == Kind.REVENUE else EXPENDITURE_CATEGORIES
            if self.citizen_category not in allowed:
                errors["citizen_category"] = _("This category belongs to the other side of the budget.")
        if errors:
            raise ValidationError(errors)


class BudgetYearQuerySet(PublishableQuerySet):
    def with_totals(self):
        """Each year with its revenue and expenditure in force (amended, else planned), and executed."""
        plan = Coalesce("lines__amended", "lines__planned")
        revenue, expenditure = Q(lines__kind=Kind.REVENUE), Q(lines__kind=Kind.EXPENDITURE)
        return self.annotate(
            revenue_total=money_sum(plan, filter=revenue),
            expenditure_total=money_sum(plan, filter=expenditure),
            revenue_executed=money_sum_or_none("lines__executed", filter=revenue),
            expenditure_executed=money_sum_or_none("lines__executed", filter=expenditure),
            line_count=Count("lines"),
        )

    def latest_published(self):
        return self.published().order_by("-year").first()


class BudgetYear(Publishable):
    class Stage(models.TextChoices):
        # Own words, not "Approved"/"Executed": those also head columns and translate differently.
        DRAFT = "draft", _("Being drafted")
        DISCUSSED = "discussed", _("Discussed at a hearing")
        APPROVED = "approved", _("Approved by the aiyl kenesh")
        AMENDED = "amended", _("Amended by the aiyl kenesh")
        EXECUTED = "executed", _("Year closed, execution reported")

    year = models.PositiveSmallIntegerField(_("year"), unique=True, validators=domains.YEAR)
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices, default=Stage.DRAFT)
    approving_resolution = models.ForeignKey(
        CouncilResolution, verbose_name=_("approving resolution"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="approved_budgets")
    execution_resolution = models.ForeignKey(
        CouncilResolution, verbose_name=_("resolution on the execution report"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="executed_budgets")
    executed_as_of = models.DateField(_("executed as of"), null=True, blank=True, validators=domains.DATE)
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    objects = BudgetYearQuerySet.as_manager()

    class Meta:
        verbose_name = _("budget year")
        verbose_name_plural = _("budget years")
        ordering = ["-year"]

    def __str__(self):
        return str(self.year)

    def get_absolute_url(self):
        return reverse("budget:year", args=[self.year])

    @property
    def is_approved(self):
        """Whether the aiyl kenesh has approved the budget: the stage says so (approved, amended or
        executed), whether or not its resolution is recorded yet."""
        return self.stage in (self.Stage.APPROVED, self.Stage.AMENDED, self.Stage.EXECUTED)

    def clean(self):
        # Execution is reported as of a day of the year itself (or its last day), never ahead.
        if self.executed_as_of and self.year and self.executed_as_of.year < self.year:
            raise ValidationError({"executed_as_of": _("Execution cannot be reported before the year %(year)s starts.")
                                   % {"year": self.year}})
        if domains.is_future(self.executed_as_of):
            raise ValidationError({"executed_as_of": _("Execution cannot be reported as of a day in the future.")})

    def previous_published(self):
        return BudgetYear.objects.published().filter(year__lt=self.year).order_by("-year").first()


class BudgetLineQuerySet(models.QuerySet):
    def plan_in_force(self):
        return Coalesce("amended", "planned")

    def on_topic_first(self, topic, *then):
        """These lines, those whose plain-words category may pay for `topic` (core.topics) first,
        then by `then`: a topic orders what a chooser offers, it leaves no line out (a search by
        code or name finds the others)."""
        categories = budget_categories_of(topic) if topic else []
        on_topic = [Case(When(category__in=categories, then=0), default=1)] if categories else []
        return self.order_by(*on_topic, *then)

    def published(self):
        """Lines of published budget years only: a draft year's lines never reach a citizen."""
        return self.filter(budget_year__status=Publishable.Status.PUBLISHED)

    def totals(self):
        """Revenue and expenditure planned, in force and executed: one query."""
        plan = Coalesce("amended", "planned")
        result = {}
        for kind in Kind:
            only = Q(kind=kind)
            result.update({
                f"{kind}_planned": money_sum("planned", filter=only),
                f"{kind}_plan": money_sum(plan, filter=only),
                f"{kind}_executed": money_sum("executed", filter=only),
                f"{kind}_has_execution": Count("executed", filter=only),
            })
        return self.aggregate(**result)

    def by_category(self):
        """Rows of (kind, category, plan in force, executed), largest first: one query."""
        return (self.order_by().values("kind", "category")
                .annotate(has_execution=Count("executed"),
                          plan=money_sum(Coalesce("amended", "planned")),
                          executed=money_sum("executed"))
                .order_by("kind", "-plan", "category"))

    def by_classification(self):
        """{classification id: (plan in force, executed)}: one query."""
        rows = (self.order_by().values("classification_id")
                .annotate(plan=money_sum(Coalesce("amended", "planned")),
                          executed=money_sum("executed")))
        return {row["classification_id"]: (row["plan"], row["executed"]) for row in rows}


class BudgetLine(Versioned):
    budget_year = models.ForeignKey(BudgetYear, verbose_name=_("budget year"), on_delete=models.CASCADE,
                                    related_name="lines")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    classification = models.ForeignKey(BudgetClassification, verbose_name=_("classification code"),
                                       on_delete=models.PROTECT, related_name="lines")
    name = models.CharField(_("name"), max_length=300)
    category = models.CharField(_("category for citizens"), max_length=20, choices=CitizenCategory.choices)
    planned = models.DecimalField(_("planned, som"), **money)
    amended = models.DecimalField(_("amended, som"), null=True, blank=True, **money)
    executed = models.DecimalField(_("executed, som"), null=True, blank=True, **money)
    position = models.PositiveIntegerField(_("position"), default=0)
    history = HistoricalRecords()

    objects = BudgetLineQuerySet.as_manager()

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["budget_year", "kind", "position", "classification__code", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["budget_year", "kind", "classification", "name"],
                                    name="unique_budget_line"),
        ]

    def __str__(self):
        return f"{self.classification.code} {self.name}"

    def clean(self):
        if self.classification_id and self.kind and self.classification.kind != self.kind:
            raise ValidationError({"classification": _("This code belongs to the other side of the budget.")})
        if self.category and self.kind:
            allowed = REVENUE_CATEGORIES if self.kind == Kind.REVENUE else EXPENDITURE_CATEGORIES
            if self.category not in allowed:
                raise ValidationError({"category": _("This category belongs to the other side of the budget.")})

    @property
    def current_plan(self):
        """The plan in force: the amended amount once the council amended it."""
        return self.amended if self.amended is not None else self.planned
