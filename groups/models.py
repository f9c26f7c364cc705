"""Initiative groups (демилгелүү топтор / инициативные группы) and the people in them."""
import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core import domains, roles
from core.models import Publishable, PublishableQuerySet, Village, visible_q

# Kyrgyz law "On the fundamentals of state youth policy" (2009, art. 1): youth are citizens
# aged 14 to 28.
YOUTH_MIN_AGE = 14
YOUTH_MAX_AGE = 28
# The share of women the AO aims for in every group: "not less than 30 %", the quota of the Law
# of the Kyrgyz Republic "On state guarantees of equal rights and equal opportunities for men
# and women" (2008) and the electoral law. So exactly 30 % meets it: see women_target_met.
WOMEN_TARGET_PERCENT = 30


def women_target_met(women, total):
    """True when `women` of `total` people (counts) is at least WOMEN_TARGET_PERCENT: exactly 30 %
    meets it. Compared in whole numbers, not through a rounded share (29.96 % is not 30 %).
    False when there is nobody to count. The one definition the figures page, the register
    and the annual report use."""
    if not total:
        return False
    return (women or 0) * 100 >= WOMEN_TARGET_PERCENT * total
# The year the AO began to work with initiative groups: the figures start there.
FIRST_GROUP_YEAR = 2014
# People younger than this are not recorded as members (and a birth year after
# "this year minus MIN_MEMBER_AGE" is a typing error).
MIN_MEMBER_AGE = 10
EARLIEST_BIRTH_YEAR = 1900


def name_key(name):
    """A person's or a group's name as compared for duplicates and search: case and spaces
    folded in Python, because SQLite folds the case of Latin letters only (not Cyrillic)."""
    return " ".join((name or "").split()).casefold()


def youth_birth_years(year=None):
    """The birth years of people who are youth (14–28) in `year` (this year by default)."""
    year = year or datetime.date.today().year
    return year - YOUTH_MAX_AGE, year - YOUTH_MIN_AGE


def validate_birth_year(year):
    """A birth year from 1900 to ten years ago: anything else is a typing error."""
    latest = datetime.date.today().year - MIN_MEMBER_AGE
    if year is not None and not EARLIEST_BIRTH_YEAR <= year <= latest:
        raise ValidationError(
            _("The birth year must be between %(earliest)s and %(latest)s."),
            code="birth_year_range", params={"earliest": EARLIEST_BIRTH_YEAR, "latest": latest},
        )


