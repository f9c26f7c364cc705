"""Pages keep the same number of queries however many members the groups have."""
import pytest

from .factories import ActivityFactory, GroupFactory, MembershipFactory


def fill(groups, members):
    for index in range(members):
        MembershipFactory(group=groups[index % len(groups)], person__gender="female" if index % 3 else "male",
                          person__consents_to_publish_name=bool(index % 2))


@pytest.fixture
def groups(db, municipality):
    groups = GroupFactory.create_batch(4)
    for group in groups:
        ActivityFactory.create_batch(3, group=group)
    return groups


@pytest.mark.django_db
@pytest.mark.parametrize("members", [4, 100])
def test_public_pages_query_count_stays_flat(client, groups, members, django_assert_max_num_queries):
    fill(groups, members)
    client.get("/en/")  # the municipality is cached from here on
    with django_assert_max_num_queries(5):  # the page's ids, then its groups with their counts
        assert client.get("/en/groups/").status_code == 200
    with django_assert_max_num_queries(5):
        assert client.get(f"/en/groups/{groups[0].pk}/").status_code == 200
    with django_assert_max_num_queries(5):
        assert client.get("/en/groups/figures/").status_code == 200
    with django_assert_max_num_queries(3):
        assert client.get("/en/groups/initiative-groups.csv").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("members", [4, 100])
def test_staff_pages_query_count_stays_flat(staff_client, groups, members, django_assert_max_num_queries):
    fill(groups, members)
    staff_client.get("/en/")
    with django_assert_max_num_queries(8):
        assert staff_client.get("/en/groups/staff/").status_code == 200
    with django_assert_max_num_queries(9):
        assert staff_client.get(f"/en/groups/staff/{groups[0].pk}/").status_code == 200
    with django_assert_max_num_queries(9):
        assert staff_client.get("/en/groups/staff/people/").status_code == 200
