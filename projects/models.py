"""Co-financed projects: who paid what (cash and in kind), who benefits, and how it went."""
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.models import Publishable, PublishableQuerySet, Versioned, Village


class Project(Publishable, Versioned):
    class State(models.TextChoices):
        PLANNED = "planned", _("Planned")
        UNDER_WAY = "under_way", _("Under way")
        DONE = "done", _("Done")

    title = models.CharField(_("title"), max_length=300)
    summary = models.CharField(_("in one sentence"), max_length=500, blank=True)
    description = models.TextField(_("what was done"), blank=True)
    villages = models.ManyToManyField(Village, verbose_name=_("villages"), blank=True, related_name="projects")
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PLANNED)
    started_on = models.DateField(_("started on"), null=True, blank=True)
    finished_on = models.DateField(_("finished on"), null=True, blank=True)
    groups = models.ManyToManyField("groups.InitiativeGroup", verbose_name=_("initiative groups"), blank=True,
                                    related_name="projects")
    result = models.TextField(_("result"), blank=True)
    # Beneficiaries: each optional, as the AO counts what fits the project.
    households = models.PositiveIntegerField(_("households"), null=True, blank=True)
    families = models.PositiveIntegerField(_("families"), null=True, blank=True)
    women = models.PositiveIntegerField(_("women"), null=True, blank=True)
    men = models.PositiveIntegerField(_("men"), null=True, blank=True)
    children = models.PositiveIntegerField(_("children"), null=True, blank=True)
    pupils = models.PositiveIntegerField(_("pupils"), null=True, blank=True)
    history = HistoricalRecords()

    objects = PublishableQuerySet.as_manager()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-started_on", "title"]

    def __str__(self):
        return self.title

    def clean(self):
        if self.started_on and self.finished_on and self.finished_on < self.started_on:
            raise ValidationError({"finished_on": _("A project cannot end before it starts.")})


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
                                 validators=[MinValueValidator(0)],
                                 help_text=_("Leave empty for work or goods in kind with no agreed value."))
    in_kind_description = models.CharField(_("what was given in kind"), max_length=300, blank=True)
    contest_name = models.CharField(_("contest"), max_length=300, blank=True)
    contest_year = models.PositiveSmallIntegerField(_("contest year"), null=True, blank=True)
    contest_place = models.PositiveSmallIntegerField(_("place won"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("funding contribution")
        verbose_name_plural = _("funding contributions")
        ordering = ["project", "pk"]

    def __str__(self):
        return f"{self.get_source_display()}: {self.funder}"

    @property
    def is_in_kind(self):
        return self.source in self.IN_KIND

    def clean(self):
        errors = {}
        if self.source and self.source not in self.IN_KIND and self.amount is None:
            errors["amount"] = _("A cash contribution needs its amount.")
        if self.source in self.IN_KIND and not self.in_kind_description.strip():
            errors["in_kind_description"] = _("Say what was given in kind.")
        if self.source == self.Source.CONTEST_PRIZE and not (self.contest_name.strip() and self.contest_year):
            errors["contest_name"] = _("A prize needs the contest's name and year.")
        if errors:
            raise ValidationError(errors)


class ProgressUpdate(models.Model):
    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.CASCADE,
                                related_name="updates")
    date = models.DateField(_("date"))
    text = models.TextField(_("what happened"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.date:%d.%m.%Y} {self.project}"


class ProgressPhoto(models.Model):
    update = models.ForeignKey(ProgressUpdate, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to="projects/%Y/", width_field="width", height_field="height")
    width = models.PositiveIntegerField(null=True, editable=False)
    height = models.PositiveIntegerField(null=True, editable=False)
    caption = models.CharField(_("caption"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["pk"]

    def __str__(self):
        return self.caption or self.image.name
