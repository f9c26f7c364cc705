"""Public hearings (коомдук угуулар / общественные слушания), the proposals people make at
them, and the development programmes that take proposals in."""
import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.models import HistoricalRecords

from core import bilingual
from core import domains
from core.file_checks import validate_document
from core.models import ChoiceLabels, CouncilResolution, Publishable, PublishableQuerySet, Versioned, Village, visible_q
from core.uploads import RandomName
from core.topics import Topic


class DevelopmentProgramme(Publishable):
    """A programme of social and economic development (ПСЭР), approved by the aiyl kenesh."""

    title = models.CharField(_("title"), max_length=300)
    first_year = models.PositiveSmallIntegerField(_("first year"), validators=domains.YEAR)
    last_year = models.PositiveSmallIntegerField(_("last year"), validators=domains.YEAR)
    resolution = models.ForeignKey(CouncilResolution, verbose_name=_("approving resolution"), null=True,
                                   blank=True, on_delete=models.PROTECT, related_name="programmes")
    summary = models.TextField(_("summary"), blank=True)
    history = HistoricalRecords()

    objects = PublishableQuerySet.as_manager()

    class Meta:
        verbose_name = _("development programme")
        verbose_name_plural = _("development programmes")
        ordering = ["-first_year"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("hearings:programme", args=[self.pk])

    def clean(self):
        if self.first_year and self.last_year and self.last_year < self.first_year:
            raise ValidationError({"last_year": _("The last year cannot come before the first year.")})


class HearingQuerySet(PublishableQuerySet):
    def upcoming(self):
        return self.filter(state=Hearing.State.ANNOUNCED, starts_at__gte=timezone.now()).order_by("starts_at")

    def past(self):
        return self.exclude(state=Hearing.State.ANNOUNCED, starts_at__gte=timezone.now())

    def with_proposal_counts(self, joined=False):
        """How many proposals each hearing received, how many came from initiative groups, how
        many were taken up and how many wait: counted by the database. One subquery each (an
        index lookup per hearing: cheap for a page of hearings); `joined=True` counts through one
        join instead, cheaper over many hearings, for a queryset with no other to-many join."""
        if joined:
            return self.annotate(**{
                name: Count("proposals", filter=Q(**{f"proposals__{key}": value for key, value in lookups.items()})
                            if lookups else None)
                for name, lookups in _PROPOSAL_COUNTS.items()})
        return self.annotate(**{name: _proposals_counted(lookups) for name, lookups in _PROPOSAL_COUNTS.items()})

    def years_with_proposals(self):
        """[2026, 2025, …]: the years of these hearings that received proposals. EXISTS per
        hearing, not a join through every proposal (thirty thousand rows at N=10)."""
        with_proposals = self.filter(models.Exists(Proposal.objects.filter(hearing=models.OuterRef("pk"))))
        return [moment.year for moment in with_proposals.datetimes("starts_at", "year", order="DESC")]

    def held_without_minutes(self):
        return self.filter(bilingual.empty_q("minutes"), state=Hearing.State.HELD)


class Hearing(Publishable, Versioned):
    class Kind(models.TextChoices):
        BUDGET_DRAFT = "budget_draft", _("Draft budget")
        BUDGET_EXECUTION = "budget_execution", _("Budget execution report")
        PROGRAMME = "programme", _("Development programme")
        LOCAL_RULES = "local_rules", _("Community charter or local rules")
        # Meetings that are not hearings but are recorded the same way (issue #13).
        VILLAGE_GATHERING = "village_gathering", _("Village gathering")
        CITIZENS_MEETING = "citizens_meeting", _("Citizens' meeting")
        NEEDS_STUDY = "needs_study", _("Meeting of the joint study of needs")
        PLAN_REPORT = "plan_report", _("Report-back on the joint action plan")
        OTHER = "other", _("Other")

    class State(models.TextChoices):
        ANNOUNCED = "announced", _("Announced")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    topic = models.CharField(_("topic"), max_length=300)
    starts_at = models.DateTimeField(_("date and time"), validators=domains.DATE)
    village = models.ForeignKey(Village, verbose_name=_("village"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="hearings")
    place = models.CharField(_("place"), max_length=300, blank=True)
    announced_on = models.DateField(_("announced on"), null=True, blank=True, validators=domains.DATE)
    agenda = models.TextField(_("agenda"), blank=True)
    budget_year = models.ForeignKey("budget.BudgetYear", verbose_name=_("budget year"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="hearings")
    programme = models.ForeignKey(DevelopmentProgramme, verbose_name=_("development programme"), null=True,
                                  blank=True, on_delete=models.SET_NULL, related_name="hearings")
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.ANNOUNCED)
    participants_total = models.PositiveIntegerField(_("participants"), null=True, blank=True,
                                                     validators=domains.PEOPLE)
    participants_women = models.PositiveIntegerField(_("women"), null=True, blank=True, validators=domains.PEOPLE)
    participants_men = models.PositiveIntegerField(_("men"), null=True, blank=True, validators=domains.PEOPLE)
    participants_from_groups = models.PositiveIntegerField(_("from initiative groups"), null=True, blank=True,
                                                           validators=domains.PEOPLE)
    participants_youth = models.PositiveIntegerField(_("youth"), null=True, blank=True, validators=domains.PEOPLE)
    minutes = models.TextField(_("minutes"), blank=True)
    decisions = models.TextField(_("decisions taken"), blank=True,
                                 help_text=_("What the meeting decided, one decision a line."))
    chair = models.CharField(_("chair"), max_length=200, blank=True)
    secretary = models.CharField(_("secretary"), max_length=200, blank=True)
    history = HistoricalRecords()

    objects = HearingQuerySet.as_manager()

    class Meta:
        verbose_name = _("public hearing")
        verbose_name_plural = _("public hearings")
        ordering = ["-starts_at"]
        indexes = [
            # "You said, we did" lists proposals newest hearing first: with this index the page's
            # 25 ids are read hearing by hearing instead of sorting every proposal (40 ms at N=10).
            models.Index(fields=["-starts_at", "id"], name="hearing_newest_first"),
        ]

    def __str__(self):
        return self.topic

    def get_absolute_url(self):
        return reverse("hearings:detail", args=[self.pk])

    # Kinds that are gatherings or meetings rather than public hearings: their pages and minutes
    # say "meeting", with the heading Kyrgyz practice gives each (see `minutes_heading`).
    MEETING_KINDS = (Kind.VILLAGE_GATHERING, Kind.CITIZENS_MEETING, Kind.NEEDS_STUDY, Kind.PLAN_REPORT)
    MINUTES_HEADINGS = {
        Kind.VILLAGE_GATHERING: _("Minutes of the village gathering"),
        Kind.CITIZENS_MEETING: _("Minutes of the citizens' meeting"),
        Kind.NEEDS_STUDY: _("Minutes of the meeting"),
        Kind.PLAN_REPORT: _("Minutes of the meeting"),
    }

    @property
    def is_meeting(self):
        """A village gathering or citizens' meeting rather than a public hearing."""
        return self.kind in self.MEETING_KINDS

    @property
    def decision_list(self):
        return [line.strip() for line in self.decisions.splitlines() if line.strip()]

    def minutes_heading(self):
        """The minutes' heading in Kyrgyz and in Russian, upper case, from the catalogue: [ky, ru]
        (empty for a public hearing, whose minutes carry their own fixed heading)."""
        from django.utils import translation

        heading = self.MINUTES_HEADINGS.get(self.kind)
        if heading is None:
            return []
        lines = []
        for language in ("ky", "ru"):
            with translation.override(language):
                lines.append(str(heading).upper())
        return lines

    @property
    def where(self):
        """'Айры-Там, Маданият үйү': the village and the place, whichever are known; '' if neither."""
        return ", ".join(str(part) for part in (self.village, self.place) if part)

    @property
    def is_upcoming(self):
        return self.state == self.State.ANNOUNCED and self.starts_at >= timezone.now()

    def clean(self):
        errors = {}
        total = self.participants_total
        if total is not None and self.participants_women is not None and self.participants_men is not None:
            if self.participants_women + self.participants_men != total:
                errors["participants_men"] = _("Women and men together must equal the number of participants.")
        for field in ("participants_women", "participants_men", "participants_from_groups", "participants_youth"):
            value = getattr(self, field)
            if total is not None and value is not None and value > total:
                errors[field] = _("This cannot be more than the number of participants.")
        population = Village.objects.aggregate(total=models.Sum("population"))["total"]
        if total is not None and population and total > population:
            # People at a meeting are at most the people of the aimak (core.domains caps the rest).
            errors["participants_total"] = ngettext(
                "More participants than the %(population)s resident of the aimak's villages: check the number.",
                "More participants than the %(population)s residents of the aimak's villages: check the number.",
                population) % {"population": population}
        if self.state == self.State.HELD and self.starts_at and self.starts_at > timezone.now():
            errors["state"] = _("A hearing cannot be marked as held before its date.")
        if domains.is_before(self.starts_at, self.announced_on):
            errors["announced_on"] = _("A hearing cannot be announced after its date (%(date)s).") % {
                "date": domains.dmy(self.starts_at)}
        if errors:
            raise ValidationError(errors)


class HearingDocumentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The documents of the hearings `user` may see."""
        return self.filter(visible_q(user, "hearing__"))


class HearingDocument(models.Model):
    """A file attached to a hearing: visible exactly when its hearing is."""

    hearing = models.ForeignKey(Hearing, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to=RandomName("hearings"), validators=[validate_document])
    uploaded_at = models.DateTimeField(auto_now_add=True)
    # Kept so that the hearing's page, kept until what it shows changes (core.changes), sees a
    # document added, renamed or removed at once.
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hearing document")
        verbose_name_plural = _("hearing documents")
        ordering = ["uploaded_at"]

    objects = HearingDocumentQuerySet.as_manager()

    def __str__(self):
        return self.title

    def is_visible_to(self, user):
        """A document is visible when its hearing is (core.uploads serves its file by this)."""
        return self.hearing.is_visible_to(user)


class ProposalQuerySet(models.QuerySet):
    def public(self):
        """Proposals citizens may see: those of published hearings."""
        return self.visible_to(None)

    def visible_to(self, user):
        """The proposals of the hearings `user` may see (Proposal.is_visible_to, one by one)."""
        return self.filter(visible_q(user, "hearing__"))

    def waiting(self):
        return self.filter(status__in=Proposal.WAITING)

    def taken_up(self):
        return self.filter(status__in=Proposal.TAKEN_UP)

    def for_display(self):
        """Everything a proposal row shows, in a fixed number of queries."""
        return self.select_related(
            "hearing", "hearing__village", "village", "group", "programme", "budget_line__budget_year",
            "project",
        ).prefetch_related("status_changes")

    def figures(self):
        return self.aggregate(
            received=Count("pk"),
            from_groups=Count("pk", filter=Q(source=Proposal.Source.GROUP)),
            taken_up=Count("pk", filter=Q(status__in=Proposal.TAKEN_UP)),
        )


class Proposal(Versioned):
    """A proposal or question received at a hearing, and what became of it: the "you said,
    we did" trail. Public when its hearing is published; the author's name is staff-only."""

    class Source(models.TextChoices):
        GROUP = "group", _("Initiative group")
        CITIZEN = "citizen", _("Citizen")
        DEPUTY = "deputy", _("Deputy")
        CSO = "cso", _("Civil-society organisation")
        STAFF = "staff", _("AO staff")

    # One topic list for needs, proposals and budget lines (core/topics.py).
    Topic = Topic

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        UNDER_REVIEW = "under_review", _("Under review")
        ACCEPTED = "accepted", _("Accepted")
        PARTLY_ACCEPTED = "partly_accepted", _("Partly accepted")
        REJECTED = "rejected", _("Rejected")
        ANSWERED = "answered", _("Question answered")
        DONE = "done", _("Done")

    DECIDED = (Status.ACCEPTED, Status.PARTLY_ACCEPTED, Status.REJECTED, Status.ANSWERED, Status.DONE)
    TAKEN_UP = (Status.ACCEPTED, Status.PARTLY_ACCEPTED, Status.DONE)
    WAITING = (Status.RECEIVED, Status.UNDER_REVIEW)
    # Where a proposal may go from each status. A rejected proposal may be reconsidered, but it
    # cannot become "done" without being accepted first; "done" is final.
    TRANSITIONS = {
        Status.RECEIVED: {Status.UNDER_REVIEW, Status.ACCEPTED, Status.PARTLY_ACCEPTED, Status.REJECTED,
                          Status.ANSWERED},
        Status.UNDER_REVIEW: {Status.RECEIVED, Status.ACCEPTED, Status.PARTLY_ACCEPTED, Status.REJECTED,
                              Status.ANSWERED},
        Status.ACCEPTED: {Status.UNDER_REVIEW, Status.PARTLY_ACCEPTED, Status.REJECTED, Status.DONE},
        Status.PARTLY_ACCEPTED: {Status.UNDER_REVIEW, Status.ACCEPTED, Status.REJECTED, Status.DONE},
        Status.REJECTED: {Status.UNDER_REVIEW, Status.ACCEPTED, Status.PARTLY_ACCEPTED},
        Status.ANSWERED: {Status.UNDER_REVIEW},
        Status.DONE: set(),
    }

    hearing = models.ForeignKey(Hearing, verbose_name=_("hearing"), on_delete=models.CASCADE,
                                related_name="proposals")
    text = models.TextField(_("proposal"))
    is_question = models.BooleanField(_("a question rather than a proposal"), default=False)
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices, default=Topic.OTHER)
    village = models.ForeignKey(Village, verbose_name=_("village"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="proposals")
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.CITIZEN)
    group = models.ForeignKey("groups.InitiativeGroup", verbose_name=_("initiative group"), null=True,
                              blank=True, on_delete=models.SET_NULL, related_name="proposals")
    author_name = models.CharField(_("author's name (staff only)"), max_length=200, blank=True)
    estimated_cost = models.DecimalField(_("estimated cost, som"), max_digits=14, decimal_places=2,
                                         null=True, blank=True, validators=domains.MONEY)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED,
                              db_index=True)
    response = models.TextField(_("public answer"), blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True, validators=domains.DATE)
    programme = models.ForeignKey(DevelopmentProgramme, verbose_name=_("taken into the programme"), null=True,
                                  blank=True, on_delete=models.SET_NULL, related_name="proposals")
    budget_line = models.ForeignKey("budget.BudgetLine", verbose_name=_("taken into the budget line"),
                                    null=True, blank=True, on_delete=models.SET_NULL, related_name="proposals")
    project = models.ForeignKey("projects.Project", verbose_name=_("became the project"), null=True,
                                blank=True, on_delete=models.SET_NULL, related_name="proposals")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = ProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["hearing", "pk"]
        indexes = [
            # The home page's latest answers: read from the newest down, five rows, instead of
            # sorting every proposal (80 ms at N=10).
            models.Index(fields=["-decided_on", "-id"], condition=Q(decided_on__isnull=False),
                         name="proposal_latest_decided"),
            # The proposals' figures (home page, annual report, hearing lists) count by hearing,
            # source and status: read from this narrow index (index-only where the table is
            # vacuumed), not from the table's wide rows (30 000 of them, 21 MB at N=10).
            models.Index(fields=["hearing"], include=["id", "source", "status"], name="proposal_counts"),
        ]

    def __str__(self):
        return self.text[:80]

    def get_absolute_url(self):
        return reverse("hearings:detail", args=[self.hearing_id]) + f"#proposal-{self.pk}"

    @classmethod
    def can_move(cls, from_status, to_status):
        """Whether a proposal may go from one status to another (staying put is always allowed)."""
        return from_status == to_status or to_status in cls.TRANSITIONS.get(from_status, set())

    @classmethod
    def decision_errors(cls, from_status, to_status, response, on=None, hearing_start=None):
        """The rules of a decision, in one place: {field: message} of what is wrong with moving a
        proposal from `from_status` to `to_status` with the public `response` on the date `on`
        (a date or None) for a hearing held on `hearing_start` (a date-time or None); empty when
        the decision may be recorded. The decision form's clean(),
        hearings.services.decide_proposal and this model's clean() all ask here."""
        errors = {}
        if not cls.can_move(from_status, to_status):
            errors["status"] = _("A proposal that is “%(current)s” cannot become “%(new)s”.") % {
                "current": cls.Status(from_status).label, "new": cls.Status(to_status).label}
        if to_status in cls.DECIDED and not (response or "").strip():
            errors["response"] = _("A decided proposal needs a public answer.")
        if isinstance(on, datetime.datetime):
            on = on.date()
        if on is not None and on > timezone.localdate():
            errors["decided_on"] = _("A decision cannot be dated in the future.")
        elif to_status in cls.DECIDED and domains.is_before(on, hearing_start):
            errors["decided_on"] = _("A decision cannot come before the hearing (%(date)s).") % {
                "date": domains.dmy(hearing_start)}
        return errors

    def is_visible_to(self, user):
        """A proposal is visible when its hearing is."""
        return self.hearing.is_visible_to(user)

    @property
    def is_waiting(self):
        return self.status in self.WAITING

    def clean(self):
        errors = self.decision_errors(self.status, self.status, self.response, self.decided_on,
                                      self.hearing.starts_at if self.hearing_id else None)
        if self.source == self.Source.GROUP and not self.group_id:
            errors["group"] = _("Say which initiative group made the proposal.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_decided(self):
        return self.status in self.DECIDED

    @property
    def status_since(self):
        """The date the proposal reached the status it has now (a date, or None): the trail's last
        step to that status, so "Done" carries the day it was done, not the day it was decided.
        Reads `status_changes.all()`, prefetched by the pages that list proposals."""
        steps = [step.changed_on for step in self.status_changes.all() if step.to_status == self.status]
        if steps:
            return max(steps)
        return self.decided_on if self.is_decided else None


class ProposalStatusChange(ChoiceLabels, models.Model):
    """One step of a proposal's way: kept so citizens see when it moved, not only where it is."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=Proposal.Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Proposal.Status.choices)
    changed_on = models.DateField(_("date"))
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["changed_on", "pk"]

    def __str__(self):
        return f"{self.from_status} → {self.to_status}"


# Proposal counts of a hearing, by name: the lookups on its proposals that each counts.
_PROPOSAL_COUNTS = {
    "proposals_received": {},
    "proposals_from_groups": {"source": Proposal.Source.GROUP},
    "proposals_taken_up": {"status__in": Proposal.TAKEN_UP},
    "proposals_waiting": {"status__in": Proposal.WAITING},
}


def _proposals_counted(lookups):
    """How many proposals of the outer hearing match `lookups` (0 for none): a subquery."""
    counted = (Proposal.objects.filter(hearing=models.OuterRef("pk"), **lookups).order_by()
               .values("hearing").annotate(count=Count("pk")).values("count"))
    return Coalesce(models.Subquery(counted), 0)
