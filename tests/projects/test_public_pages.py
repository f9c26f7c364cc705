"""What citizens see: the list with filters and figures, a project's funding mix, and never a draft."""
import csv
import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from django.urls import reverse as django_reverse
from django.utils import translation

from projects.models import FundingContribution, Project
from tests.factories import VillageFactory
from tests.projects.factories import (ContributionFactory, DraftProjectFactory, GroupFactory, HearingFactory,
                                      ProgressUpdateFactory, ProjectFactory, ProposalFactory)

pytestmark = pytest.mark.django_db
Source = FundingContribution.Source


def reverse(name, *args, **kwargs):
    with translation.override("en"):
        return django_reverse(name, *args, **kwargs)


def text_of(response):
    return response.content.decode()


class TestList:
    def test_citizens_filter_projects_by_state_village_and_kind_of_funding(self, client):
        ajek, airy = VillageFactory(name="Ажек"), VillageFactory(name="Айры-Там")
        dam = ProjectFactory(title="Дамба", state=Project.State.DONE)
        dam.villages.add(ajek)
        ContributionFactory(project=dam, source=Source.IN_KIND_LABOUR, amount=None, in_kind_description="Эмгек")
        bus = ProjectFactory(title="Автобус", state=Project.State.UNDER_WAY)
        bus.villages.add(airy, ajek)
        ContributionFactory(project=bus, source=Source.LOCAL_BUDGET, amount=Decimal("250000"))
        furniture = ProjectFactory(title="Эмерек", state=Project.State.DONE)
        ContributionFactory(project=furniture, source=Source.CONTEST_PRIZE, amount=Decimal("100000"),
                            contest_name="Местные инициативы", contest_year=2014)

        def titles(query):
            html = text_of(client.get(reverse("projects:list") + query))
            return {title for title in ("Дамба", "Автобус", "Эмерек") if f">{title}</a>" in html}

        assert titles("") == {"Дамба", "Автобус", "Эмерек"}
        assert titles("?state=done") == {"Дамба", "Эмерек"}
        assert titles(f"?village={ajek.pk}") == {"Дамба", "Автобус"}
        assert titles(f"?village={airy.pk}&state=under_way") == {"Автобус"}
        assert titles("?source=contest_prize") == {"Эмерек"}
        assert titles("?source=in_kind_labour&village=" + str(ajek.pk)) == {"Дамба"}
        assert titles("?state=nonsense") == {"Дамба", "Автобус", "Эмерек"}  # a bad filter shows everything

    def test_filter_form_is_a_plain_get_form(self, client):
        html = text_of(client.get(reverse("projects:list")))
        assert '<form method="get"' in html and 'name="state"' in html and 'name="village"' in html
        assert 'name="source"' in html and "<script" not in html

    def test_summary_shows_cash_leverage_and_people_from_published_projects_only(self, client):
        bus = ProjectFactory(pupils=85)
        ContributionFactory(project=bus, source=Source.LOCAL_BUDGET, amount=Decimal("250000"))
        ContributionFactory(project=bus, source=Source.COMMUNITY_CASH, amount=Decimal("50000"))
        prize = ProjectFactory(women=10, men=5)
        ContributionFactory(project=prize, source=Source.CONTEST_PRIZE, amount=Decimal("200000"),
                            contest_name="Сынак", contest_year=2015)
        ContributionFactory(project=prize, source=Source.IN_KIND_LABOUR, amount=Decimal("999"),
                            in_kind_description="Эмгек")  # in kind: not cash
        secret = DraftProjectFactory(pupils=1000)
        ContributionFactory(project=secret, source=Source.DONOR, amount=Decimal("7777777"))
        summary = Project.objects.published().summary()
        assert summary["cash_total"] == Decimal("500000")
        assert summary["leverage"] == Decimal("1")  # 250 000 from outside for 250 000 of local budget
        assert summary["people"] == 100
        html = text_of(client.get(reverse("projects:list")))
        assert "500\xa0000 som" in html and "1.00 som" in html and "7\xa0777\xa0777" not in html

    def test_drafts_are_never_listed_counted_or_exported(self, client):
        ProjectFactory(title="Ачык долбоор")
        draft = DraftProjectFactory(title="DRAFTPROJECT")
        ContributionFactory(project=draft, funder="DRAFTFUNDER")
        for url in (reverse("projects:list"), reverse("projects:csv"), "/en/"):
            body = text_of(client.get(url))
            assert "DRAFTPROJECT" not in body and "DRAFTFUNDER" not in body
        assert client.get(draft.get_absolute_url()).status_code == 404
        assert client.get(reverse("projects:card_pdf", args=[draft.pk])).status_code == 404

    def test_deputies_see_drafts_read_only(self, deputy_client):
        draft = DraftProjectFactory(title="Долбоордун долбоору")
        html = text_of(deputy_client.get(reverse("projects:detail", args=[draft.pk])))
        assert "Долбоордун долбоору" in html and "Draft" in html
        assert reverse("projects:edit", args=[draft.pk]) not in html


