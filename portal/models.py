"""The site's own records: council sessions and the document packs deputies print for them."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core import domains


class CouncilSession(models.Model):
    """A session of the aiyl kenesh: the council packs deputies print are made for one."""

    convocation = models.PositiveSmallIntegerField(_("convocation"), validators=domains.ORDINAL)
    number = models.PositiveSmallIntegerField(_("session number"), validators=domains.ORDINAL)
    date = models.DateField(_("date"))
    agenda = models.TextField(_("agenda"), blank=True, help_text=_("One item a line."))
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    # Deputies' working records, not public content: saving one leaves citizens' caches alone.
    changes_public_content = False

    class Meta:
        verbose_name = _("council session")
        verbose_name_plural = _("council sessions")
        ordering = ["-date", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["convocation", "number"], name="unique_council_session"),
        ]

    def __str__(self):
        return _("Session %(number)s of the aiyl kenesh (convocation %(convocation)s), %(date)s") % {
            "number": self.number,
            "convocation": self.convocation,
            "date": self.date.strftime("%d.%m.%Y"),
        }

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("portal:council_session", args=[self.pk])

    @property
    def agenda_items(self):
        return [line.strip() for line in self.agenda.splitlines() if line.strip()]


class CouncilPack(models.Model):
    """What goes into one printed pack for a session, kept so that it can be printed again.
    The rendered PDF is stored with a fingerprint of what it was made from (see portal.packs):
    it is regenerated only when something in it changed."""

    session = models.ForeignKey(CouncilSession, verbose_name=_("session"), on_delete=models.CASCADE,
                                related_name="packs")
    title = models.CharField(_("title"), max_length=200, blank=True)
    hearings = models.ManyToManyField("hearings.Hearing", verbose_name=_("minutes of hearings"), blank=True,
                                      related_name="+")
    budget_year = models.ForeignKey("budget.BudgetYear", verbose_name=_("budget"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    projects = models.ManyToManyField("projects.Project", verbose_name=_("project cards"), blank=True,
                                      related_name="+")
    include_group_register = models.BooleanField(_("register of initiative groups"), default=False)
    report_year = models.PositiveSmallIntegerField(_("annual participation report for the year"),
                                                   validators=domains.YEAR,
                                                   null=True, blank=True)
    include_drafts = models.BooleanField(_("include drafts"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The last rendered PDF, in the database rather than MEDIA_ROOT: a pack may hold drafts, and
    # media files are served to anybody who knows the address.
    pdf = models.BinaryField(null=True, blank=True, editable=False)
    pdf_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    pdf_generated_at = models.DateTimeField(null=True, blank=True, editable=False)
    pdf_pages = models.PositiveIntegerField(null=True, blank=True, editable=False)

    changes_public_content = False

    class Meta:
        verbose_name = _("council pack")
        verbose_name_plural = _("council packs")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title or _("Pack for %(session)s") % {"session": self.session}

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("portal:council_pack", args=[self.pk])
