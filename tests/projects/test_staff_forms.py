"""Staff record a project with its funding on one page: all of it is saved, or none of it."""
import datetime
from decimal import Decimal

import pytest
from django.urls import reverse as django_reverse
from django.utils import translation

from hearings.models import Proposal
from projects.models import FundingContribution, Project
from tests.factories import VillageFactory
from tests.projects.factories import (ContributionFactory, GroupFactory, ProjectFactory, ProposalFactory)

pytestmark = pytest.mark.django_db

def reverse(name, *args, **kwargs):
    """English pages, so that the messages read as in the source."""
    with translation.override("en"):
        return django_reverse(name, *args, **kwargs)


CONTRIBUTION_FIELDS = ["source", "funder", "amount", "amount_undisclosed", "in_kind_description",
                       "contest_name", "contest_year", "contest_place"]


def post_data(project=None, contributions=(), **fields):
    """The form as a browser would send it: the project, then the contributions formset."""
    data = {
        "project-title_ky": "Мектепке ташуу",
        "project-summary_ky": "",
        "project-description_ky": "Окуучулар ташылат",
        "project-state": "done",
        "project-started_on": "",
        "project-finished_on": "",
        "project-result_ky": "",
    }
    if project is not None:
        data["project-version"] = str(project.version)
    data.update({f"project-{key}": value for key, value in fields.items()})
    existing = list(project.contributions.order_by("pk")) if project else []
    rows = list(contributions)
    data.update({
        "contributions-TOTAL_FORMS": str(len(rows)),
        "contributions-INITIAL_FORMS": str(len(existing)),
        "contributions-MIN_NUM_FORMS": "0",
        "contributions-MAX_NUM_FORMS": "1000",
    })
    for index, row in enumerate(rows):
        if index < len(existing):
            data[f"contributions-{index}-id"] = str(existing[index].pk)
        for field in CONTRIBUTION_FIELDS:
            value = row.get(field, "")
            if field in ("funder", "in_kind_description"):  # translated: the Kyrgyz column
                field = f"{field}_ky"
            if field == "amount_undisclosed":
                if value:
                    data[f"contributions-{index}-{field}"] = "on"
                continue
            data[f"contributions-{index}-{field}"] = "" if value is None else str(value)
        if row.get("DELETE"):
            data[f"contributions-{index}-DELETE"] = "on"
    return data


LOCAL = {"source": "local_budget", "funder": "Жергиликтүү бюджет", "amount": "250000"}
PARENTS = {"source": "community_cash", "funder": "Ата-энелер", "amount": "50000"}


def create(client, **kwargs):
    return client.post(reverse("projects:create"), post_data(**kwargs))