class TestProjectPage:
    def test_funding_mix_shows_cash_shares_and_in_kind_apart(self, client):
        project = ProjectFactory(title="Суу")
        ContributionFactory(project=project, source=Source.LOCAL_BUDGET, funder="АӨ", amount=Decimal("300000"))
        ContributionFactory(project=project, source=Source.COMMUNITY_CASH, funder="Ата-энелер", amount=Decimal("100000"))
        ContributionFactory(project=project, source=Source.DONOR, funder="ВПП ООН", amount=None, amount_undisclosed=True)
        ContributionFactory(project=project, source=Source.IN_KIND_LABOUR, funder="Аялдар тобу", amount=None,
                            in_kind_description="Жумушчуларды тамактандыруу")
        ContributionFactory(project=project, source=Source.IN_KIND_MATERIALS, funder="АӨ техника", amount=None,
                            in_kind_description="Техника жана күйүүчү май")
        html = text_of(client.get(reverse("projects:detail", args=[project.pk])))
        # The legend, largest first; a long legend line wraps onto a second line of the drawing.
        assert "Local budget — 300\xa0000 som (75\xa0%)" in html
        assert html.index("Local budget — 300") < html.index("Parents and community, cash — 100\xa0000") < html.index("(25\xa0%)")
        assert "amount not made public" in html
        assert html.count("no value given") == 2
        assert "Cash from parents and the community: 100\xa0000 som" in html
        assert "Work by Аялдар тобу: Жумушчуларды тамактандыруу" in html
        assert "400\xa0000 som" in html  # the cash total, without the undisclosed donor

    def test_groups_are_linked_only_when_published_and_hidden_when_draft(self, client, staff_client):
        project = ProjectFactory(households=143, women=109)
        public_group = GroupFactory(name="Таза суу")
        draft_group = GroupFactory(name="ЖашыруунТоп", status="draft", published_at=None)
        project.groups.add(public_group, draft_group)
        html = text_of(client.get(project.get_absolute_url()))
        assert f'href="{public_group.get_absolute_url()}">Таза суу</a>' in html
        assert "ЖашыруунТоп" not in html
        assert "143" in html and "109" in html
        staff_html = text_of(staff_client.get(project.get_absolute_url()))
        assert "ЖашыруунТоп" in staff_html and f'href="{draft_group.get_absolute_url()}"' not in staff_html

    def test_the_proposal_shows_only_when_its_hearing_is_published(self, client):
        project = ProjectFactory()
        shown = ProposalFactory(text="Автобус сатып алуу", project=project)
        ProposalFactory(text="ЖашыруунСунуш", project=project,
                        hearing=HearingFactory(status="draft", published_at=None))
        html = text_of(client.get(project.get_absolute_url()))
        assert "Автобус сатып алуу" in html and "ЖашыруунСунуш" not in html
        assert shown.get_absolute_url() in html

    def test_progress_updates_show_newest_first(self, client):
        project = ProjectFactory()
        ProgressUpdateFactory(project=project, text="Биринчи кадам")
        ProgressUpdateFactory(project=project, text="Экинчи кадам", date="2024-06-01")
        html = text_of(client.get(project.get_absolute_url()))
        assert html.index("Экинчи кадам") < html.index("Биринчи кадам")


