"""Co-financed projects: who paid what (cash and in kind), who benefits, and how it went."""
import uuid
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Case, DecimalField, Min, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce, ExtractYear
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core import domains
from core.models import Publishable, PublishableQuerySet, Versioned, Village, visible_q


BENEFICIARY_FIELDS = ("households", "families", "women", "men", "children", "pupils")


def people_reached():
    """The people a project reached, each once, as a database expression (people).

    Women, men and children are apart from one another; pupils are children too, so they count
    only for a project that gives no women, men or children (the school bus: 85 pupils; the
    water pipe: 109 women, 155 men, 85 children and no pupils counted twice)."""
    from django.db.models import Case, Value, When

    adults_and_children = sum((Coalesce(field, Value(0)) for field in ("women", "men", "children")), Value(0))
    return adults_and_children + Case(
        When(women__isnull=True, men__isnull=True, children__isnull=True, then=Coalesce("pupils", Value(0))),
        default=Value(0))
MONEY = DecimalField(max_digits=18, decimal_places=2)
ZERO = Value(Decimal("0"), output_field=MONEY)


def cash_sum(condition=None):
    """SUM of known cash amounts in one correlated subquery per project, so that filters on
    villages or groups never multiply the rows being summed."""
    contributions = FundingContribution.objects.filter(project=OuterRef("pk")).cash()
    if condition is not None:
        contributions = contributions.filter(condition)
    total = contributions.order_by().values("project").annotate(total=Sum("amount")).values("total")
    # NULL, not 0, when no amount is known: "0 som" would claim something the records do not say.
    return Subquery(total, output_field=MONEY)


class ProjectQuerySet(PublishableQuerySet):
    def with_totals(self):
        """Each project's cash total, its local-budget and community shares: computed by the database."""
        return self.annotate(
            cash_total=cash_sum(),
            local_budget_total=cash_sum(Q(source=FundingContribution.Source.LOCAL_BUDGET)),
            community_cash_total=cash_sum(Q(source=FundingContribution.Source.COMMUNITY_CASH)),
        )

    def for_list(self):
        return self.with_totals().prefetch_related("villages", "contributions")

    def open_and_near_first(self, village_id=None):
        """Every one of these projects for a chooser: those still open (planned or under way)
        first, then those in `village_id`, the latest started first. An order, not a filter: a
        project already done can still be linked to what it carried out."""
        near = Case(When(villages=village_id, then=0), default=1) if village_id else Value(1)
        open_first = Case(When(state__in=Project.OPEN, then=0), default=1)
        return self.annotate(near_first=Min(near)).order_by(open_first, "near_first", "-started_on", "title", "pk")

    def quiet_since(self, date):
        """Projects under way with no progress update since `date`."""
        return self.filter(state=Project.State.UNDER_WAY).exclude(updates__date__gte=date)

    def summary(self):
        """Figures across these projects: cash invested, leverage of the local budget, people reached.
        Two aggregate queries, whatever the number of projects."""
        Source = FundingContribution.Source
        cash = ~Q(source__in=FundingContribution.IN_KIND)
        money = FundingContribution.objects.filter(project__in=self.values("pk")).aggregate(
            cash_total=Coalesce(Sum("amount", filter=cash), ZERO),
            local_budget=Coalesce(Sum("amount", filter=Q(source=Source.LOCAL_BUDGET)), ZERO),
            outside=Coalesce(Sum("amount", filter=cash & ~Q(source=Source.LOCAL_BUDGET)), ZERO),
            undisclosed=models.Count("pk", filter=Q(amount_undisclosed=True)),
        )
        reach = self.aggregate(
            projects=models.Count("pk"),
            done=models.Count("pk", filter=Q(state=Project.State.DONE)),
            people=Coalesce(Sum(people_reached()), 0),
            **{field: Sum(field) for field in BENEFICIARY_FIELDS},
        )
        summary = {**money, **reach}
        # Som from outside the local budget for each som of it; None when the budget gave nothing.
        summary["leverage"] = (money["outside"] / money["local_budget"]) if money["local_budget"] else None
        return summary

    def summary_by_year(self, field="finished_on"):
        """{year: figures} of these projects by the year of the date `field`: how many, how many
        done, the people reached (people_reached and each of BENEFICIARY_FIELDS) and the known cash
        invested (som, as summary()'s cash_total). One query, whatever the number of years."""
        rows = self.order_by().annotate(year=ExtractYear(field)).values("year").annotate(
            projects=models.Count("pk"),
            done=models.Count("pk", filter=Q(state=Project.State.DONE)),
            people=Coalesce(Sum(people_reached()), 0),
            cash_total=Coalesce(Sum(cash_sum()), ZERO),
            **{name: Sum(name) for name in BENEFICIARY_FIELDS},
        )
        return {row.pop("year"): row for row in rows}