class InitiativeGroupQuerySet(PublishableQuerySet):
    def active(self):
        return self.filter(dissolved_on__isnull=True)

    def dissolved(self):
        return self.filter(dissolved_on__isnull=False)

    def search(self, text):
        key = name_key(text)
        return self.filter(name_key__contains=key) if key else self

    def with_member_counts(self, year=None):
        """Each group's current (open) members, women, youth, deputies…, counted by the database."""
        first, last = youth_birth_years(year)
        current = Q(memberships__left_on__isnull=True)
        person = "memberships__person__"

        def count(extra=None):
            return Count("memberships", filter=current & extra if extra is not None else current, distinct=True)

        return self.annotate(
            member_count=count(),
            women_count=count(Q(**{f"{person}gender": Person.Gender.FEMALE})),
            youth_count=count(Q(**{f"{person}birth_year__gte": first, f"{person}birth_year__lte": last})),
            deputy_count=count(Q(**{f"{person}is_deputy": True})),
            cso_count=count(Q(**{f"{person}is_cso_representative": True})),
            leader_count=count(Q(**{f"{person}is_community_leader": True})),
            named_count=count(Q(**{f"{person}consents_to_publish_name": True})),
        )

    def active_per_year(self, first_year=FIRST_GROUP_YEAR, last_year=None):
        """[(year, groups active in it)]: founded on or before the year and not dissolved before
        it began. One aggregate query for all the years."""
        last_year = last_year or datetime.date.today().year
        years = range(first_year, last_year + 1)
        totals = self.aggregate(**{
            f"y{year}": Count("pk", filter=Q(founded_on__lte=datetime.date(year, 12, 31)) & (
                Q(dissolved_on__isnull=True) | Q(dissolved_on__gte=datetime.date(year, 1, 1))))
            for year in years
        }) if years else {}
        return [(year, totals[f"y{year}"]) for year in years]


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
    name_key = models.CharField(max_length=200, editable=False, db_index=True, default="")
    focus = models.CharField(_("focus"), max_length=20, choices=Focus.choices, default=Focus.OTHER)
    villages = models.ManyToManyField(Village, verbose_name=_("villages"), blank=True, related_name="groups")
    purpose = models.TextField(_("purpose"))
    description = models.TextField(_("description"), blank=True)
    founded_on = models.DateField(_("founded on"), validators=domains.DATE)
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True, validators=domains.DATE)
    history = HistoricalRecords()

    objects = InitiativeGroupQuerySet.as_manager()

    class Meta:
        verbose_name = _("initiative group")
        verbose_name_plural = _("initiative groups")
        ordering = ["founded_on", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        if domains.is_future(self.founded_on):
            errors["founded_on"] = _("A group cannot be founded in the future.")
        if domains.is_before(self.dissolved_on, self.founded_on):
            errors["dissolved_on"] = _("A group cannot be dissolved before it was founded.")
        elif domains.is_future(self.dissolved_on):
            errors["dissolved_on"] = _("A group cannot be dissolved in the future.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.name_key = name_key(self.name)
        if kwargs.get("update_fields") is not None and "name" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "name_key"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("groups:detail", args=[self.pk])

    def get_staff_url(self):
        return reverse("groups:staff_detail", args=[self.pk])

    @property
    def is_active(self):
        return self.dissolved_on is None


class PersonQuerySet(models.QuerySet):
    def same_as(self, full_name, birth_year):
        """People who look like the one described: same name (any case), same birth year.
        Without a birth year, anybody with that name is a possible duplicate."""
        people = self.filter(name_key=name_key(full_name))
        if birth_year:
            people = people.filter(Q(birth_year=birth_year) | Q(birth_year__isnull=True))
        return people

    def public_members(self):
        """People with an open membership in a published group: those the public figures count."""
        return self.filter(Exists(Membership.objects.open().filter(visible_q(None, "group__"), person=OuterRef("pk"))))

    def figures(self, year=None):
        """Totals of these people by gender, age and role, in one aggregate query."""
        first, last = youth_birth_years(year)
        return self.aggregate(
            total=Count("pk"),
            women=Count("pk", filter=Q(gender=Person.Gender.FEMALE)),
            men=Count("pk", filter=Q(gender=Person.Gender.MALE)),
            youth=Count("pk", filter=Q(birth_year__gte=first, birth_year__lte=last)),
            with_birth_year=Count("pk", filter=Q(birth_year__isnull=False)),
            deputies=Count("pk", filter=Q(is_deputy=True)),
            cso=Count("pk", filter=Q(is_cso_representative=True)),
            leaders=Count("pk", filter=Q(is_community_leader=True)),
            named=Count("pk", filter=Q(consents_to_publish_name=True)),
        )


class Person(models.Model):
    """A member of one or more groups. Personal data: phone and birth year are for staff only,
    and the name is public only with the person's consent."""

    class Gender(models.TextChoices):
        FEMALE = "female", _("Woman")
        MALE = "male", _("Man")

    full_name = models.CharField(_("full name"), max_length=200)
    name_key = models.CharField(max_length=200, editable=False, db_index=True, default="")
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    birth_year = models.PositiveSmallIntegerField(
        _("birth year"), null=True, blank=True,
        validators=[validate_birth_year],
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

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["full_name"]

    def __str__(self):
        return self.full_name

    def name_is_visible_to(self, user):
        """Whether `user` may read this person's name (MembershipQuerySet.named_for, one by one)."""
        return self.consents_to_publish_name or roles.can_print_pack(user)

    def save(self, *args, **kwargs):
        self.name_key = name_key(self.full_name)
        if kwargs.get("update_fields") is not None and "full_name" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "name_key"}
        super().save(*args, **kwargs)

    def age_in(self, year):
        return year - self.birth_year if self.birth_year else None

    def is_youth(self, year=None):
        age = self.age_in(year or datetime.date.today().year)
        return age is not None and YOUTH_MIN_AGE <= age <= YOUTH_MAX_AGE


class MembershipQuerySet(models.QuerySet):
    def open(self):
        return self.filter(left_on__isnull=True)

    def closed(self):
        return self.filter(left_on__isnull=False)

    def named_for(self, user):
        """The memberships whose member's name `user` may read: the privacy rule of names, in
        one place (Person.name_is_visible_to). Staff and deputies, who print council packs, read
        every name (never phones); everybody else only the names of people who consented."""
        if roles.can_print_pack(user):
            return self.all()
        return self.filter(person__consents_to_publish_name=True)


class Membership(models.Model):
    class Role(models.TextChoices):
        LEADER = "leader", _("Leader")
        MEMBER = "member", _("Member")

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE,
                               related_name="memberships")
    group = models.ForeignKey(InitiativeGroup, verbose_name=_("group"), on_delete=models.CASCADE,
                              related_name="memberships")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    joined_on = models.DateField(_("joined on"), validators=domains.DATE)
    left_on = models.DateField(_("left on"), null=True, blank=True, validators=domains.DATE)
    history = HistoricalRecords()

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["group", "role", "person__full_name"]  # leaders first
        constraints = [
            models.UniqueConstraint(fields=["person", "group"], condition=Q(left_on__isnull=True),
                                    name="one_open_membership_per_person_and_group"),
        ]

    def __str__(self):
        return f"{self.person} — {self.group}"

    def clean(self):
        errors = {}
        if self.group_id and domains.is_before(self.joined_on, self.group.founded_on):
            errors["joined_on"] = _("A person cannot join before the group was founded (%(date)s).") % {
                "date": domains.dmy(self.group.founded_on)}
        if domains.is_before(self.left_on, self.joined_on):
            errors["left_on"] = _("A membership cannot end before it starts.")
        if errors:
            raise ValidationError(errors)


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
    date = models.DateField(_("date"), validators=domains.DATE)
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

    def clean(self):
        if self.group_id and domains.is_before(self.date, self.group.founded_on):
            raise ValidationError({"date": _("An activity cannot come before the group was founded (%(date)s).") % {
                "date": domains.dmy(self.group.founded_on)}})

    def public_link(self, linked):
        """The page of a linked hearing or project, when a citizen may see it."""
        if linked is None or not linked.is_visible_to(None):
            return None
        return linked.get_absolute_url()

    @property
    def hearing_url(self):
        return self.public_link(self.hearing)

    @property
    def project_url(self):
        return self.public_link(self.project)
