"""The demo reproduces what the AO's report says about its initiative groups."""
import io

import pytest

from groups import demo, selectors
from groups.models import GroupActivity, InitiativeGroup, Membership, Person

GROUP_NAMES = ["Таза суу", "Коопсуз Ажек", "Билим жана бала бакча", "Ачык бюджет", "Жаштар демилгеси",
               "Айры-Там аялдары", "Жайыт жана мал", "Көчөлөр жана жарык"]


class Command:
    stdout = io.StringIO()


@pytest.mark.django_db
def test_demo_reproduces_the_groups_of_the_report(demo_data):
    # Eight groups, all published, five of them founded in 2014.
    groups = InitiativeGroup.objects.published()
    assert sorted(groups.values_list("name", flat=True)) == sorted(GROUP_NAMES)
    assert groups.filter(founded_on__year=2014).count() == 5
    assert not InitiativeGroup.objects.drafts().exists()

    # The group of exactly 50 women who fed the workers laying the water pipe.
    women_group = InitiativeGroup.objects.get(name="Айры-Там аялдары")
    members = Person.objects.filter(memberships__group=women_group, memberships__left_on=None)
    assert members.count() == 50
    assert not members.exclude(gender=Person.Gender.FEMALE).exists()
    assert women_group.activities.filter(kind=GroupActivity.Kind.PROJECT).exists()

    # Women over 30 %; deputies, CSO representatives, leaders and youth among the members;
    # about half agree to be named.
    figures = selectors.figures()
    assert figures["women_share"] > 30
    assert 100 <= figures["total"] <= 200
    assert figures["deputies"] and figures["cso"] and figures["leaders"] and figures["youth"]
    assert 0.4 <= figures["named"] / figures["total"] <= 0.6

    # Both hearings of 2021 appear among the activities.
    dates = set(GroupActivity.objects.filter(kind="hearing").values_list("date", flat=True))
    assert {d.isoformat() for d in dates} == {"2021-11-26", "2021-08-20"}


@pytest.mark.django_db
def test_demo_people_are_marked_invented_and_loading_twice_changes_nothing(demo_data):
    assert not Person.objects.exclude(full_name__endswith=demo.DEMO_MARK).exists()
    names = list(Person.objects.values_list("full_name", flat=True))
    assert not [(a, b) for a in names for b in names if a != b and a in b], "a name hides inside another"

    def counts():
        return (InitiativeGroup.objects.count(), Person.objects.count(), Membership.objects.count(),
                GroupActivity.objects.count())

    before = counts()
    demo.load(Command())
    assert counts() == before
