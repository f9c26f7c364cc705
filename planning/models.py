"""Planning with the community: the joint study of needs (ky «жамааттын муктаждыктарын
биргелешип изилдөө», ru «совместное изучение нужд сообщества», СИНС), the problems it found and
how each group ranked them, and the joint action plan (ky «биргелешкен аракеттер планы», БАП;
ru «план совместных действий», ПСД) whose actions answer them.

A need is public when its study is published; an action when its plan is published.
"""
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core import domains
from core.topics import Topic
from planning import rules
from core.models import CouncilResolution, Publishable, PublishableQuerySet, Versioned, Village
from projects.models import FundingContribution

PUBLISHED = Publishable.Status.PUBLISHED


class NeedsStudy(Publishable, Versioned):
    """One joint study of needs: who took part, how it was done, what it found (its needs)."""

    class Method(models.TextChoices):
        GATHERING = "gathering", _("Village gathering")
        SURVEY = "survey", _("Household survey")
        FOCUS_GROUPS = "focus_groups", _("Focus groups of women, youth, elders")
        WALK = "walk", _("Walk through the territory")
        PROBLEM_TREE = "problem_tree", _("Problem tree")

    title = models.CharField(_("title"), max_length=300)
    villages = models.ManyToManyField(Village, verbose_name=_("villages covered"), blank=True,
                                      related_name="needs_studies",
                                      help_text=_("Leave empty when the study covered the whole aimak."))
    started_on = models.DateField(_("started on"), validators=domains.DATE)
    finished_on = models.DateField(_("finished on"), validators=domains.DATE)
    methods = models.CharField(_("methods"), max_length=200, blank=True)  # comma-separated Method values
    methods_text = models.TextField(_("how the study was done"), blank=True)
    run_by = models.CharField(_("who ran it"), max_length=300, blank=True,
                              help_text=_("AO staff, initiative groups, a partner project."))
    participants_total = models.PositiveIntegerField(_("participants"), null=True, blank=True,
                                                     validators=domains.PEOPLE)
    participants_women = models.PositiveIntegerField(_("women"), null=True, blank=True,
                                                     validators=domains.PEOPLE)
    participants_men = models.PositiveIntegerField(_("men"), null=True, blank=True,
                                                   validators=domains.PEOPLE)
    participants_youth = models.PositiveIntegerField(_("youth"), null=True, blank=True,
                                                     validators=domains.PEOPLE)
    households_surveyed = models.PositiveIntegerField(_("households surveyed"), null=True, blank=True,
                                                      validators=domains.PEOPLE)
    summary = models.TextField(_("summary in plain words"), blank=True)
    figures_are_demo = models.BooleanField(_("figures are a demonstration"), default=False, editable=False)
    # history: registered in planning/translation.py, after the translated fields exist

    objects = PublishableQuerySet.as_manager()

    class Meta:
        verbose_name = _("joint study of needs")
        verbose_name_plural = _("joint studies of needs")
        ordering = ["-finished_on", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("planning:study", args=[self.pk])

    @property
    def period(self):
        """(first day, last day): what the lists of studies and plans show."""
        return self.started_on, self.finished_on

    @property
    def method_labels(self):
        labels = dict(self.Method.choices)
        return [labels[key] for key in self.method_list if key in labels]

    @property
    def method_list(self):
        return [key for key in self.methods.split(",") if key]

    def clean(self):
        errors = rules.attendance_errors(self.participants_total, self.participants_women, self.participants_men,
                                         self.participants_youth)
        if self.started_on and self.finished_on and self.finished_on < self.started_on:
            errors["finished_on"] = _("A study cannot end before it starts.")
        elif domains.is_future(self.finished_on):
            errors["finished_on"] = _("A study cannot be finished in the future.")
        if errors:
            raise ValidationError(errors)


class StudyGroup(models.Model):
    """A group that ranked the problems (women, men, youth, elders…) and how many took part in it."""

    study = models.ForeignKey(NeedsStudy, verbose_name=_("study"), on_delete=models.CASCADE,
                              related_name="groups")
    name = models.CharField(_("group"), max_length=100)
    participants = models.PositiveIntegerField(_("participants"), null=True, blank=True, validators=domains.PEOPLE,
                                               help_text=_("How many people of this group ranked the problems."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # history: registered in planning/translation.py, after the translated fields exist

    class Meta:
        verbose_name = _("ranking group")
        verbose_name_plural = _("ranking groups")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.name


class NeedQuerySet(models.QuerySet):
    def public(self):
        return self.filter(study__status=PUBLISHED)

    def visible_to(self, user):
        from core import roles

        return self.all() if roles.can_see_drafts(user) else self.public()

    def with_action_counts(self, published_plans_only=True):
        """Each need's actions counted by the database: `actions_live` (not dropped),
        `actions_done`, `actions_under_way` (of published plans only unless told otherwise)."""
        base = Q(actions__plan__status=PUBLISHED) if published_plans_only else Q()
        Status = PlannedAction.Status
        return self.annotate(
            actions_live=Count("actions", filter=base & ~Q(actions__status=Status.DROPPED), distinct=True),
            actions_done=Count("actions", filter=base & Q(actions__status=Status.DONE), distinct=True),
            actions_under_way=Count("actions", filter=base & Q(actions__status=Status.UNDER_WAY), distinct=True),
        )

    def for_display(self):
        return self.select_related("study", "village").prefetch_related("rankings")


class Need(models.Model):
    """A problem the study found: where, on what topic, how many households it touches, and the
    votes each group gave it. Its rank is computed from the votes (planning.rules.rank_needs)."""

    study = models.ForeignKey(NeedsStudy, verbose_name=_("study"), on_delete=models.CASCADE,
                              related_name="needs")
    village = models.ForeignKey(Village, verbose_name=_("village"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="needs",
                                help_text=_("Leave empty for a problem of the whole aimak."))
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices, default=Topic.OTHER)
    title = models.CharField(_("problem"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    # below zero: checked in clean(); the top: the domain of counts of people and households
    households_affected = models.IntegerField(_("households affected"), null=True, blank=True,
                                              validators=[MaxValueValidator(domains.MAX_PEOPLE)])
    # history: registered in planning/translation.py, after the translated fields exist

    objects = NeedQuerySet.as_manager()

    class Meta:
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        ordering = ["study", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("planning:study", args=[self.study_id]) + f"#need-{self.pk}"

    def clean(self):
        errors = rules.households_errors(self.households_affected, "households_affected")
        if errors:
            raise ValidationError(errors)

    def is_solved(self):
        """Solved: it has live actions in a published plan and all of them are done (needs
        `with_action_counts`)."""
        return bool(self.actions_live) and self.actions_done == self.actions_live


class NeedRanking(models.Model):
    """The votes (or points) one group gave one need."""

    need = models.ForeignKey(Need, verbose_name=_("need"), on_delete=models.CASCADE, related_name="rankings")
    group = models.ForeignKey(StudyGroup, verbose_name=_("group"), on_delete=models.CASCADE,
                              related_name="rankings")
    votes = models.PositiveIntegerField(_("votes"), validators=domains.PEOPLE)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ranking")
        verbose_name_plural = _("rankings")
        constraints = [models.UniqueConstraint(fields=["need", "group"], name="one_ranking_per_need_and_group")]

    def __str__(self):
        return f"{self.group}: {self.votes}"

    def clean(self):
        errors = {}
        if self.need_id and self.group_id and self.need.study_id != self.group.study_id:
            errors["group"] = _("This group ranked another study's problems.")
        if self.group_id:
            errors.update(rules.votes_errors(self.votes, self.group.participants, self.group.name, "votes"))
        if errors:
            raise ValidationError(errors)


class ActionPlan(Publishable, Versioned):
    """The joint action plan: for a period, the actions that answer the study's needs."""

    title = models.CharField(_("title"), max_length=300)
    study = models.ForeignKey(NeedsStudy, verbose_name=_("study it answers"), on_delete=models.PROTECT,
                              related_name="plans")
    starts_on = models.DateField(_("period from"), validators=domains.DATE)
    ends_on = models.DateField(_("period to"), validators=domains.DATE)
    gathering = models.ForeignKey("hearings.Hearing", verbose_name=_("gathering that discussed it"), null=True,
                                  blank=True, on_delete=models.SET_NULL, related_name="action_plans")
    resolution = models.ForeignKey(CouncilResolution, verbose_name=_("approving resolution"), null=True,
                                   blank=True, on_delete=models.PROTECT, related_name="action_plans")
    summary = models.TextField(_("summary"), blank=True)
    unanswered_note = models.TextField(
        _("why some priority problems have no action"), blank=True,
        help_text=_("Every priority problem needs an action, or the plan says here why not."))
    # history: registered in planning/translation.py, after the translated fields exist

    objects = PublishableQuerySet.as_manager()

    class Meta:
        verbose_name = _("joint action plan")
        verbose_name_plural = _("joint action plans")
        ordering = ["-starts_on", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("planning:plan", args=[self.pk])

    @property
    def period(self):
        return self.starts_on, self.ends_on

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("A plan's period cannot end before it starts.")})

    def progress(self, today=None):
        """{"total", "planned", "under_way", "done", "postponed", "dropped", "overdue"}: numbers of
        actions, counted by the database in one query. Overdue: the deadline has passed (before
        `today`) and the action is neither done nor dropped."""
        return self.actions.progress(today)

    def money(self, user=None):
        """[(source label, planned som, contributed som)] by the projects' source kinds: planned in
        this plan's resources, contributed in cash to the projects linked to its actions (each
        project once; published projects only unless `user` may see drafts). Two queries."""
        from django.db.models import Sum

        from core import roles

        planned = dict(PlannedResource.objects.filter(action__plan=self, amount__isnull=False)
                       .order_by().values("source").annotate(total=Sum("amount")).values_list("source", "total"))
        projects = FundingContribution.objects.filter(
            project__in=self.actions.values("projects")).cash()
        if not roles.can_see_drafts(user):
            projects = projects.published()
        contributed = dict(projects.order_by().values("source").annotate(total=Sum("amount"))
                           .values_list("source", "total"))
        rows = []
        for source, label in FundingContribution.Source.choices:
            if source in planned or source in contributed:
                rows.append((label, planned.get(source), contributed.get(source)))
        return rows

    def priority_needs_without_action(self):
        """The study's needs that no action of this plan answers."""
        return self.study.needs.exclude(actions__plan=self)


class PlannedActionQuerySet(models.QuerySet):
    def public(self):
        return self.filter(plan__status=PUBLISHED, need__study__status=PUBLISHED)

    def visible_to(self, user):
        from core import roles

        return self.all() if roles.can_see_drafts(user) else self.public()

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.filter(deadline__lt=today).exclude(status__in=PlannedAction.CLOSED)

    def progress(self, today=None):
        today = today or timezone.localdate()
        Status = PlannedAction.Status
        counts = self.aggregate(
            total=Count("pk"),
            **{status.value: Count("pk", filter=Q(status=status)) for status in Status},
            overdue=Count("pk", filter=Q(deadline__lt=today) & ~Q(status__in=PlannedAction.CLOSED)),
        )
        return counts

    def for_display(self):
        return self.select_related("plan", "need", "need__village", "village").prefetch_related(
            "resources", "status_changes")


class PlannedAction(Versioned):
    """One action of the plan: what will be done for which need, by whom, by when, with what money."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        UNDER_WAY = "under_way", _("Under way")
        DONE = "done", _("Done")
        POSTPONED = "postponed", _("Postponed")
        DROPPED = "dropped", _("Dropped")

    class Responsible(models.TextChoices):
        AO = "ao", _("Aiyl okmotu")
        GROUP = "group", _("Initiative group")
        COUNCIL = "council", _("Aiyl kenesh")
        SCHOOL = "school", _("School")
        PARTNER = "partner", _("Partner")
        OTHER = "other", _("Other")

    # Statuses after which an action is no longer late.
    CLOSED = (Status.DONE, Status.DROPPED)
    NEEDS_REASON = (Status.POSTPONED, Status.DROPPED)

    plan = models.ForeignKey(ActionPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="actions")
    need = models.ForeignKey(Need, verbose_name=_("need it answers"), on_delete=models.PROTECT,
                             related_name="actions")
    what = models.TextField(_("what will be done"))
    village = models.ForeignKey(Village, verbose_name=_("village"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="planned_actions")
    responsible_kind = models.CharField(_("responsible"), max_length=10, choices=Responsible.choices,
                                        default=Responsible.AO)
    responsible_name = models.CharField(_("responsible, by name"), max_length=200, blank=True)
    deadline = models.DateField(_("deadline"), validators=domains.DATE)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED,
                              db_index=True)
    status_changed_on = models.DateField(_("status changed on"), null=True, blank=True, validators=domains.DATE)
    done_on = models.DateField(_("done on"), null=True, blank=True, validators=domains.DATE)
    reason = models.TextField(_("reason"), blank=True,
                              help_text=_("Why the action is postponed or dropped."))
    result = models.TextField(_("result"), blank=True)
    budget_lines = models.ManyToManyField("budget.BudgetLine", verbose_name=_("budget lines"), blank=True,
                                          related_name="planned_actions")
    projects = models.ManyToManyField("projects.Project", verbose_name=_("projects"), blank=True,
                                      related_name="planned_actions")
    proposals = models.ManyToManyField("hearings.Proposal", verbose_name=_("proposals"), blank=True,
                                       related_name="planned_actions")
    # history: registered in planning/translation.py, after the translated fields exist

    objects = PlannedActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("planned action")
        verbose_name_plural = _("planned actions")
        ordering = ["plan", "deadline", "pk"]
        # The open actions by deadline: the overdue ones (staff page, work list) are its first rows.
        indexes = [models.Index(fields=["deadline", "id"], condition=~Q(status__in=["done", "dropped"]),
                                name="planned_action_open_deadline")]

    def __str__(self):
        return self.what[:80]

    def get_absolute_url(self):
        return reverse("planning:action", args=[self.pk])

    def is_overdue(self, today=None):
        return rules.is_overdue(self.deadline, self.status, today or timezone.localdate())

    def budget_lines_to_offer(self):
        """The budget lines this action may be paid from: every expenditure line of the plan's
        years (from the year before it starts: a plan is drafted while that budget runs) and those
        already linked; the need's topic first (core.topics), then the latest year, by code. The
        topic orders, it does not exclude: a kindergarten need finds a line of any category."""
        BudgetLine = self._meta.get_field("budget_lines").related_model
        plan = self.plan
        years = Q(kind="expenditure", budget_year__year__gte=plan.starts_on.year - 1,
                  budget_year__year__lte=plan.ends_on.year)
        linked = Q(pk__in=self.budget_lines.values("pk")) if self.pk else Q(pk__in=[])
        return BudgetLine.objects.filter(years | linked).select_related("budget_year", "classification").on_topic_first(
            self.need.topic if self.need_id else None, "-budget_year__year", "classification__code", "pk")

    def projects_to_offer(self):
        """Every project (staff see drafts too): open ones and the action's village's first. A
        done project is offered: it may be the one that carried the action out."""
        Project = self._meta.get_field("projects").related_model
        return Project.objects.open_and_near_first(self.village_id)

    def clean(self):
        errors = {}
        if self.plan_id and self.need_id and self.need.study_id != self.plan.study_id:
            errors["need"] = _("This problem belongs to another study than the one the plan answers.")
        if self.plan_id and self.deadline:
            errors.update(rules.deadline_errors(self.deadline, self.plan.starts_on, self.plan.ends_on))
        errors.update(rules.status_errors(self.status, self.done_on, self.reason))
        if self.plan_id:
            errors.update(rules.progress_date_errors(None, self.done_on, self.plan.starts_on, timezone.localdate()))
        if errors:
            raise ValidationError(errors)


class PlannedResource(models.Model):
    """Money or work planned for an action from one source (the projects' source kinds): one row a source."""

    action = models.ForeignKey(PlannedAction, verbose_name=_("action"), on_delete=models.CASCADE,
                               related_name="resources")
    source = models.CharField(_("source"), max_length=20, choices=FundingContribution.Source.choices)
    amount = models.DecimalField(_("amount, som"), max_digits=16, decimal_places=2, null=True, blank=True,
                                 validators=[MinValueValidator(Decimal("0.01"),
                                                               message=_("An amount must be more than zero."))],
                                 help_text=_("Leave empty for work or goods in kind with no agreed value."))
    note = models.CharField(_("note"), max_length=300, blank=True)
    # history: registered in planning/translation.py, after the translated fields exist

    class Meta:
        verbose_name = _("planned resource")
        verbose_name_plural = _("planned resources")
        ordering = ["action", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["action", "source"], name="one_planned_resource_per_source"),
            models.CheckConstraint(condition=Q(amount__isnull=True) | Q(amount__gt=0),
                                   name="planned_resource_amount_positive"),
        ]

    def __str__(self):
        return f"{self.get_source_display()}: {self.amount if self.amount is not None else '—'}"

    @property
    def is_in_kind(self):
        """Work or goods, not money: only these may go without a value and still be "in kind"; a
        cash source with no amount is money whose amount is not given."""
        return self.source in FundingContribution.IN_KIND


class ActionStatusChange(models.Model):
    """One dated step of an action's way, like a proposal's trail."""

    action = models.ForeignKey(PlannedAction, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=10, choices=PlannedAction.Status.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=PlannedAction.Status.choices)
    changed_on = models.DateField(_("date"))
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["changed_on", "pk"]

    def __str__(self):
        return f"{self.from_status} → {self.to_status}"