class Project(Publishable, Versioned):
    class State(models.TextChoices):
        PLANNED = "planned", _("Planned")
        UNDER_WAY = "under_way", _("Under way")
        DONE = "done", _("Done")

    OPEN = (State.PLANNED, State.UNDER_WAY)

    title = models.CharField(_("title"), max_length=300)
    summary = models.CharField(_("in one sentence"), max_length=500, blank=True)
    description = models.TextField(_("what was done"), blank=True)
    villages = models.ManyToManyField(Village, verbose_name=_("villages"), blank=True, related_name="projects")
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PLANNED)
    started_on = models.DateField(_("started on"), null=True, blank=True, validators=domains.DATE)
    finished_on = models.DateField(_("finished on"), null=True, blank=True, validators=domains.DATE)
    groups = models.ManyToManyField("groups.InitiativeGroup", verbose_name=_("initiative groups"), blank=True,
                                    related_name="projects")
    result = models.TextField(_("result"), blank=True)
    # Beneficiaries: each optional, as the AO counts what fits the project.
    households = models.PositiveIntegerField(_("households"), null=True, blank=True, validators=domains.PEOPLE)
    families = models.PositiveIntegerField(_("families"), null=True, blank=True, validators=domains.PEOPLE)
    women = models.PositiveIntegerField(_("women"), null=True, blank=True, validators=domains.PEOPLE)
    men = models.PositiveIntegerField(_("men"), null=True, blank=True, validators=domains.PEOPLE)
    children = models.PositiveIntegerField(_("children"), null=True, blank=True, validators=domains.PEOPLE)
    pupils = models.PositiveIntegerField(_("pupils"), null=True, blank=True, validators=domains.PEOPLE)
    history = HistoricalRecords()

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-started_on", "title"]
        indexes = [
            # The home page's latest projects: three rows read from the newest down, not every
            # project's wide row sorted (2 000 at N=10).
            models.Index(fields=["-published_at", "-id"], name="project_newest_published"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("projects:detail", kwargs={"pk": self.pk})

    def clean(self):
        if self.started_on and self.finished_on and self.finished_on < self.started_on:
            raise ValidationError({"finished_on": _("A project cannot end before it starts.")})

    @property
    def beneficiaries(self):
        """(label, number) of the kinds of beneficiaries counted for this project."""
        return [(self._meta.get_field(field).verbose_name, getattr(self, field))
                for field in BENEFICIARY_FIELDS if getattr(self, field) is not None]

    def cash_by_source(self):
        """[(source label, total)] of known cash amounts, summed by the database."""
        labels = dict(FundingContribution.Source.choices)
        rows = (self.contributions.cash().order_by("source").values("source")
                .annotate(total=Sum("amount")).values_list("source", "total"))
        return [(labels[source], total) for source, total in rows]


class FundingContributionQuerySet(models.QuerySet):
    def cash(self):
        """Money with a known amount (in-kind work and goods, and undisclosed sums, are apart)."""
        return self.exclude(source__in=FundingContribution.IN_KIND).filter(amount__isnull=False)

    def in_kind(self):
        return self.filter(source__in=FundingContribution.IN_KIND)

    def published(self):
        return self.visible_to(None)

    def visible_to(self, user):
        """The contributions of the projects `user` may see."""
        return self.filter(visible_q(user, "project__"))


class FundingContribution(models.Model):
    class Source(models.TextChoices):
        LOCAL_BUDGET = "local_budget", _("Local budget")
        REPUBLICAN_BUDGET = "republican_budget", _("Republican budget")
        DONOR = "donor", _("Donor or international organisation")
        COMMUNITY_CASH = "community_cash", _("Parents and community, cash")
        IN_KIND_LABOUR = "in_kind_labour", _("Community labour, in kind")
        IN_KIND_MATERIALS = "in_kind_materials", _("Machinery, fuel or materials, in kind")
        CONTEST_PRIZE = "contest_prize", _("Contest prize")

    IN_KIND = (Source.IN_KIND_LABOUR, Source.IN_KIND_MATERIALS)
    # Sources that are the community's own share of a project.
    COMMUNITY = (Source.COMMUNITY_CASH, Source.IN_KIND_LABOUR)

    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.CASCADE,
                                related_name="contributions")
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    funder = models.CharField(_("who gave it"), max_length=300)
    amount = models.DecimalField(_("amount, som"), max_digits=16, decimal_places=2, null=True, blank=True,
                                 validators=[MinValueValidator(Decimal("0.01"),
                                                               message=_("An amount must be more than zero."))],
                                 help_text=_("Leave empty for work or goods in kind with no agreed value."))
    # The seed reports some money (a donor's investment, a ministry's share) without a figure: this
    # records that honestly instead of inventing an amount or pretending it was in kind.
    amount_undisclosed = models.BooleanField(
        _("amount not made public"), default=False,
        help_text=_("Tick for money whose amount the funder did not make public; leave the amount empty."))
    in_kind_description = models.CharField(_("what was given in kind"), max_length=300, blank=True)
    contest_name = models.CharField(_("contest"), max_length=300, blank=True)
    contest_year = models.PositiveSmallIntegerField(_("contest year"), null=True, blank=True, validators=domains.YEAR)
    contest_place = models.PositiveSmallIntegerField(_("place won"), null=True, blank=True,
                                                     validators=domains.ORDINAL)
    history = HistoricalRecords()

    objects = FundingContributionQuerySet.as_manager()

    class Meta:
        verbose_name = _("funding contribution")
        verbose_name_plural = _("funding contributions")
        ordering = ["project", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__isnull=True) | Q(amount__gt=0),
                                   name="contribution_amount_positive"),
        ]

    def __str__(self):
        return f"{self.get_source_display()}: {self.funder}"

    @property
    def is_in_kind(self):
        return self.source in self.IN_KIND

    def clean(self):
        errors = {}
        in_kind = self.source in self.IN_KIND
        if self.source and not in_kind and self.amount is None and not self.amount_undisclosed:
            errors["amount"] = _("A cash contribution needs its amount (or tick “amount not made public”).")
        if self.amount_undisclosed and self.amount is not None:
            errors["amount_undisclosed"] = _("Either give the amount or mark it as not made public, not both.")
        if in_kind and self.amount_undisclosed:
            errors["amount_undisclosed"] = _("For work or goods in kind without a value, just leave the amount empty.")
        if in_kind and not self.in_kind_description.strip():
            if self.amount is not None:
                # A value for work or goods must say what it pays for, or it is a made-up total.
                errors["in_kind_description"] = _(
                    "A value for work or goods in kind must be justified: say what was given and how it was valued.")
            else:
                errors["in_kind_description"] = _("Say what was given in kind.")
        if self.source == self.Source.CONTEST_PRIZE:
            if not self.contest_name.strip():
                errors["contest_name"] = _("A prize needs the contest's name and year.")
            if not self.contest_year:
                errors["contest_year"] = _("A prize needs the contest's name and year.")
            elif not domains.FIRST_YEAR <= self.contest_year <= domains.LAST_YEAR:
                errors["contest_year"] = _("Give the contest's year in full, e.g. 2014.")
            if self.amount_undisclosed:
                errors["amount_undisclosed"] = _("A contest prize needs its amount.")
        if errors:
            raise ValidationError(errors)

    @property
    def has_value(self):
        return self.amount is not None


