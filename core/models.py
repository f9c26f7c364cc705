"""The floor every app stands on: the municipality, its villages, council resolutions, and the
publication workflow every public model shares.

These models lived in the `portal` app until the split into core / apps / portal; their tables
keep their old names (`portal_village` …) so that no row moves (core/migrations/0001).
"""
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core import domains, roles
from core.file_checks import validate_document
from core.uploads import RandomName


class PublishableQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Publishable.Status.PUBLISHED)

    def drafts(self):
        return self.filter(status=Publishable.Status.DRAFT)

    def visible_to(self, user):
        """Everything for people who may see drafts (staff, deputies); the published rest for all
        (None: a citizen). The object side of the same rule: Publishable.is_visible_to."""
        return self.filter(visible_q(user))

    def work_counts(self, **extra):
        """What the staff work list counts of these rows, in one query: {"drafts": n,
        "missing_russian": n (published rows with a Kyrgyz text and no Russian), and a count
        for each `extra` name → Q}."""
        from core.bilingual import missing_russian_q

        published = models.Q(status=Publishable.Status.PUBLISHED)
        return self.aggregate(
            drafts=models.Count("pk", filter=models.Q(status=Publishable.Status.DRAFT)),
            missing_russian=models.Count("pk", filter=published & missing_russian_q(self.model)),
            **{name: models.Count("pk", filter=condition) for name, condition in extra.items()})


def visible_q(user, path=""):
    """The visibility rule as a filter on a Publishable reached through `path` ("hearing__" for
    a proposal's hearing): no condition for people who may see drafts, published otherwise."""
    if roles.can_see_drafts(user):
        return models.Q()
    return models.Q(**{f"{path}status": Publishable.Status.PUBLISHED})


@lru_cache(maxsize=None)
def _choice_labels(field, language):
    return {key: force_str(label, strings_only=True) for key, label in make_hashable(field.flatchoices)}


class ChoiceLabels:
    """`get_FOO_display()` from a table made once per field and language. Django's builds a dict
    of every choice at every call, hashing each lazy label (a translation each): 115 µs for a
    proposal's topic, and a page of proposals calls it a hundred times (issue #18)."""

    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        hashable = make_hashable(value)
        labels = _choice_labels(field, get_language())
        return labels[hashable] if hashable in labels else force_str(value, strings_only=True)