class TestOpenData:
    def test_projects_and_their_funding_are_two_tables_so_a_sum_counts_each_project_once(self, client):
        project = ProjectFactory(title="Мектеп автобусу", pupils=85)
        ContributionFactory(project=project, source=Source.LOCAL_BUDGET, amount=Decimal("250000"))
        ContributionFactory(project=project, source=Source.COMMUNITY_CASH, funder="Ата-энелер", amount=Decimal("50000"))
        ProjectFactory(title="Азырынча акчасыз", pupils=3)
        response = client.get(reverse("projects:csv"))
        assert response["Content-Type"].startswith("text/csv")
        content = response.content.decode("utf-8")
        assert not content.startswith("\ufeff")  # open data: plain UTF-8, comma, dot decimals
        rows = list(csv.DictReader(io.StringIO(content)))
        assert sum(int(row["pupils"]) for row in rows) == 88  # each project once
        assert "source" not in rows[0]
        assert [(row["title_ky"], row["title_ru"]) for row in rows] == [("Мектеп автобусу", ""), ("Азырынча акчасыз", "")]
        funding = list(csv.DictReader(io.StringIO(client.get(reverse("projects:funding_csv")).content.decode())))
        assert [(row["project_id"], row["source"], row["amount_som"]) for row in funding] == [
            (str(project.pk), "local_budget", "250000.00"), (str(project.pk), "community_cash", "50000.00")]
        assert funding[1]["funder_ky"] == "Ата-энелер" and funding[1]["funder_ru"] == ""

    def test_staff_get_the_funding_for_excel_with_semicolons_and_decimal_commas(self, client):
        project = ProjectFactory(title="Суу")
        ContributionFactory(project=project, source=Source.DONOR, funder="=cmd|' /C calc'!A0",
                            amount=Decimal("3300000.50"))
        response = client.get(reverse("projects:funding_csv") + "?dialect=excel")
        assert 'filename="project_funding-excel.csv"' in response["Content-Disposition"]
        content = response.content.decode("utf-8")
        assert content.startswith("\ufeff")
        row = list(csv.DictReader(io.StringIO(content.lstrip("\ufeff")), delimiter=";"))[0]
        assert row["amount_som"] == "3300000,50"
        assert row["funder_ky"] == "'=cmd|' /C calc'!A0"

    def test_projects_and_funding_come_as_xlsx_too(self, client):
        project = ProjectFactory(title="@SUM(1+1)*cmd", started_on=datetime.date(2021, 8, 20))
        ContributionFactory(project=project, source=Source.DONOR, amount=Decimal("1000"))
        sheet = load_workbook(io.BytesIO(client.get(reverse("projects:xlsx")).content)).worksheets[0]
        header = [cell.value for cell in sheet[1]]
        row = {name: cell for name, cell in zip(header, sheet[2])}
        assert row["title_ky"].value == "@SUM(1+1)*cmd" and row["title_ky"].data_type == "s"
        assert row["started_on"].value.date() == datetime.date(2021, 8, 20)
        funding = load_workbook(io.BytesIO(client.get(reverse("projects:funding_xlsx")).content)).worksheets[0]
        assert [cell.value for cell in funding[2]][5] == 1000


class TestQueriesStayFlat:
    @pytest.fixture
    def many_projects(self):
        villages = [VillageFactory(name=f"Айыл {n}") for n in range(3)]
        groups = [GroupFactory() for _ in range(3)]
        for n in range(40):
            project = ProjectFactory(title=f"Долбоор {n:02}", households=n, pupils=2)
            project.villages.add(*villages[: n % 3 + 1])
            project.groups.add(*groups)
            for source in (Source.LOCAL_BUDGET, Source.DONOR, Source.COMMUNITY_CASH, Source.REPUBLICAN_BUDGET):
                ContributionFactory(project=project, source=source, amount=Decimal("1000"))
            ContributionFactory(project=project, source=Source.IN_KIND_LABOUR, amount=None,
                                in_kind_description="Эмгек")
            ProgressUpdateFactory(project=project)
        return Project.objects.get(title="Долбоор 39")

    def test_the_list_and_its_summary_cost_the_same_for_40_projects(self, client, many_projects,
                                                                       django_assert_max_num_queries):
        with django_assert_max_num_queries(10):
            response = client.get(reverse("projects:list") + "?source=donor")
        assert response.status_code == 200
        assert "160\xa0000 som" in text_of(response)  # 40 projects × 4 000 som in cash
        with django_assert_max_num_queries(10):
            assert client.get(reverse("projects:list") + "?page=2").status_code == 200

    def test_a_project_page_and_the_csv_cost_a_fixed_number_of_queries(self, client, many_projects,
                                                                         django_assert_max_num_queries):
        with django_assert_max_num_queries(12):
            assert client.get(many_projects.get_absolute_url()).status_code == 200
        with django_assert_max_num_queries(6):  # 5 + one for Last-Modified (portal.changes)
            response = client.get(reverse("projects:csv"))
            assert len(response.content.decode().splitlines()) == 1 + 40
        with django_assert_max_num_queries(5):
            response = client.get(reverse("projects:funding_csv"))
            assert len(response.content.decode().splitlines()) == 1 + 40 * 5

    def test_home_page_section_takes_few_queries(self, many_projects, django_assert_max_num_queries):
        from projects.selectors import public_section

        with django_assert_max_num_queries(3):
            section = public_section()
        assert ("people reached by the projects done", "80") in section["figures"]
