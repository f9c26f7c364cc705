"""What staff can do with groups, people, memberships and activities — and what bad input
they are refused, with nothing saved."""
import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from groups import services
from groups.models import GroupActivity, InitiativeGroup, Membership, Person
from tests.factories import VillageFactory

from .factories import GroupFactory, MembershipFactory, PersonFactory

THIS_YEAR = datetime.date.today().year


def html(response):
    return response.content.decode()


def new_person_data(**overrides):
    data = {
        "full_name": "Айгүл Асанова", "gender": "female", "birth_year": "1985", "village": "",
        "phone": "0700 123456", "role": "member", "joined_on": "2021-03-01",
    }
    data.update(overrides)
    return data


@pytest.fixture
def group(db):
    return GroupFactory(name="Таза суу")


@pytest.mark.django_db
class TestAccess:
    @pytest.mark.parametrize("path", ["/en/groups/staff/", "/en/groups/staff/new/", "/en/groups/staff/people/"])
    def test_anonymous_visitor_is_sent_to_log_in(self, client, path):
        response = client.get(path)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]

    def test_deputy_and_user_without_role_cannot_open_staff_pages(self, role_clients, group):
        for role in ("deputy", "no_role"):
            assert role_clients[role].get(f"/en/groups/staff/{group.pk}/members/add/").status_code == 403
            response = role_clients[role].post(f"/en/groups/staff/{group.pk}/edit/", {"name": "X"})
            assert response.status_code == 403
        group.refresh_from_db()
        assert group.name == "Таза суу"


@pytest.mark.django_db
class TestGroupForms:
    def test_staff_creates_a_group_as_a_draft(self, staff_client):
        village = VillageFactory(name="Ажек")
        response = staff_client.post("/en/groups/staff/new/", {
            "name": "Коопсуз Ажек", "focus": "environment", "villages": [village.pk],
            "purpose_ky": "Селден коргоо", "founded_on": "2014-04-10",
        })
        group = InitiativeGroup.objects.get()
        assert response.status_code == 302 and response["Location"] == f"/en/groups/staff/{group.pk}/"
        assert group.name == "Коопсуз Ажек" and not group.is_published
        assert list(group.villages.all()) == [village]

    def test_group_without_a_name_is_refused_with_a_message(self, staff_client):
        response = staff_client.post("/en/groups/staff/new/", {
            "name": "  ", "focus": "water", "purpose_ky": "Суу", "founded_on": "2014-04-10"})
        assert response.status_code == 200
        assert "Give the group a name." in html(response)
        assert not InitiativeGroup.objects.exists()

    def test_group_without_a_name_is_refused_in_russian_too(self, staff_client):
        response = staff_client.post("/ru/groups/staff/new/", {
            "name": "", "focus": "water", "purpose_ky": "Суу", "founded_on": "2014-04-10"})
        assert "Укажите название группы." in html(response)
        assert not InitiativeGroup.objects.exists()

    def test_group_cannot_be_dissolved_before_it_was_founded(self, staff_client, group):
        response = staff_client.post(f"/en/groups/staff/{group.pk}/edit/", {
            "name": "Таза суу 2", "focus": "water", "purpose_ky": "Суу", "founded_on": "2014-04-10",
            "dissolved_on": "2013-01-01"})
        assert "A group cannot be dissolved before it was founded." in html(response)
        group.refresh_from_db()
        assert group.name == "Таза суу" and group.dissolved_on is None

    def test_staff_edits_a_group(self, staff_client, group):
        response = staff_client.post(f"/en/groups/staff/{group.pk}/edit/", {
            "name": "Таза суу жана булактар", "focus": "water", "purpose_ky": "Суу", "founded_on": "2014-03-15",
            "dissolved_on": "2020-12-31"})
        assert response.status_code == 302
        group.refresh_from_db()
        assert group.name == "Таза суу жана булактар" and group.dissolved_on == datetime.date(2020, 12, 31)

    def test_staff_publishes_and_unpublishes_from_the_groups_staff_page(self, staff_client):
        group = GroupFactory(draft=True)
        page = html(staff_client.get(f"/en/groups/staff/{group.pk}/"))
        assert f'action="/en/staff/publish/groups.InitiativeGroup/{group.pk}/"' in page
        staff_client.post(f"/en/staff/publish/groups.InitiativeGroup/{group.pk}/", {"action": "publish"})
        group.refresh_from_db()
        assert group.is_published
        staff_client.post(f"/en/staff/publish/groups.InitiativeGroup/{group.pk}/", {"action": "unpublish"})
        group.refresh_from_db()
        assert not group.is_published


