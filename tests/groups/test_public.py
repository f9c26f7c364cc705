"""What citizens see of the initiative groups: published groups, counts, figures."""
import csv
import datetime
import io

import pytest

from groups import selectors
from tests.factories import VillageFactory

from .factories import ActivityFactory, GroupFactory, MembershipFactory, PersonFactory

THIS_YEAR = datetime.date.today().year


def html(response):
    return response.content.decode()


@pytest.mark.django_db
class TestList:
    def test_citizen_sees_published_groups_with_purpose_villages_year_and_counts(self, client):
        village = VillageFactory(name="Айры-Там")
        group = GroupFactory(name="Таза суу", purpose="Айылды таза суу менен камсыздоо", villages=[village],
                             founded_on=datetime.date(2014, 3, 15))
        MembershipFactory.create_batch(2, group=group, person__gender="female")
        MembershipFactory(group=group)
        MembershipFactory(group=group, left_on=datetime.date(2020, 1, 1))
        page = html(client.get("/en/groups/"))
        assert "Таза суу" in page and "Айылды таза суу менен камсыздоо" in page and "Айры-Там" in page
        assert "2014" in page
        assert "3 members, of them women: 2" in page

    def test_the_list_shows_thirty_groups_a_page_with_the_totals_of_all(self, client, django_assert_max_num_queries):
        for number in range(31):
            group = GroupFactory(name=f"Топ №{number:02d}", founded_on=datetime.date(2000 + number % 20, 1, 1 + number))
            MembershipFactory(group=group, person__gender="female")
        first = html(client.get("/en/groups/"))
        assert first.count('class="card h-100 group-card"') == 30
        assert "Page 1 of 2" in first and 'href="?page=2"' in first
        assert "1 member, of them women: 1" in first
        second = html(client.get("/en/groups/?page=2"))
        assert second.count('class="card h-100 group-card"') == 1 and "Page 2 of 2" in second
        names = [f"Топ №{number:02d}" for number in range(31)]
        assert all((name in first) != (name in second) for name in names)  # each group on one page only
        for page in (first, second):
            assert ">31<" in page  # the members of all groups, counted on every page
        assert client.get("/en/groups/?page=3").status_code == 404

    def test_draft_group_is_not_listed_for_citizens_but_is_for_deputies(self, client, deputy_client):
        GroupFactory(name="Жашыруун топ", draft=True)
        assert "Жашыруун топ" not in html(client.get("/en/groups/"))
        page = html(deputy_client.get("/en/groups/"))
        assert "Жашыруун топ" in page and "Draft" in page

    def test_draft_group_page_is_not_found_for_citizens(self, client):
        group = GroupFactory(draft=True)
        assert client.get(f"/en/groups/{group.pk}/").status_code == 404
        assert client.get(f"/en/groups/{group.pk}/card.pdf").status_code == 404


