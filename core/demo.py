"""The portal's share of the demo: 1-Mai aiyl aimak as its own report describes it
(../shared/seed/FACTS.md), and three demo users."""
import datetime

from django.contrib.auth.models import Group, User

from core import roles
from core.bilingual import in_languages
from core.models import CouncilResolution, Municipality, Village

MUNICIPALITY = {
    "name_ky": "1-Май айыл аймагы",
    "name_ru": "1-Майский айыл аймак",
    "name_en": "1-Mai aiyl aimak",
    "district": "Ала-Бука району / Ала-Букинский район",
    "region": "Жалал-Абад облусу / Джалал-Абадская область",
    "address": "с. Айры-Там, ул. С. Жунусова",
    "phones": "0777 787138, 0700 637912, 0771 631631",
    "email": "1-mai_ao@mail.ru",
    "about": (
        "1-Май айыл аймагы Ала-Бука районунда, чек арада жайгашкан. Айыл өкмөтү 2014-жылдан бери "
        "демилгелүү топтор менен иштешет.\n"
        "1-Майский айыл аймак расположен в Ала-Букинском районе, на границе. Айыл окмоту работает "
        "с инициативными группами с 2014 года."
    ),
    "is_demo": True,
}

# The seed names two villages; population and households are illustrative (the banner says so).
VILLAGES = [
    {"name": "Айры-Там", "is_seat": True, "population": 2400, "households": 520,
     "notes": "Борбор, чек арада / Центр, на границе"},
    {"name": "Ажек", "is_seat": False, "population": 1600, "households": 340,
     "notes": "Сел каптоо коркунучу / Подвержено паводкам"},
]

RESOLUTIONS = [
    {"number": "23", "date": datetime.date(2017, 11, 22), "session": "",
     "title": "1-Май айыл аймагын социалдык-экономикалык өнүктүрүү программасы 2018–2022 / "
              "Программа социально-экономического развития 1-Майского АА на 2018–2022 годы"},
    {"number": "1/5", "date": datetime.date(2021, 12, 24), "session": "1",
     "title": "1-Май айыл аймагын социалдык-экономикалык өнүктүрүү программасы 2022–2026 / "
              "Программа социально-экономического развития 1-Майского АА на 2022–2026 годы"},
]

USERS = [
    # username, first name, last name, role (None = superuser)
    ("admin", "Администратор", "", None),
    ("staff", "Айгүл", "Демо-кызматкер", roles.STAFF),
    ("deputy", "Бакыт", "Демо-депутат", roles.DEPUTIES),
]


def load(command):
    municipality = Municipality.objects.order_by("pk").first() or Municipality()
    for field, value in in_languages(Municipality, MUNICIPALITY).items():
        setattr(municipality, field, value)
    municipality.save()
    for village in VILLAGES:
        Village.objects.update_or_create(name=village["name"], defaults=in_languages(Village, village))
    for resolution in RESOLUTIONS:
        CouncilResolution.objects.update_or_create(
            number=resolution["number"], date=resolution["date"], defaults=in_languages(CouncilResolution, resolution))
    for username, first_name, last_name, role in USERS:
        user, _created = User.objects.get_or_create(username=username)
        user.first_name, user.last_name = first_name, last_name
        user.is_superuser = user.is_staff = role is None
        user.set_password(command.password)
        user.save()
        if role:
            user.groups.set([Group.objects.get(name=role)])