@pytest.mark.django_db
class TestAddMember:
    def url(self, group):
        return f"/en/groups/staff/{group.pk}/members/add/"

    def test_staff_adds_a_new_person_and_the_membership_at_once(self, staff_client, group):
        village = VillageFactory(name="Айры-Там")
        response = staff_client.post(self.url(group), new_person_data(
            village=village.pk, is_deputy="on", is_cso_representative="on", cso_name="«Аялдар кеңеши»",
            consents_to_publish_name="on", role="leader"))
        assert response.status_code == 302 and response["Location"] == f"/en/groups/staff/{group.pk}/"
        person = Person.objects.get()
        assert (person.full_name, person.gender, person.birth_year, person.village) == (
            "Айгүл Асанова", "female", 1985, village)
        assert person.is_deputy and person.is_cso_representative and person.consents_to_publish_name
        membership = Membership.objects.get()
        assert (membership.group, membership.role, membership.joined_on) == (group, "leader", datetime.date(2021, 3, 1))

    def test_save_and_add_another_comes_back_to_the_form(self, staff_client, group):
        response = staff_client.post(self.url(group), {**new_person_data(), "add_another": "1"})
        assert response["Location"] == self.url(group)

    def test_staff_picks_an_existing_person_from_the_select(self, staff_client, group):
        person = PersonFactory(full_name="Бакыт Осмонов")
        MembershipFactory(person=person, group=GroupFactory())
        response = staff_client.post(self.url(group), {"existing_person": person.pk, "role": "member",
                                                       "joined_on": "2022-01-10"})
        assert response.status_code == 302
        assert Person.objects.count() == 1
        assert Membership.objects.filter(person=person, group=group, left_on=None).exists()

    def test_same_name_and_birth_year_warns_and_offers_the_existing_person(self, staff_client, group):
        existing = PersonFactory(full_name="Айгүл Асанова", birth_year=1985)
        response = staff_client.post(self.url(group), new_person_data(full_name="  айгүл   АСАНОВА "))
        page = html(response)
        assert response.status_code == 200
        assert "A person with this name and birth year is already recorded" in page
        assert f'name="use_person" value="{existing.pk}"' in page
        assert 'name="create_anyway"' in page
        assert Person.objects.count() == 1 and not Membership.objects.exists()

    def test_offered_person_is_added_instead_of_a_new_one(self, staff_client, group):
        existing = PersonFactory(full_name="Айгүл Асанова", birth_year=1985)
        response = staff_client.post(self.url(group), {**new_person_data(), "use_person": existing.pk})
        assert response.status_code == 302
        assert Person.objects.count() == 1
        assert Membership.objects.get().person == existing

    def test_create_anyway_makes_a_second_person_with_the_same_name(self, staff_client, group):
        PersonFactory(full_name="Айгүл Асанова", birth_year=1985)
        response = staff_client.post(self.url(group), {**new_person_data(), "create_anyway": "on"})
        assert response.status_code == 302
        assert Person.objects.filter(full_name="Айгүл Асанова").count() == 2
        assert Membership.objects.get().person.phone == "0700 123456"

    def test_same_name_with_another_birth_year_is_no_duplicate(self, staff_client, group):
        PersonFactory(full_name="Айгүл Асанова", birth_year=1990)
        response = staff_client.post(self.url(group), new_person_data())
        assert response.status_code == 302
        assert Person.objects.count() == 2

    @pytest.mark.parametrize("birth_year", ["1850", str(THIS_YEAR), str(THIS_YEAR - 9)])
    def test_birth_year_out_of_range_is_refused_and_nothing_saved(self, staff_client, group, birth_year):
        response = staff_client.post(self.url(group), new_person_data(birth_year=birth_year))
        assert f"The birth year must be between 1900 and {THIS_YEAR - 10}." in html(response)
        assert not Person.objects.exists() and not Membership.objects.exists()

    def test_birth_year_message_is_translated(self, staff_client, group):
        response = staff_client.post(f"/ky/groups/staff/{group.pk}/members/add/", new_person_data(birth_year="1850"))
        assert f"Туулган жылы 1900 менен {THIS_YEAR - 10} ортосунда болушу керек." in html(response)
        assert not Person.objects.exists()

    def test_second_open_membership_in_the_same_group_is_refused(self, staff_client, group):
        membership = MembershipFactory(group=group, person__full_name="Нурлан Жумабаев")
        response = staff_client.post(self.url(group), {"existing_person": membership.person.pk, "role": "member",
                                                       "joined_on": "2022-01-10"})
        assert "Нурлан Жумабаев is already a member of this group." in html(response)
        assert Membership.objects.count() == 1

    def test_who_left_may_join_again(self, staff_client, group):
        membership = MembershipFactory(group=group, left_on=datetime.date(2019, 1, 1))
        response = staff_client.post(self.url(group), {"existing_person": membership.person.pk, "role": "member",
                                                       "joined_on": "2022-01-10"})
        assert response.status_code == 302
        assert group.memberships.open().count() == 1 and group.memberships.count() == 2

    def test_new_person_needs_a_name_and_a_gender(self, staff_client, group):
        response = staff_client.post(self.url(group), new_person_data(full_name="", gender=""))
        page = html(response)
        assert "Pick an existing person above or give the new person&#x27;s full name." in page
        assert "Give the new person&#x27;s gender." in page
        assert not Person.objects.exists()

    def test_cso_representative_needs_the_organisations_name(self, staff_client, group):
        response = staff_client.post(self.url(group), new_person_data(is_cso_representative="on"))
        assert "Name the organisation this person represents." in html(response)
        assert not Person.objects.exists()

    def test_new_person_is_not_left_behind_when_the_membership_fails(self, group):
        with pytest.raises(ValidationError):
            services.add_member(group, role="chief", joined_on=datetime.date(2021, 1, 1), person_data={
                "full_name": "Жылдыз Мамытова", "gender": "female", "birth_year": 1990})
        assert not Person.objects.exists() and not Membership.objects.exists()


