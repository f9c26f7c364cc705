"""The groups' share of the benchmark data (core.bench): initiative groups, their people and
memberships, and what they did (activities), all marked with core.bench.PREFIX."""
import datetime

from core.bench import PREFIX, bulk, raw_delete

from .models import GroupActivity, InitiativeGroup, Membership, Person, name_key

MEMBERS_PER_GROUP = 40
ACTIVITIES_PER_GROUP = 5


def seed(bench):
    focuses = [value for value, _label in InitiativeGroup.Focus.choices]
    groups, villages = [], []
    for number in range(1, bench.counts["groups"] + 1):
        founded = bench.date_between(datetime.date(2014, 1, 1), datetime.date(2024, 12, 31))
        status, published_at = bench.published(founded)
        name = f"{PREFIX}Демилгелүү топ №{number}"
        groups.append(InitiativeGroup(
            name=name, name_key=name_key(name), focus=bench.rng.choice(focuses),
            purpose=bench.text(12), description=bench.text(30), founded_on=founded,
            dissolved_on=founded + datetime.timedelta(days=900) if bench.rng.random() < 0.1 else None,
            status=status, published_at=published_at))
        villages.append(bench.some_villages())
    groups = bulk(InitiativeGroup, groups)
    through = InitiativeGroup.villages.through
    bulk(through, [through(initiativegroup_id=group.pk, village_id=village.pk)
                   for group, chosen in zip(groups, villages) for village in chosen])
    people, memberships = [], []
    for group in groups:
        for index in range(MEMBERS_PER_GROUP):
            number = len(people) + 1
            name = f"{PREFIX}Адам {number:06d} уулу"
            people.append(Person(
                full_name=name, name_key=name_key(name),
                gender=bench.rng.choice(["female", "male"]),
                birth_year=bench.rng.randint(1950, 2008) if bench.rng.random() < 0.9 else None,
                village=bench.village(),
                phone=f"0700 {number:06d}", is_deputy=bench.rng.random() < 0.05,
                is_cso_representative=bench.rng.random() < 0.05,
                is_community_leader=bench.rng.random() < 0.1,
                consents_to_publish_name=bench.rng.random() < 0.6))
            joined = bench.date_between(group.founded_on, bench.today)
            memberships.append((group, index, joined,
                                joined + datetime.timedelta(days=400) if bench.rng.random() < 0.1 else None))
    people = bulk(Person, people)
    bulk(Membership, [
        Membership(person=person, group=group, role="leader" if index == 0 else "member",
                   joined_on=joined, left_on=left_on)
        for person, (group, index, joined, left_on) in zip(people, memberships)])
    kinds = [value for value, _label in GroupActivity.Kind.choices]
    activities = bulk(GroupActivity, [
        GroupActivity(group=group, date=bench.date_between(group.founded_on, bench.today),
                      kind=bench.rng.choice(kinds), title=f"{PREFIX}{bench.text(4)}", description=bench.text(15))
        for group in groups for _index in range(ACTIVITIES_PER_GROUP)])
    bench.count("groups", groups)
    bench.count("group activities", activities)
    bench.count("people", people)
    bench.count("memberships", memberships)


def exists():
    return InitiativeGroup.objects.filter(name__startswith=PREFIX).exists()


def delete():
    """The bench groups, their people and everything that points at them."""
    groups = InitiativeGroup.objects.filter(name__startswith=PREFIX)
    raw_delete(Membership.objects.filter(group__in=groups), GroupActivity.objects.filter(group__in=groups),
               InitiativeGroup.villages.through.objects.filter(initiativegroup__in=groups),
               InitiativeGroup.projects.through.objects.filter(initiativegroup__in=groups),
               groups, Person.objects.filter(full_name__startswith=PREFIX))