class Publishable(ChoiceLabels, models.Model):
    """Something a citizen can see once staff publish it. A draft is never shown, linked,
    counted, searched, exported or printed for anonymous users: always go through
    `.published()` or `.visible_to(user)`."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    status = models.CharField(_("publication"), max_length=10, choices=Status.choices,
                              default=Status.DRAFT, db_index=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    def is_visible_to(self, user):
        """Whether `user` (None: a citizen) may see this object: the one rule, object side, of
        PublishableQuerySet.visible_to."""
        return self.is_published or roles.can_see_drafts(user)

    def publish(self):
        """Show the object to citizens. Raises ValidationError, and publishes nothing, when the
        model's rules refuse what it holds (a hearing announced after its date, saved before the
        rule existed): staff correct it first."""
        self.full_clean(validate_unique=False, validate_constraints=False)
        self.status = self.Status.PUBLISHED
        self.published_at = self.published_at or timezone.now()
        self._change_reason = "published"
        self.save()

    def unpublish(self):
        self.status = self.Status.DRAFT
        self._change_reason = "unpublished"
        self.save()


class Versioned(ChoiceLabels, models.Model):
    """A counter that makes a second, stale save fail instead of silently overwriting the
    first one (see core.forms.VersionedModelForm)."""

    version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        abstract = True

    def save_if_unchanged(self, expected_version, **kwargs):
        """Save only if nobody saved since `expected_version` was read; return whether it did."""
        with transaction.atomic():
            if self.pk is not None:
                bumped = type(self)._default_manager.filter(pk=self.pk, version=expected_version).update(
                    version=F("version") + 1
                )
                if not bumped:
                    return False
                self.version = expected_version + 1
            self.save(**kwargs)
        return True


class Municipality(models.Model):
    """The aiyl okmotu that runs this portal: one row."""

    # In Kyrgyz, Russian and English: name_ky, name_ru, name_en (core/translation.py).
    name = models.CharField(_("name"), max_length=200)
    district = models.CharField(_("district"), max_length=200, blank=True)
    region = models.CharField(_("region"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    phones = models.CharField(_("phones"), max_length=200, blank=True,
                              help_text=_("Separate several numbers with commas."))
    email = models.EmailField(_("e-mail"), blank=True)
    head_name = models.CharField(_("head of the aiyl okmotu"), max_length=200, blank=True)
    about = models.TextField(_("about the municipality"), blank=True)
    is_demo = models.BooleanField(
        _("demonstration data"), default=False,
        help_text=_("Shows a banner on every page saying that some data are a demonstration."),
    )
    history = HistoricalRecords(table_name="portal_historicalmunicipality")

    CACHE_KEY = "portal:municipality"

    class Meta:
        db_table = "portal_municipality"
        verbose_name = _("municipality")
        verbose_name_plural = _("municipality")
        permissions = [
            ("edit_content", _("Can record and edit the portal's content")),
            ("publish_content", _("Can publish and unpublish")),
            ("view_drafts", _("Can see drafts")),
            ("print_council_pack", _("Can print council session packs")),
        ]

    def __str__(self):
        return self.name

    @property
    def phone_list(self):
        return [phone.strip() for phone in self.phones.split(",") if phone.strip()]

    @property
    def total_population(self):
        return self.villages_population()

    def villages_population(self):
        return Village.objects.aggregate(total=models.Sum("population"))["total"]

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        cache.delete(self.CACHE_KEY)

    @classmethod
    def current(cls):
        """The one row, cached: every page's header and footer needs it."""
        municipality = cache.get(cls.CACHE_KEY)
        if municipality is None:
            municipality = cls.objects.order_by("pk").first() or cls(name_ky="Айыл өкмөтү", name_ru="Айыл окмоту")
            cache.set(cls.CACHE_KEY, municipality, 300)
        return municipality


class Village(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True, validators=domains.PEOPLE)
    households = models.PositiveIntegerField(_("households"), null=True, blank=True, validators=domains.PEOPLE)
    is_seat = models.BooleanField(_("seat of the aiyl okmotu"), default=False)
    notes = models.CharField(_("notes"), max_length=300, blank=True)
    history = HistoricalRecords(table_name="portal_historicalvillage")

    class Meta:
        db_table = "portal_village"
        verbose_name = _("village")
        verbose_name_plural = _("villages")
        ordering = ["-is_seat", "name"]

    def __str__(self):
        return self.name


class CouncilResolution(models.Model):
    """A resolution (токтом / постановление) of the aiyl kenesh: approves programmes,
    budgets and execution reports. Official documents, public once recorded."""

    convocation = models.PositiveSmallIntegerField(_("convocation"), null=True, blank=True,
                                                   validators=domains.ORDINAL)
    session = models.CharField(_("session"), max_length=50, blank=True)
    number = models.CharField(_("number"), max_length=20,
                              help_text=_('As written on the resolution: "23", or "1/5" for session 1, item 5.'))
    date = models.DateField(_("date"), validators=domains.DATE)
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to=RandomName("resolutions"), blank=True,
                            validators=[validate_document])
    history = HistoricalRecords(table_name="portal_historicalcouncilresolution")

    class Meta:
        db_table = "portal_councilresolution"
        verbose_name = _("council resolution")
        verbose_name_plural = _("council resolutions")
        ordering = ["-date", "number"]
        constraints = [
            models.UniqueConstraint(fields=["number", "date"], name="unique_resolution_number_date"),
        ]

    def __str__(self):
        return _("Resolution No. %(number)s of %(date)s") % {
            "number": self.number,
            "date": self.date.strftime("%d.%m.%Y"),
        }

    def is_visible_to(self, user):
        """Resolutions are official documents, public once recorded (core.uploads)."""
        return True