@pytest.mark.django_db
class TestMembershipAndPerson:
    def test_staff_ends_a_membership(self, staff_client, group):
        membership = MembershipFactory(group=group, joined_on=datetime.date(2015, 1, 1))
        response = staff_client.post(f"/en/groups/staff/memberships/{membership.pk}/end/", {"left_on": "2020-05-01"})
        assert response.status_code == 302
        membership.refresh_from_db()
        assert membership.left_on == datetime.date(2020, 5, 1)

    def test_membership_cannot_end_before_it_starts(self, staff_client, group):
        membership = MembershipFactory(group=group, joined_on=datetime.date(2015, 1, 1))
        response = staff_client.post(f"/en/groups/staff/memberships/{membership.pk}/end/", {"left_on": "2014-05-01"})
        assert "A membership cannot end before it starts." in html(response)
        membership.refresh_from_db()
        assert membership.left_on is None

    def test_ending_needs_a_date(self, staff_client, group):
        membership = MembershipFactory(group=group)
        response = staff_client.post(f"/en/groups/staff/memberships/{membership.pk}/end/", {"left_on": ""})
        assert "Give the date the person left the group." in html(response)

    def test_staff_edits_a_person(self, staff_client, group):
        person = MembershipFactory(group=group).person
        response = staff_client.post(f"/en/groups/staff/people/{person.pk}/edit/?next=/en/groups/staff/{group.pk}/", {
            "full_name": "Эрлан Сыдыков", "gender": "male", "birth_year": "2001", "phone": "0555 000111",
            "consents_to_publish_name": "on", "next": f"/en/groups/staff/{group.pk}/"})
        assert response.status_code == 302 and response["Location"] == f"/en/groups/staff/{group.pk}/"
        person.refresh_from_db()
        assert (person.full_name, person.birth_year, person.consents_to_publish_name) == ("Эрлан Сыдыков", 2001, True)

    def test_person_with_a_birth_year_out_of_range_is_not_saved(self, staff_client):
        person = PersonFactory(birth_year=1980)
        response = staff_client.post(f"/en/groups/staff/people/{person.pk}/edit/", {
            "full_name": person.full_name, "gender": "male", "birth_year": "1899"})
        assert f"The birth year must be between 1900 and {THIS_YEAR - 10}." in html(response)
        person.refresh_from_db()
        assert person.birth_year == 1980

    def test_staff_group_page_shows_members_with_their_personal_data(self, staff_client, group):
        MembershipFactory(group=group, person__full_name="Асель Ташиева", person__phone="0700 555444",
                          person__birth_year=1992, role="leader")
        MembershipFactory(group=group, person__full_name="Марат Бекболотов", left_on=datetime.date(2020, 1, 1))
        page = html(staff_client.get(f"/en/groups/staff/{group.pk}/"))
        assert "Асель Ташиева" in page and "0700 555444" in page and "1992" in page
        assert "Former members" in page and "Марат Бекболотов" in page

    def test_people_list_finds_a_person_by_any_case(self, staff_client):
        PersonFactory(full_name="Чолпон Орозбаева")
        PersonFactory(full_name="Талант Калыков")
        page = html(staff_client.get("/en/groups/staff/people/", {"q": "чолпон"}))
        assert "Чолпон Орозбаева" in page and "Талант Калыков" not in page


