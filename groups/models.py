"""Initiative groups (демилгелүү топтор / инициативные группы) and the people in them."""
import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.models import Publishable, PublishableQuerySet, Village

# Kyrgyz law "On the fundamentals of state youth policy" (2009, art. 1): youth are citizens
# aged 14 to 28.
YOUTH_MIN_AGE = 14
YOUTH_MAX_AGE = 28
# The share of women the AO aims for in every group.
WOMEN_TARGET_PERCENT = 30


class InitiativeGroup(Publishable):
    class Focus(models.TextChoices):
        WATER = "water", _("Drinking water")
        EDUCATION = "education", _("Schools and kindergartens")
        ENVIRONMENT = "environment", _("Environment and disasters")
        RULES = "rules", _("Local rules and the charter")
        BUDGET = "budget", _("Budget and planning")
        YOUTH_WOMEN = "youth_women", _("Youth and women")
        INFRASTRUCTURE = "infrastructure", _("Roads and infrastructure")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    focus = models.CharField(_("focus"), max_length=20, choices=Focus.choices, default=Focus.OTHER)
    villages = models.ManyToManyField(Village, verbose_name=_("villages"), blank=True, related_name="groups")
    purpose = models.TextField(_("purpose"))
    description = models.TextField(_("description"), blank=True)
    founded_on = models.DateField(_("founded on"))
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)
    history = HistoricalRecords()

    objects = PublishableQuerySet.as_manager()

    class Meta:
        verbose_name = _("initiative group")
        verbose_name_plural = _("initiative groups")
        ordering = ["founded_on", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.dissolved_on and self.founded_on and self.dissolved_on < self.founded_on:
            raise ValidationError({"dissolved_on": _("A group cannot be dissolved before it was founded.")})

    @property
    def is_active(self):
        return self.dissolved_on is None


class Person(models.Model):
    """A member of one or more groups. Personal data: phone and birth year are for staff only,
    and the name is public only with the person's consent."""

    class Gender(models.TextChoices):
        FEMALE = "female", _("Woman")
        MALE = "male", _("Man")

    full_name = models.CharField(_("full name"), max_length=200)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    birth_year = models.PositiveSmallIntegerField(
        _("birth year"), null=True, blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    village = models.ForeignKey(Village, verbose_name=_("village"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="people")
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    is_deputy = models.BooleanField(_("aiyl kenesh deputy"), default=False)
    is_cso_representative = models.BooleanField(_("represents a civil-society organisation"), default=False)
    cso_name = models.CharField(_("name of the organisation"), max_length=200, blank=True)
    is_community_leader = models.BooleanField(_("community leader"), default=False)
    consents_to_publish_name = models.BooleanField(_("agrees that the name is published"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["full_name"]

    def __str__(self):
        return self.full_name

    def age_in(self, year):
        return year - self.birth_year if self.birth_year else None

    def is_youth(self, year=None):
        age = self.age_in(year or datetime.date.today().year)
        return age is not None and YOUTH_MIN_AGE <= age <= YOUTH_MAX_AGE


class Membership(models.Model):
    class Role(models.TextChoices):
        LEADER = "leader", _("Leader")
        MEMBER = "member", _("Member")

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE,
                               related_name="memberships")
    group = models.ForeignKey(InitiativeGroup, verbose_name=_("group"), on_delete=models.CASCADE,
                              related_name="memberships")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["group", "-role", "person__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["person", "group"], condition=Q(left_on__isnull=True),
                                    name="one_open_membership_per_person_and_group"),
        ]

    def __str__(self):
        return f"{self.person} — {self.group}"

    def clean(self):
        if self.left_on and self.joined_on and self.left_on < self.joined_on:
            raise ValidationError({"left_on": _("A membership cannot end before it starts.")})


class GroupActivity(models.Model):
    """A dated thing a group did: took part in a hearing, surveyed the territory, drafted rules,
    worked on a project. Public when its group is published."""

    class Kind(models.TextChoices):
        HEARING = "hearing", _("Took part in a public hearing")
        SURVEY = "survey", _("Surveyed the territory")
        RULES = "rules", _("Drafted local rules")
        PROJECT = "project", _("Worked on a project")
        MEETING = "meeting", _("Meeting or training")
        OTHER = "other", _("Other")

    group = models.ForeignKey(InitiativeGroup, verbose_name=_("group"), on_delete=models.CASCADE,
                              related_name="activities")
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.OTHER)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    hearing = models.ForeignKey("hearings.Hearing", verbose_name=_("hearing"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="group_activities")
    project = models.ForeignKey("projects.Project", verbose_name=_("project"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="group_activities")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("group activity")
        verbose_name_plural = _("group activities")
        ordering = ["-date"]

    def __str__(self):
        return self.title