@pytest.mark.django_db
class TestGroupPage:
    def test_group_page_shows_purpose_description_dates_roles_and_activities(self, client):
        group = GroupFactory(name="Коопсуз Ажек", purpose="Селден коргоо", description="Дамба курулду",
                             founded_on=datetime.date(2014, 4, 10), dissolved_on=datetime.date(2022, 12, 31))
        MembershipFactory(group=group, role="leader", person__full_name="Алмаз Турдубаев",
                          person__consents_to_publish_name=True)
        ActivityFactory(group=group, title="Сел коркунучу бар жерлерди аралап чыгуу", date=datetime.date(2019, 4, 12))
        page = html(client.get(f"/en/groups/{group.pk}/"))
        for text in ("Селден коргоо", "Дамба курулду", "10.04.2014", "31.12.2022", "Алмаз Турдубаев", "Leader",
                     "Сел коркунучу бар жерлерди аралап чыгуу", "12.04.2019", "Surveyed the territory"):
            assert text in page, text

    def test_members_without_consent_are_shown_as_a_count(self, client):
        group = GroupFactory()
        MembershipFactory(group=group, person__full_name="Айжан Сыдыкова", person__consents_to_publish_name=True)
        MembershipFactory.create_batch(12, group=group)
        page = html(client.get(f"/en/groups/{group.pk}/"))
        assert "Айжан Сыдыкова" in page
        assert "and 12 more members, whose names are not published." in page

    def test_leaders_are_listed_first(self, client):
        group = GroupFactory()
        MembershipFactory(group=group, person__full_name="Азамат Абаев", person__consents_to_publish_name=True)
        MembershipFactory(group=group, role="leader", person__full_name="Эрмек Эсенов",
                          person__consents_to_publish_name=True)
        page = html(client.get(f"/en/groups/{group.pk}/"))
        assert page.index("Эрмек Эсенов") < page.index("Азамат Абаев")

    def test_activity_links_a_published_hearing_only(self, client):
        from django.utils import timezone

        from hearings.models import Hearing

        hearing = Hearing.objects.create(kind="budget_draft", topic="Бюджеттин долбоору DRAFTHEARING",
                                         starts_at=timezone.now())
        group = GroupFactory()
        ActivityFactory(group=group, hearing=hearing, title="Угууга катышты")
        assert "DRAFTHEARING" not in html(client.get(f"/en/groups/{group.pk}/"))
        hearing.publish()
        assert "DRAFTHEARING" in html(client.get(f"/en/groups/{group.pk}/"))


@pytest.mark.django_db
class TestFigures:
    def test_people_are_counted_once_and_only_in_published_groups_while_members(self):
        first, second, draft = GroupFactory(), GroupFactory(), GroupFactory(draft=True)
        woman = PersonFactory(gender="female", birth_year=THIS_YEAR - 20)
        MembershipFactory(person=woman, group=first)
        MembershipFactory(person=woman, group=second)
        MembershipFactory(group=first, person__birth_year=THIS_YEAR - 29, person__is_deputy=True)
        MembershipFactory(group=draft)  # not counted: the group is a draft
        MembershipFactory(group=first, left_on=datetime.date(2020, 1, 1))  # not counted: left
        figures = selectors.figures()
        assert (figures["total"], figures["women"], figures["men"]) == (2, 1, 1)
        assert figures["youth"] == 1 and figures["deputies"] == 1
        assert figures["women_share"] == 50.0 and figures["groups"] == 2

    @pytest.mark.parametrize("age,is_youth", [(13, False), (14, True), (28, True), (29, False)])
    def test_youth_are_14_to_28_years_old(self, age, is_youth):
        MembershipFactory(group=GroupFactory(), person__birth_year=THIS_YEAR - age)
        assert selectors.figures()["youth"] == (1 if is_youth else 0)

    def test_groups_per_year_count_groups_active_in_that_year(self):
        GroupFactory(founded_on=datetime.date(2014, 3, 15))
        GroupFactory(founded_on=datetime.date(2014, 6, 5), dissolved_on=datetime.date(2016, 5, 1))
        GroupFactory(founded_on=datetime.date(2018, 2, 15))
        GroupFactory(founded_on=datetime.date(2015, 1, 1), draft=True)
        per_year = dict(selectors.figures()["per_year"])
        assert per_year[2014] == 2 and per_year[2015] == 2 and per_year[2016] == 2
        assert per_year[2017] == 1 and per_year[2018] == 2 and per_year[THIS_YEAR] == 2

    def test_figures_page_after_the_demo_shows_8_groups_and_women_over_30_percent(self, client, demo_data):
        response = client.get("/en/groups/figures/")
        figures = response.context["figures"]
        assert figures["groups"] == 8 and figures["active_groups"] == 8
        assert figures["women_share"] > 30
        page = html(response)
        assert "The share of women meets the target of 30 %." in page
        # The chart's table for screen readers: 5 groups in 2014, 8 since 2018.
        assert '<th scope="row">2014</th><td>5</td>' in page
        assert '<th scope="row">2018</th><td>8</td>' in page
        assert "<svg" in page

    def test_home_page_card_counts_published_groups_and_members(self, client):
        group = GroupFactory()
        GroupFactory(draft=True)
        MembershipFactory(group=group, person__gender="female")
        section = selectors.public_section()
        assert section["url"] == "/ky/groups/" or section["url"].endswith("/groups/")
        assert dict(section["figures"])["initiative group"] == "1"
        assert "Initiative groups" in html(client.get("/en/"))