def photo_path(instance, filename):
    """A random name: nobody can guess the address of a photo that is not (yet) public."""
    return f"projects/{uuid.uuid4().hex}.jpg"


class ProgressUpdate(models.Model):
    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.CASCADE,
                                related_name="updates")
    date = models.DateField(_("date"), validators=domains.DATE)
    text = models.TextField(_("what happened"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.date:%d.%m.%Y} {self.project}"

    def get_absolute_url(self):
        return f"{self.project.get_absolute_url()}#update-{self.pk}"

    def clean(self):
        if domains.is_future(self.date):
            raise ValidationError({"date": _("A progress update cannot be dated in the future.")})
        if self.project_id and domains.is_before(self.date, self.project.started_on):
            raise ValidationError({"date": _("A progress update cannot come before the project started (%(date)s).")
                                   % {"date": domains.dmy(self.project.started_on)}})


class ProgressPhoto(models.Model):
    update = models.ForeignKey(ProgressUpdate, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to=photo_path, width_field="width", height_field="height")
    width = models.PositiveIntegerField(null=True, editable=False)
    height = models.PositiveIntegerField(null=True, editable=False)
    caption = models.CharField(_("caption"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["pk"]

    def __str__(self):
        return self.caption or self.image.name

    def is_visible_to(self, user):
        """A photo is visible when its project is (core.uploads serves its file by this)."""
        return self.update.project.is_visible_to(user)