class TestCreateAndEdit:
    def test_staff_create_a_project_with_its_contributions_on_one_page(self, staff_client):
        village = VillageFactory(name="Айры-Там")
        group = GroupFactory(name="Ачык бюджет")
        response = create(staff_client, contributions=[LOCAL, PARENTS], villages=[village.pk], groups=[group.pk],
                          pupils="85")
        project = Project.objects.get()
        assert response.status_code == 302 and response["Location"] == project.get_absolute_url()
        assert project.status == Project.Status.DRAFT  # published only when staff say so
        assert project.pupils == 85
        assert list(project.villages.all()) == [village] and list(project.groups.all()) == [group]
        assert sorted(project.contributions.values_list("amount", flat=True)) == [Decimal("50000"),
                                                                                   Decimal("250000")]
        assert Project.objects.with_totals().get().cash_total == Decimal("300000")

    def test_staff_link_only_taken_up_proposals_and_can_unlink_them(self, staff_client):
        accepted = ProposalFactory(text="Окуучуларды мектепке ташуучу автобус сатып алуу")
        rejected = ProposalFactory(status=Proposal.Status.REJECTED)
        html = staff_client.get("/en/projects/staff/new/").content.decode()
        assert accepted.text in html and rejected.text not in html

        create(staff_client, contributions=[LOCAL], proposals=[accepted.pk])
        project = Project.objects.get()
        assert list(project.proposals.all()) == [accepted]

        # Once linked, it is not offered to another project; a rejected one never is.
        assert accepted.text not in staff_client.get("/en/projects/staff/new/").content.decode()
        response = create(staff_client, contributions=[LOCAL], proposals=[rejected.pk], title="Башка")
        assert response.status_code == 200
        assert Project.objects.count() == 1
        rejected.refresh_from_db()
        assert rejected.project is None

        staff_client.post(reverse("projects:edit", args=[project.pk]), post_data(project, contributions=[LOCAL]))
        accepted.refresh_from_db()
        assert accepted.project is None

    def test_staff_edit_changes_project_and_contributions_together(self, staff_client):
        project = ProjectFactory(title="Эски")
        ContributionFactory(project=project, amount=Decimal("1000"))
        ContributionFactory(project=project, funder="Эски донор", source="donor", amount=Decimal("5"))
        response = staff_client.post(reverse("projects:edit", args=[project.pk]), post_data(
            project, title_ky="Жаңы",
            contributions=[{**LOCAL, "amount": "2000"}, {**PARENTS, "DELETE": True}, PARENTS]))
        assert response.status_code == 302
        project.refresh_from_db()
        assert project.title == "Жаңы" and project.version == 1
        assert sorted(project.contributions.values_list("funder", "amount")) == [
            ("Ата-энелер", Decimal("50000")), ("Жергиликтүү бюджет", Decimal("2000"))]

    def test_a_bad_contribution_on_edit_leaves_everything_as_it_was(self, staff_client):
        project = ProjectFactory(title="Эски")
        ContributionFactory(project=project, amount=Decimal("1000"))
        response = staff_client.post(reverse("projects:edit", args=[project.pk]), post_data(
            project, title_ky="Жаңы", contributions=[{**LOCAL, "amount": "2000"}, {**PARENTS, "amount": "-5"}]))
        assert response.status_code == 200
        assert "An amount must be more than zero." in response.content.decode()
        project.refresh_from_db()
        assert project.title == "Эски" and project.version == 0
        assert list(project.contributions.values_list("amount", flat=True)) == [Decimal("1000")]

    def test_a_second_stale_edit_is_refused_and_shows_the_other_version(self, staff_client):
        project = ProjectFactory(title="Биринчи")
        stale = post_data(project, title_ky="Экинчи", contributions=[LOCAL])
        first = post_data(project, title_ky="Үчүнчү", contributions=[])
        assert staff_client.post(reverse("projects:edit", args=[project.pk]), first).status_code == 302
        response = staff_client.post(reverse("projects:edit", args=[project.pk]), stale)
        assert response.status_code == 200
        html = response.content.decode()
        assert "Someone else saved this" in html and 'value="Үчүнчү"' in html
        project.refresh_from_db()
        assert project.title == "Үчүнчү" and not project.contributions.exists()


