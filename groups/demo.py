"""The groups' share of the demo: the eight initiative groups of 1-Mai aiyl aimak
(../shared/seed/FACTS.md) with invented members.

Facts kept: 5 groups founded in 2014, 8 in all; a group of exactly 50 women who fed the
workers while the water pipe was laid; women are more than 30 % of the members (here
58 of 150 people, 38.7 %). Names and phones are invented and every name ends with "(демо)".
Everything is computed from the lists below (no randomness), and saved with update_or_create
by stable keys, so loading twice changes nothing.
"""
import datetime

from core.bilingual import in_languages
from core.models import Village

from .models import GroupActivity, InitiativeGroup, Membership, Person

DEMO_MARK = "(демо)"

FEMALE_FIRST = ["Айгүл", "Айжан", "Гүлнара", "Жылдыз", "Нургүл", "Чолпон", "Бүбүсара", "Асель", "Динара",
                "Мээрим", "Нуриза", "Салтанат", "Токтокан", "Бактыгүл", "Айпери", "Асылкан", "Жаңыл",
                "Кенжегүл", "Бегимай", "Назира", "Замира", "Сезим", "Элмира", "Чынара", "Өмүркан"]
MALE_FIRST = ["Бакыт", "Азамат", "Нурлан", "Талант", "Эрлан", "Улан", "Алмаз", "Жоомарт", "Мирлан", "Эмил",
              "Темир", "Санжар", "Руслан", "Канат", "Медер", "Нурбек", "Бектур", "Айбек", "Эрмек", "Марат",
              "Токтосун", "Болот", "Дастан", "Жыргалбек", "Исмаил", "Калыс", "Самат", "Адилет", "Үсөн", "Өмүрбек"]
SURNAMES = ["Асанов", "Токтогулов", "Жумабаев", "Мамытов", "Осмонов", "Сыдыков", "Турдубаев", "Кадыров",
            "Эшимов", "Орозбаев", "Сатыбалдиев", "Ташиев", "Калыков", "Бекболотов", "Дүйшөнбаев", "Алымкулов",
            "Үсөнов", "Мырзакматов", "Ниязов", "Шериев", "Кочкорбаев", "Төрөбеков"]

CSO_NAMES = ["«Айыл демилгеси» коомдук бирикмеси", "«Таза суу» суу пайдалануучулар ассоциациясы",
             "«Аялдар кеңеши» коомдук фонду", "Жаштар борбору «Келечек»", "Ата-энелер комитети"]