@pytest.mark.django_db
class TestCsv:
    def test_csv_of_published_groups_has_a_header_and_counts(self, client):
        village = VillageFactory(name="Ажек")
        group = GroupFactory(name="Коопсуз Ажек", villages=[village], founded_on=datetime.date(2014, 4, 10))
        MembershipFactory(group=group, person__gender="female", person__birth_year=THIS_YEAR - 20)
        MembershipFactory(group=group, person__is_deputy=True)
        GroupFactory(name="Жашыруун топ", draft=True)
        response = client.get("/en/groups/initiative-groups.csv")
        assert response["Content-Type"].startswith("text/csv")
        content = response.content.decode("utf-8")
        assert not content.startswith("\ufeff")  # open data: plain UTF-8; the Excel variant has the BOM
        assert client.get("/en/groups/initiative-groups.csv?dialect=excel").content.decode().startswith("\ufeff")
        rows = list(csv.reader(io.StringIO(content)))
        assert rows[0][:3] == ["Name", "Focus", "Villages"]
        assert len(rows) == 2
        row = dict(zip(rows[0], rows[1]))
        assert (row["Name"], row["Villages"], row["Founded on"], row["Members"], row["Women"]) == (
            "Коопсуз Ажек", "Ажек", "2014-04-10", "2", "1")
        assert row["Aiyl kenesh deputies"] == "1" and row["Youth (14–28 years)"] == "1"



@pytest.mark.django_db
def test_the_figures_page_charts_the_groups_by_share_of_current_women_and_lists_those_below_target(client):
    water = GroupFactory(name="Таза суу")
    MembershipFactory.create_batch(3, group=water, person__gender="female")
    MembershipFactory(group=water, person__gender="male")
    MembershipFactory(group=water, person__gender="female", left_on=datetime.date(2020, 1, 1))  # left: not counted
    roads = GroupFactory(name="Жол топ")  # 2 women of 7: 28.6 %, below the 30 % target
    MembershipFactory.create_batch(2, group=roads, person__gender="female")
    MembershipFactory.create_batch(5, group=roads, person__gender="male")
    GroupFactory(name="Жаш топ")  # no members yet
    GroupFactory(name="Жашыруун топ", draft=True)
    page = html(client.get("/en/groups/figures/"))
    chart = page[page.index("Groups by their share of women"):]
    chart = chart[:chart.index("</figure>")]
    # The screen-reader table of the chart: one row a band, the number of groups in it.
    assert '<th scope="row">70 to under 80 %</th><td>1</td>' in chart  # Таза суу, 75 %
    assert '<th scope="row">20 to under 30 %</th><td>1</td>' in chart  # Жол топ
    assert '<th scope="row">No current members</th><td>1</td>' in chart  # Жаш топ
    assert "Таза суу" not in chart and "Жашыруун топ" not in page
    below = page[page.index("below the target"):]
    assert "1 group of 3 is below the target of 30 % women" in page
    assert "Жол топ" in below and "28.6\xa0%" in below and "Таза суу" not in below


@pytest.mark.django_db
def test_the_figures_page_is_as_long_for_three_times_the_groups(client, django_assert_max_num_queries):
    sizes = []
    for count in (24, 72):  # half the groups without women: more than ten below the target either way
        for number in range(count - (24 if sizes else 0)):
            group = GroupFactory(name=f"Топ ң{number:03}")
            MembershipFactory.create_batch(number % 2, group=group, person__gender="female")
            MembershipFactory(group=group, person__gender="male")
        with django_assert_max_num_queries(8):
            response = client.get("/ky/groups/figures/")
        sizes.append(len(response.content))
    assert abs(sizes[1] - sizes[0]) < 300, sizes  # eleven bars and at most ten groups listed, either way
    page = html(client.get("/ru/groups/figures/"))
    assert "Группы по доле женщин" in page and "ниже цели в 30 % женщин" in page.replace("\xa0", " ")