@pytest.mark.django_db
class TestActivities:
    def test_staff_records_an_activity_linked_to_a_hearing(self, staff_client, group):
        from hearings.models import Hearing

        hearing = Hearing.objects.create(kind="budget_draft", topic="2022-жылдын бюджетинин долбоору",
                                         starts_at=timezone.now() - datetime.timedelta(days=30))
        response = staff_client.post(f"/en/groups/staff/{group.pk}/activities/new/", {
            "date": "2021-08-20", "kind": "hearing", "title_ky": "Бюджет боюнча угууга катышты",
            "description_ky": "Үч сунуш берди", "hearing": hearing.pk})
        assert response.status_code == 302
        activity = GroupActivity.objects.get()
        assert (activity.group, activity.hearing, activity.date) == (group, hearing, datetime.date(2021, 8, 20))

    def test_activity_without_a_title_is_refused(self, staff_client, group):
        response = staff_client.post(f"/en/groups/staff/{group.pk}/activities/new/", {
            "date": "2021-08-20", "kind": "survey", "title_ky": ""})
        assert "Say in a few words what the group did." in html(response)
        assert not GroupActivity.objects.exists()

    def test_staff_edits_an_activity(self, staff_client, group):
        activity = GroupActivity.objects.create(group=group, date=datetime.date(2020, 1, 1), kind="other", title="A")
        staff_client.post(f"/en/groups/staff/activities/{activity.pk}/edit/", {
            "date": "2020-02-02", "kind": "survey", "title_ky": "Аймакты аралап чыгуу"})
        activity.refresh_from_db()
        assert (activity.title, activity.kind) == ("Аймакты аралап чыгуу", "survey")


@pytest.mark.django_db
class TestStaffListFilters:
    @pytest.fixture
    def groups(self):
        airy_tam, azhek = VillageFactory(name="Айры-Там"), VillageFactory(name="Ажек")
        return {
            "water": GroupFactory(name="Таза суу", focus="water", villages=[airy_tam]),
            "dam": GroupFactory(name="Коопсуз Ажек", focus="environment", villages=[azhek]),
            "old": GroupFactory(name="Эски топ", focus="water", villages=[azhek],
                                dissolved_on=datetime.date(2019, 1, 1)),
            "draft": GroupFactory(name="Жаңы топ", focus="budget", villages=[airy_tam, azhek], draft=True),
        }

    def names(self, client, **params):
        response = client.get("/en/groups/staff/", params)
        return {group.name for group in response.context["groups"]}

    def test_search_by_name_ignores_case(self, staff_client, groups):
        assert self.names(staff_client, q="таза") == {"Таза суу"}
        assert self.names(staff_client, q="ТОП") == {"Эски топ", "Жаңы топ"}

    def test_filter_by_village(self, staff_client, groups):
        azhek = groups["dam"].villages.get()
        assert self.names(staff_client, village=azhek.pk) == {"Коопсуз Ажек", "Эски топ", "Жаңы топ"}

    def test_filter_active_or_dissolved(self, staff_client, groups):
        assert self.names(staff_client, state="dissolved") == {"Эски топ"}
        assert "Эски топ" not in self.names(staff_client, state="active")

    def test_filter_by_focus_and_publication(self, staff_client, groups):
        assert self.names(staff_client, focus="water") == {"Таза суу", "Эски топ"}
        assert self.names(staff_client, status="draft") == {"Жаңы топ"}
        assert self.names(staff_client, focus="water", state="active", q="суу") == {"Таза суу"}

    def test_work_list_counts_draft_groups(self, staff_client, groups):
        page = html(staff_client.get("/en/staff/"))
        assert "Initiative groups not yet published" in page
        assert "/en/groups/staff/?status=draft" in page