# name, founded on, focus, village names, purpose, description, new members (women among them),
# members taken from "Айры-Там аялдары" (they are in two groups), a birth-year band.
GROUPS = [
    {
        "name": "Таза суу", "founded_on": datetime.date(2014, 3, 15), "focus": "water", "villages": ["Айры-Там"],
        "purpose": "Айры-Там айылын таза ичүүчү суу менен камсыздоого көмөк көрсөтүү. / "
                   "Содействие обеспечению села Айры-Там чистой питьевой водой.",
        "description": "Топ суу түтүгүн тартуу долбоорун даярдоого катышып, булактарды тазалоону уюштурат. "
                       "2014-жылы «Таза суунун башаты таза болсун» демилгеси «Жергиликтүү демилгелер» "
                       "сынагында биринчи орунду алган.\n"
                       "Группа участвовала в подготовке проекта водопровода и организует очистку родников. "
                       "Её инициатива «Таза суунун башаты таза болсун» заняла первое место в конкурсе "
                       "«Местные инициативы» 2014 года.",
        "new": 16, "women": 1, "from_women_group": 3, "births": (1960, 40),
    },
    {
        "name": "Коопсуз Ажек", "founded_on": datetime.date(2014, 4, 10), "focus": "environment",
        "villages": ["Ажек"],
        "purpose": "Ажек айылын сел каптоодон коргоо жана айлана-чөйрөнү сактоо. / "
                   "Защита села Ажек от паводков и забота об окружающей среде.",
        "description": "Топ мүчөлөрү сел коркунучу бар жерлерди аралап чыгып, дамбаны курууга жана "
                       "көчөт отургузууга эмгеги менен катышкан.\n"
                       "Члены группы обследовали опасные при паводке участки и своим трудом участвовали "
                       "в строительстве дамбы и посадке саженцев.",
        "new": 14, "women": 1, "from_women_group": 0, "births": (1958, 45),
    },
    {
        "name": "Билим жана бала бакча", "founded_on": datetime.date(2014, 5, 20), "focus": "education",
        "villages": ["Айры-Там", "Ажек"],
        "purpose": "Мектептердин, бала бакчанын жана китепканалардын ишин жакшыртуу. / "
                   "Улучшение работы школ, детского сада и библиотек.",
        "description": "Ата-энелер жана мугалимдер бала бакчага эмерек алууну, китепканаларды "
                       "жакшыртууну демилгелешкен.\n"
                       "Родители и учителя предложили купить мебель для детского сада и улучшить "
                       "работу библиотек.",
        "new": 14, "women": 3, "from_women_group": 4, "births": (1965, 35),
    },
    {
        "name": "Ачык бюджет", "founded_on": datetime.date(2014, 6, 5), "focus": "budget",
        "villages": ["Айры-Там", "Ажек"],
        "purpose": "Жергиликтүү бюджетти талкуулоого жана пландоого катышуу. / "
                   "Участие в обсуждении и планировании местного бюджета.",
        "description": "Топ бюджет боюнча коомдук угууларга даярданып, тургундардын сунуштарын чогултат. "
                       "2015-жылы «Бюджеттик процесске жарандардын реалдуу катышуусу» сынагында "
                       "биринчи орунду алган.\n"
                       "Группа готовится к общественным слушаниям по бюджету и собирает предложения "
                       "жителей. В 2015 году заняла первое место в конкурсе «Реальное участие граждан "
                       "в бюджетном процессе».",
        "new": 12, "women": 1, "from_women_group": 0, "births": (1962, 38),
    },
    {
        "name": "Жаштар демилгеси", "founded_on": datetime.date(2014, 9, 1), "focus": "youth_women",
        "villages": ["Айры-Там", "Ажек"],
        "purpose": "Жаштардын бош убактысын уюштуруу жана алардын айылдын турмушуна катышуусу. / "
                   "Досуг молодёжи и её участие в жизни айыл аймака.",
        "description": "Жаштар спорттук мелдештерди өткөрүп, жаштар жана аялдар үчүн эс алуу жайын "
                       "ачууну сунушташкан.\n"
                       "Молодёжь проводит спортивные соревнования и предложила открыть место досуга "
                       "для молодёжи и женщин.",
        "new": 15, "women": 2, "from_women_group": 3, "births": (1999, 9),
    },
    {
        "name": "Айры-Там аялдары", "founded_on": datetime.date(2015, 5, 12), "focus": "youth_women",
        "villages": ["Айры-Там"],
        "purpose": "Айры-Тамдын аялдарынын айылдын маселелерин чечүүгө катышуусу. / "
                   "Участие женщин Айры-Тама в решении вопросов села.",
        "description": "50 аялдан турган топ. Айры-Тамга суу түтүгү тартылып жатканда жумушчуларды "
                       "тамак-аш менен камсыз кылышкан.\n"
                       "Группа из 50 женщин. Пока к Айры-Таму прокладывали водопровод, они кормили "
                       "рабочих.",
        "new": 50, "women": 50, "from_women_group": 0, "births": (1960, 40),
    },
    {
        "name": "Жайыт жана мал", "founded_on": datetime.date(2016, 3, 1), "focus": "rules",
        "villages": ["Айры-Там", "Ажек"],
        "purpose": "Коомдук жерлерде мал айдоо жана кармоо эрежелерин иштеп чыгуу. / "
                   "Разработка правил прогона и содержания скота в общественных местах.",
        "description": "Малчылар жана депутаттар мал айдоо жолдорун жана жайыттарды пайдалануунун ички "
                       "эрежелерин даярдашкан.\n"
                       "Животноводы и депутаты подготовили внутренние правила прогона скота и "
                       "пользования пастбищами.",
        "new": 16, "women": 0, "from_women_group": 0, "births": (1955, 40),
    },
    {
        "name": "Көчөлөр жана жарык", "founded_on": datetime.date(2018, 2, 15), "focus": "infrastructure",
        "villages": ["Айры-Там"],
        "purpose": "Айры-Тамдын көчөлөрүн оңдоо жана жарыктандыруу. / "
                   "Ремонт и освещение улиц Айры-Тама.",
        "description": "Топ көчөлөрдү аралап, жарык керек болгон жерлерди белгилеп чыккан.\n"
                       "Группа обошла улицы и отметила места, где нужно освещение.",
        "new": 13, "women": 0, "from_women_group": 2, "births": (1968, 35),
    },
]

