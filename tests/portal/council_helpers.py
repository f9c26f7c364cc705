"""Small builders the portal's tests share: published or draft content made straight through
the apps' models (the apps' own factories may change while they are being built)."""
import datetime

from django.utils import timezone

from portal.models import CouncilSession


def moment(year, month, day, hour=10):
    return timezone.make_aware(datetime.datetime(year, month, day, hour, 0))


def hearing(topic="Жергиликтүү бюджеттин долбоору", status="published", **fields):
    from hearings.models import Hearing

    defaults = dict(kind=Hearing.Kind.BUDGET_DRAFT, starts_at=moment(2021, 8, 20), state=Hearing.State.HELD,
                    participants_total=100, participants_women=40, participants_men=60)
    defaults.update(fields)
    return Hearing.objects.create(topic=topic, status=status,
                                  published_at=timezone.now() if status == "published" else None, **defaults)


def proposal(hearing_obj, text, **fields):
    from hearings.models import Proposal

    return Proposal.objects.create(hearing=hearing_obj, text=text, **fields)


def session(**fields):
    defaults = dict(convocation=7, number=12, date=datetime.date(2022, 2, 10),
                    agenda="Бюджетти бекитүү жөнүндө\nПрограмманын аткарылышы жөнүндө")
    defaults.update(fields)
    return CouncilSession.objects.create(**defaults)