class TestBadInput:
    @pytest.mark.parametrize("contribution,message", [
        ({**LOCAL, "amount": "-100"}, "An amount must be more than zero."),
        ({"source": "donor", "funder": "Донор", "amount": ""}, "A cash contribution needs its amount"),
        ({"source": "in_kind_labour", "funder": "Жамаат", "amount": "900000"},
         "A value for work or goods in kind must be justified"),
        ({"source": "in_kind_materials", "funder": "АӨ", "amount": ""}, "Say what was given in kind."),
        ({"source": "contest_prize", "funder": "Сынак", "amount": "100000"},
         "A prize needs the contest&#x27;s name and year."),
        ({"source": "donor", "funder": "Донор", "amount": "10", "amount_undisclosed": True},
         "Either give the amount or mark it as not made public"),
    ])
    def test_bad_contribution_is_explained_and_nothing_is_saved(self, staff_client, contribution, message):
        response = create(staff_client, contributions=[LOCAL, contribution])
        assert response.status_code == 200
        assert message in response.content.decode()
        assert not Project.objects.exists() and not FundingContribution.objects.exists()

    def test_end_before_start_is_refused(self, staff_client):
        response = create(staff_client, contributions=[LOCAL], started_on="2024-05-01", finished_on="2024-04-01")
        assert "A project cannot end before it starts." in response.content.decode()
        assert not Project.objects.exists()

    def test_in_kind_without_value_and_undisclosed_cash_are_accepted(self, staff_client):
        create(staff_client, contributions=[
            {"source": "in_kind_labour", "funder": "Аялдар тобу", "in_kind_description": "Тамак"},
            {"source": "donor", "funder": "ВПП ООН", "amount_undisclosed": True},
            {"source": "contest_prize", "funder": "Сынак", "amount": "170000", "contest_name": "Реальное участие",
             "contest_year": "2015", "contest_place": "1"},
        ])
        project = Project.objects.with_totals().get()
        assert project.contributions.count() == 3
        assert project.cash_total == Decimal("170000")  # nothing invented for the undisclosed and in-kind


class TestWhoMayDoIt:
    @pytest.mark.parametrize("url_name", ["projects:staff_list", "projects:create"])
    def test_citizens_and_deputies_cannot_open_staff_pages(self, role_clients, url_name):
        url = reverse(url_name)
        assert role_clients["anonymous"].get(url).status_code == 302
        assert role_clients["no_role"].get(url).status_code == 403
        assert role_clients["deputy"].get(url).status_code == 403
        assert role_clients["staff"].get(url).status_code == 200

    def test_deputy_cannot_post_a_project(self, deputy_client):
        assert create(deputy_client, contributions=[LOCAL]).status_code == 403
        assert not Project.objects.exists()

    def test_staff_publish_and_unpublish_a_project(self, staff_client, client):
        project = ProjectFactory(status=Project.Status.DRAFT, published_at=None, title="Жашыруун")
        assert client.get(project.get_absolute_url()).status_code == 404
        publish = reverse("portal:publish", kwargs={"model": "projects.Project", "pk": project.pk})
        staff_client.post(publish, {"action": "publish"})
        assert client.get(project.get_absolute_url()).status_code == 200
        staff_client.post(publish, {"action": "unpublish"})
        assert client.get(project.get_absolute_url()).status_code == 404

    def test_work_list_counts_drafts_and_quiet_projects(self, staff_client):
        ProjectFactory(status=Project.Status.DRAFT, published_at=None)
        ProjectFactory(state=Project.State.UNDER_WAY, started_on=datetime.date(2020, 1, 1))
        html = staff_client.get("/en/staff/").content.decode()
        assert "Draft projects" in html and "Projects under way without news for 90 days" in html
        quiet = staff_client.get(reverse("projects:staff_list") + "?quiet=1").content.decode()
        assert quiet.count("/updates/new/") == 1


def test_staff_edit_a_project_with_contributions_through_the_page_as_it_is_sent(staff_client):
    """The form as the page sends it (every field it renders, hidden ones included): its
    contribution rows keep their ids, so the edit is saved, not refused unseen."""
    from tests.reliability.forms import main_form

    project = ProjectFactory(title="Суу түтүгү")
    ContributionFactory(project=project, amount=Decimal("250000"))
    ContributionFactory(project=project, amount=Decimal("50000"))
    url = reverse("projects:edit", args=[project.pk])
    data = main_form(staff_client.get(url).content.decode())["fields"]
    data["project-title_ky"] = "Суу түтүгү (жаңы)"
    response = staff_client.post(url, data)
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title_ky == "Суу түтүгү (жаңы)"
    assert sorted(project.contributions.values_list("amount", flat=True)) == [Decimal("50000"), Decimal("250000")]