# People of "Ачык бюджет" who also sit in "Жайыт жана мал" (indexes among its new members).
SHARED_MEN = {"from": "Ачык бюджет", "to": "Жайыт жана мал", "indexes": [1, 3, 5, 7]}

# Two people who left a group: recorded, but not counted as members.
FORMER_MEMBERS = [("Таза суу", 2015, datetime.date(2014, 3, 15), datetime.date(2018, 6, 1)),
                  ("Коопсуз Ажек", 2016, datetime.date(2014, 4, 10), datetime.date(2019, 9, 1))]

ACTIVITIES = [
    # group, date, kind, title, description, hearing (kind, date) or None, link the group's project
    ("Таза суу", datetime.date(2021, 11, 26), "hearing",
     "Өнүктүрүү программасы боюнча коомдук угууга катышуу / Участие в слушаниях по программе развития",
     "Таза ичүүчү суу боюнча сунуштарды берди. / Внесла предложения о чистой питьевой воде.",
     ("programme", datetime.date(2021, 11, 26)), False),
    ("Билим жана бала бакча", datetime.date(2021, 11, 26), "hearing",
     "Өнүктүрүү программасы боюнча коомдук угууга катышуу / Участие в слушаниях по программе развития",
     "Бала бакчалар боюнча сунуштарды берди. / Внесла предложения о детских садах.",
     ("programme", datetime.date(2021, 11, 26)), False),
    ("Жаштар демилгеси", datetime.date(2021, 11, 26), "hearing",
     "Өнүктүрүү программасы боюнча коомдук угууга катышуу / Участие в слушаниях по программе развития",
     "Жаштар жана аялдар үчүн эс алуу жайы боюнча сунуш берди. / Предложила место досуга для молодёжи и женщин.",
     ("programme", datetime.date(2021, 11, 26)), False),
    ("Айры-Там аялдары", datetime.date(2021, 11, 26), "hearing",
     "Өнүктүрүү программасы боюнча коомдук угууга катышуу / Участие в слушаниях по программе развития",
     "", ("programme", datetime.date(2021, 11, 26)), False),
    ("Билим жана бала бакча", datetime.date(2021, 8, 20), "hearing",
     "Бюджет долбоору боюнча коомдук угууга катышуу / Участие в слушаниях по проекту бюджета",
     "Китепканалардын ишин жакшыртууну сунуштады. / Предложила улучшить работу библиотек.",
     ("budget_draft", datetime.date(2021, 8, 20)), False),
    ("Таза суу", datetime.date(2021, 8, 20), "hearing",
     "Бюджет долбоору боюнча коомдук угууга катышуу / Участие в слушаниях по проекту бюджета",
     "Ичүүчү суу ташуучу унаа сатып алууну сунуштады. / Предложила купить машину для подвоза питьевой воды.",
     ("budget_draft", datetime.date(2021, 8, 20)), False),
    ("Ачык бюджет", datetime.date(2021, 8, 20), "hearing",
     "Бюджет долбоору боюнча коомдук угууга катышуу / Участие в слушаниях по проекту бюджета",
     "Окуучуларды мектепке ташуучу автобус сатып алууну сунуштады. / "
     "Предложила купить автобус для подвоза школьников.",
     ("budget_draft", datetime.date(2021, 8, 20)), False),
    ("Коопсуз Ажек", datetime.date(2019, 4, 12), "survey",
     "Ажектеги сел коркунучу бар жерлерди аралап чыгуу / Обследование опасных при паводке участков Ажека",
     "Дамба курула турган жерди тургундар менен бирге белгилешти. / "
     "Вместе с жителями отметили место будущей дамбы.", None, False),
    ("Коопсуз Ажек", datetime.date(2020, 5, 15), "project",
     "Дамбаны курууга жана көчөт отургузууга эмгек менен катышуу / Трудовое участие в строительстве дамбы и посадке саженцев",
     "", None, True),
    ("Көчөлөр жана жарык", datetime.date(2018, 4, 20), "survey",
     "Айры-Тамдын көчөлөрүн аралап чыгуу / Обследование улиц Айры-Тама",
     "Жарык жана оңдоо керек болгон жерлер белгиленди. / Отмечены места, где нужны освещение и ремонт.",
     None, False),
    ("Жайыт жана мал", datetime.date(2016, 6, 10), "rules",
     "Мал айдоо жана кармоо эрежелеринин долбоорун даярдоо / Подготовка проекта правил прогона и содержания скота",
     "Долбоор айылдык кеңешке берилди. / Проект передан айылному кенешу.", None, False),
    ("Айры-Там аялдары", datetime.date(2017, 7, 3), "project",
     "Суу түтүгүн тартып жаткан жумушчуларды тамак менен камсыздоо / Питание рабочих при прокладке водопровода",
     "50 аял жумушчуларды күн сайын тамактандырып турушту. / 50 женщин ежедневно кормили рабочих.",
     None, True),
]


