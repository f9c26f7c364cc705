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
    date = models.DateField(_("date"), validators=domains.DATE)
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
    # What the apps' pack choices picked is in CouncilPackItem: a new app's sections need no field here.
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

    def picked(self):
        """{choice key: [object ids]} of what is in the pack (one query); a tick-box choice
        (the group register) maps to an empty list."""
        found = {}
        for choice, object_id in self.items.order_by("position", "pk").values_list("choice", "object_id"):
            ids = found.setdefault(choice, [])
            if object_id is not None:
                ids.append(object_id)
        return found

    def put(self, picked):
        """Replace what is in the pack by `picked`, {choice key: [objects or ids]}; a tick-box
        choice is given with an empty list (ticked) or left out (not ticked)."""
        self.items.all().delete()
        items, position = [], 0
        for choice, objects in picked.items():
            ids = [getattr(obj, "pk", obj) for obj in objects] or [None]
            for object_id in ids:
                items.append(CouncilPackItem(pack=self, choice=choice, object_id=object_id, position=position))
                position += 1
        CouncilPackItem.objects.bulk_create(items)


class CouncilPackItem(models.Model):
    """One thing picked for a pack: the key of an app's pack choice (core.contributions.PackChoice)
    and the id of the picked object, or no id for a tick-box choice such as the group register.
    An id whose object is gone (or is no longer visible) is simply left out when printing."""

    pack = models.ForeignKey(CouncilPack, on_delete=models.CASCADE, related_name="items")
    choice = models.CharField(max_length=50)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["pack", "choice", "object_id"], name="unique_council_pack_item"),
        ]

    def __str__(self):
        return f"{self.choice}:{self.object_id or ''}"
