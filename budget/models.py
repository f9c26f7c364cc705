"""The local budget: a year, its lines planned, amended and executed, and the budget
classification those lines follow (hierarchical, after IMF GFS 2001)."""
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.models import CouncilResolution, Publishable, PublishableQuerySet, Versioned


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


money = dict(max_digits=16, decimal_places=2, validators=[MinValueValidator(0)])


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


class BudgetYear(Publishable):
    class Stage(models.TextChoices):
        DRAFT = "draft", _("Draft")
        DISCUSSED = "discussed", _("Discussed at a hearing")
        APPROVED = "approved", _("Approved")
        AMENDED = "amended", _("Amended")
        EXECUTED = "executed", _("Executed")

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices, default=Stage.DRAFT)
    approving_resolution = models.ForeignKey(
        CouncilResolution, verbose_name=_("approving resolution"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="approved_budgets")
    execution_resolution = models.ForeignKey(
        CouncilResolution, verbose_name=_("resolution on the execution report"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="executed_budgets")
    executed_as_of = models.DateField(_("executed as of"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    objects = PublishableQuerySet.as_manager()

    class Meta:
        verbose_name = _("budget year")
        verbose_name_plural = _("budget years")
        ordering = ["-year"]

    def __str__(self):
        return str(self.year)


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

    @property
    def current_plan(self):
        """The plan in force: the amended amount once the council amended it."""
        return self.amended if self.amended is not None else self.planned
