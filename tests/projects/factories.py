"""Factories for the projects app's tests (and small ones for the groups and hearings it links)."""
import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from groups.models import InitiativeGroup
from hearings.models import Hearing, Proposal
from projects.models import FundingContribution, ProgressUpdate, Project


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    title = factory.Sequence(lambda n: f"Долбоор {n}")
    summary = "Кыскача / Кратко"
    state = Project.State.DONE
    status = Project.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class DraftProjectFactory(ProjectFactory):
    status = Project.Status.DRAFT
    published_at = None


class ContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingContribution

    project = factory.SubFactory(ProjectFactory)
    source = FundingContribution.Source.LOCAL_BUDGET
    funder = "Жергиликтүү бюджет"
    amount = Decimal("1000")


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressUpdate

    project = factory.SubFactory(ProjectFactory)
    date = datetime.date(2024, 5, 1)
    text = "Иш жүрүп жатат / Работы идут"


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InitiativeGroup

    name = factory.Sequence(lambda n: f"Топ {n}")
    purpose = "Максат"
    founded_on = datetime.date(2014, 3, 15)
    status = InitiativeGroup.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class HearingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Hearing

    kind = Hearing.Kind.BUDGET_DRAFT
    topic = factory.Sequence(lambda n: f"Угуу {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=30))
    state = Hearing.State.HELD
    status = Hearing.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal

    hearing = factory.SubFactory(HearingFactory)
    text = factory.Sequence(lambda n: f"Сунуш {n}")
    status = Proposal.Status.ACCEPTED
    response = "Кабыл алынды"
