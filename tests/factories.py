"""Factories shared by every app's tests. Each app keeps its own in tests/<app>/factories.py."""
import datetime

import factory
from django.contrib.auth.models import Group, User

from core import roles
from core.models import CouncilResolution, Municipality, Village


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    name_ky = "1-Май айыл аймагы"
    name_ru = "1-Майский айыл аймак"
    name_en = "1-Mai aiyl aimak"
    district = "Ала-Бука району"
    region = "Жалал-Абад облусу"
    address = "с. Айры-Там, ул. С. Жунусова"
    phones = "0777 787138, 0700 637912"
    email = "1-mai_ao@mail.ru"


class VillageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Village
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Айыл {n}")
    population = 1000
    households = 200


class CouncilResolutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CouncilResolution

    number = factory.Sequence(lambda n: str(n + 1))
    date = datetime.date(2021, 12, 24)
    title = factory.Sequence(lambda n: f"Токтом {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("secret-pass-1")

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(Group.objects.get(name=extracted))


def staff_user(**kwargs):
    return UserFactory(role=roles.STAFF, **kwargs)


def deputy_user(**kwargs):
    return UserFactory(role=roles.DEPUTIES, **kwargs)
