import datetime

import factory
from django.utils import timezone

from groups.models import GroupActivity, InitiativeGroup, Membership, Person


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InitiativeGroup
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Топ {n}")
    focus = InitiativeGroup.Focus.WATER
    purpose = "Айылдын маселелерин чечүүгө катышуу"
    founded_on = datetime.date(2014, 3, 15)
    status = InitiativeGroup.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    class Params:
        draft = factory.Trait(status=InitiativeGroup.Status.DRAFT, published_at=None)

    @factory.post_generation
    def villages(self, create, extracted, **kwargs):
        if create and extracted:
            self.villages.set(extracted)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    full_name = factory.Sequence(lambda n: f"Адам Тестов {n:04d}")
    gender = Person.Gender.MALE
    birth_year = 1980
    phone = factory.Sequence(lambda n: f"0999 {n:06d}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    person = factory.SubFactory(PersonFactory)
    group = factory.SubFactory(GroupFactory)
    role = Membership.Role.MEMBER
    joined_on = datetime.date(2015, 1, 1)


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupActivity

    group = factory.SubFactory(GroupFactory)
    date = datetime.date(2021, 8, 20)
    kind = GroupActivity.Kind.SURVEY
    title = factory.Sequence(lambda n: f"Аймакты аралап чыгуу {n}")