def _names(first_names, surnames, feminine):
    """Unique invented names, always in the same order."""
    seen = set()
    k = 0
    while True:
        first = first_names[k % len(first_names)]
        surname = surnames[(k * 7 + (k // len(first_names)) * 5) % len(surnames)] + ("а" if feminine else "")
        name = f"{first} {surname} {DEMO_MARK}"
        k += 1
        if name not in seen:
            seen.add(name)
            yield name


def demo_people():
    """[(group name, person fields, role, joined on)] for every open membership, in a fixed order."""
    women_names, men_names = _names(FEMALE_FIRST, SURNAMES, True), _names(MALE_FIRST, SURNAMES, False)
    villages = {group["name"]: group["villages"] for group in GROUPS}
    rows, person_number = [], 0
    new_members = {}
    for group in GROUPS:
        new_members[group["name"]] = []
        first_year, span = group["births"]
        for index in range(group["new"]):
            person_number += 1
            is_woman = index >= group["new"] - group["women"]
            group_villages = group["villages"]
            person = {
                "full_name": next(women_names if is_woman else men_names),
                "gender": Person.Gender.FEMALE if is_woman else Person.Gender.MALE,
                "birth_year": first_year + (index * 7) % span,
                "village": group_villages[index % len(group_villages)],
                "phone": f"0555 {810000 + person_number * 37:06d}",
                # About half agree that their names are published.
                "consents_to_publish_name": person_number % 2 == 0,
                "is_deputy": person_number % 17 == 3,
                "is_cso_representative": person_number % 23 == 5,
                "is_community_leader": index == 0 or person_number % 11 == 4,
            }
            person["cso_name"] = CSO_NAMES[person_number % len(CSO_NAMES)] if person["is_cso_representative"] else ""
            role = Membership.Role.LEADER if index == 0 else Membership.Role.MEMBER
            joined_on = group["founded_on"] + datetime.timedelta(days=(index * 13) % 120)
            rows.append((group["name"], person, role, joined_on))
            new_members[group["name"]].append(person)
    women_group = new_members["Айры-Там аялдары"]
    taken = 1  # the group's leader stays in her own group only
    for group in GROUPS:
        for person in women_group[taken:taken + group["from_women_group"]]:
            joined_on = max(group["founded_on"], datetime.date(2015, 6, 1))
            rows.append((group["name"], person, Membership.Role.MEMBER, joined_on))
        taken += group["from_women_group"]
    for index in SHARED_MEN["indexes"]:
        person = new_members[SHARED_MEN["from"]][index]
        founded = next(g["founded_on"] for g in GROUPS if g["name"] == SHARED_MEN["to"])
        rows.append((SHARED_MEN["to"], person, Membership.Role.MEMBER, founded))
    return rows


def _former_people():
    men = _names(MALE_FIRST, list(reversed(SURNAMES)), False)
    for skip in range(40):  # past the names the members use
        next(men)
    for (group_name, birth_year, joined_on, left_on), number in zip(FORMER_MEMBERS, range(900, 1000)):
        person = {
            "full_name": next(men), "gender": Person.Gender.MALE, "birth_year": birth_year - 45,
            "village": "Айры-Там", "phone": f"0555 {820000 + number:06d}", "consents_to_publish_name": False,
            "is_deputy": False, "is_cso_representative": False, "cso_name": "", "is_community_leader": False,
        }
        yield group_name, person, joined_on, left_on


def _save_person(fields, villages):
    fields = {**fields, "village": villages.get(fields["village"])}
    person, _created = Person.objects.update_or_create(full_name=fields.pop("full_name"), defaults=fields)
    return person


def _linked_hearing(hearing_key):
    """The hearings demo runs after this one: link the hearing when it is already there."""
    if hearing_key is None:
        return None
    from hearings.models import Hearing

    kind, date = hearing_key
    return Hearing.objects.filter(kind=kind, starts_at__date=date).order_by("pk").first()


def _linked_project(group):
    from projects.models import Project

    return Project.objects.filter(groups=group).order_by("pk").first()


def load(command):
    villages = {village.name: village for village in Village.objects.all()}
    groups = {}
    for spec in GROUPS:
        group, _created = InitiativeGroup.objects.update_or_create(name=spec["name"], defaults=in_languages(
            InitiativeGroup, {"founded_on": spec["founded_on"], "focus": spec["focus"], "purpose": spec["purpose"],
                              "description": spec["description"], "dissolved_on": None}))
        group.villages.set([villages[name] for name in spec["villages"] if name in villages])
        if not group.is_published:
            group.publish()
        groups[spec["name"]] = group

    people = {}
    for group_name, fields, role, joined_on in demo_people():
        person = people.get(fields["full_name"]) or _save_person(fields, villages)
        people[person.full_name] = person
        Membership.objects.update_or_create(person=person, group=groups[group_name], left_on=None,
                                            defaults={"role": role, "joined_on": joined_on})
    for group_name, fields, joined_on, left_on in _former_people():
        person = _save_person(fields, villages)
        Membership.objects.update_or_create(person=person, group=groups[group_name], joined_on=joined_on,
                                            defaults={"role": Membership.Role.MEMBER, "left_on": left_on})

    for group_name, date, kind, title, description, hearing_key, with_project in ACTIVITIES:
        group = groups[group_name]
        defaults = {"date": date, "kind": kind, "description": description}
        hearing = _linked_hearing(hearing_key)
        if hearing is not None:
            defaults["hearing"] = hearing
        project = _linked_project(group) if with_project else None
        if project is not None:
            defaults["project"] = project
        GroupActivity.objects.update_or_create(group=group, **in_languages(GroupActivity, {"title": title}),
                                               defaults=in_languages(GroupActivity, defaults))

    total = Person.objects.public_members().count()
    command.stdout.write(f"groups: {len(groups)} initiative groups, {total} members.")
