import datetime

import factory
from django.utils import timezone

from hearings.models import DevelopmentProgramme, Hearing, Proposal
from tests.factories import VillageFactory


def moment(days, hour=10):
    """A time `days` from now (negative: in the past)."""
    return timezone.localtime().replace(hour=hour, minute=0, second=0, microsecond=0) + datetime.timedelta(days=days)


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DevelopmentProgramme

    title = factory.Sequence(lambda n: f"Программа {n}")
    first_year = 2022
    last_year = 2026
    status = "published"


class HearingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Hearing

    kind = Hearing.Kind.BUDGET_DRAFT
    topic = factory.Sequence(lambda n: f"Бюджеттин долбоору {n}")
    starts_at = factory.LazyFunction(lambda: moment(-30))
    village = factory.SubFactory(VillageFactory, name="Айры-Там")
    place = "Маданият үйү"
    agenda = "1. Бюджет"
    state = Hearing.State.HELD
    status = "published"
    published_at = factory.LazyFunction(timezone.now)


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal

    hearing = factory.SubFactory(HearingFactory)
    text = factory.Sequence(lambda n: f"Сунуш номер {n}")
    topic = Proposal.Topic.WATER
    source = Proposal.Source.CITIZEN
    status = Proposal.Status.RECEIVED


class InitiativeGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "groups.InitiativeGroup"

    name = factory.Sequence(lambda n: f"Топ {n}")
    purpose = "Айылдын маселелерин чечүү"
    founded_on = datetime.date(2014, 3, 15)
    status = "published"
