"""The demo reproduces the AO's report exactly, on the pages and in the PDFs, inventing no money."""
import io
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import translation
from pypdf import PdfReader

from hearings.models import Proposal
from projects.models import FundingContribution, Project

pytestmark = pytest.mark.django_db

BUS = "Подвоз школьников"
WATER = "Питьевая вода для Айры-Там"
DAM = "Противопаводковая дамба"
FURNITURE = "Мебель для детского сада"
EQUIPMENT = "Оборудование для встреч"

# What each project's page must show: the seed's figures (no-break spaces as the `som` filter writes them).
SEED_FIGURES = {
    BUS: ["250\xa0000 сом", "50\xa0000 сом", ">85<"],
    WATER: [">143<", ">109<", ">155<", ">85<", "4,5 км", "ВПП ООН", "Айры-Там аялдары"],
    DAM: [">180<", "300 м", "2 000", "МЧС"],
    FURNITURE: ["100\xa0000 сом", "Местные инициативы", "2014", "Таза суунун башаты таза болсун"],
    EQUIPMENT: ["170\xa0000 сом", "Реальное участие граждан в бюджетном процессе", "2015"],
}


def project(title_part):
    return Project.objects.get(title_ru__contains=title_part)  # the Russian title: the seed is in Russian


def russian_url(obj):
    with translation.override("ru"):
        return obj.get_absolute_url()


def pdf_text(content):
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages).replace("\xa0", " ")
    return " ".join(text.split())  # lines wrap anywhere in a PDF


def test_demo_has_five_published_done_projects_with_only_the_seeds_amounts(demo_data):
    projects = Project.objects.published().filter(state=Project.State.DONE)
    assert projects.count() == 5
    amounts = sorted(FundingContribution.objects.exclude(amount=None).values_list("amount", flat=True))
    assert amounts == [Decimal("50000"), Decimal("100000"), Decimal("170000"), Decimal("250000")]
    assert not project(WATER).contributions.exclude(amount=None).exists()
    assert not project(DAM).contributions.exclude(amount=None).exists()
    water = project(WATER)
    assert (water.households, water.women, water.men, water.children) == (143, 109, 155, 85)
    assert project(DAM).families == 180 and project(BUS).pupils == 85
    prizes = FundingContribution.objects.filter(source=FundingContribution.Source.CONTEST_PRIZE)
    assert sorted(prizes.values_list("contest_year", "contest_place", "amount")) == [
        (2014, 1, Decimal("100000")), (2015, 1, Decimal("170000"))]


def test_demo_links_groups_and_the_school_bus_proposal(demo_data):
    assert set(project(WATER).groups.values_list("name", flat=True)) >= {"Айры-Там аялдары", "Таза суу"}
    assert "Коопсуз Ажек" in project(DAM).groups.values_list("name", flat=True)
    assert "Таза суу" in project(FURNITURE).groups.values_list("name", flat=True)
    assert "Ачык бюджет" in project(EQUIPMENT).groups.values_list("name", flat=True)
    bus_proposals = Proposal.objects.filter(text__startswith="Окуучуларды мектепке ташуучу автобус сатып алуу")
    assert all(proposal.project == project(BUS) for proposal in bus_proposals)


def test_loading_the_demo_twice_changes_nothing(demo_data):
    before = (Project.objects.count(), FundingContribution.objects.count())
    call_command("load_demo", "--force", stdout=io.StringIO())
    assert (Project.objects.count(), FundingContribution.objects.count()) == before


@pytest.mark.parametrize("title,figures", SEED_FIGURES.items(), ids=list(SEED_FIGURES))
def test_each_project_page_shows_the_seeds_figures(client, demo_data, title, figures):
    html = client.get(russian_url(project(title))).content.decode()
    for figure in figures:
        assert figure in html, figure


def test_summary_counts_the_seeds_cash_and_leverage(client, demo_data):
    summary = Project.objects.published().summary()
    assert summary["cash_total"] == Decimal("570000")
    assert summary["local_budget"] == Decimal("250000")
    assert summary["leverage"] == Decimal("1.28")  # (50 000 + 100 000 + 170 000) / 250 000
    assert summary["done"] == 5
    html = client.get("/ru/projects/").content.decode()
    assert "570\xa0000 сом" in html


CARD_FIGURES = {BUS: ["250 000", "50 000", "85"], WATER: ["143", "109", "155", "85"], DAM: ["180"],
                FURNITURE: ["100 000", "2014"], EQUIPMENT: ["170 000", "2015"]}


def test_project_cards_and_the_list_pdf_carry_the_seeds_figures(client, demo_data):
    for title, figures in CARD_FIGURES.items():
        response = client.get(f"/ru/projects/{project(title).pk}/card.pdf")
        assert response["Content-Type"] == "application/pdf"
        text = pdf_text(response.content)
        assert title in text
        for figure in figures:
            assert figure in text, (title, figure)
    # One list PDF a year (the demo's projects carry no start date: they are all the latest
    # year's), each linked from the projects page: together they carry every figure.
    page = client.get("/ru/projects/").content.decode()
    links = re.findall(r'href="(/ru/projects/projects[-0-9]*\.pdf)"', page)
    assert links
    text = ""
    for url in links:
        listing = client.get(url)
        assert listing["Content-Type"] == "application/pdf"
        text += pdf_text(listing.content)
    for figure in ("250,0", "50,0", "100,0", "170,0", "85", "143", "109", "155", "180"):
        assert figure in text, figure
    assert client.get("/ru/projects/projects-1999.pdf").status_code == 404


def test_a_draft_is_not_printed_for_citizens(client, demo_data):
    dam = project(DAM)
    dam.title = "Секретная дамба"
    dam.save()
    dam.unpublish()
    assert client.get(f"/ru/projects/{dam.pk}/card.pdf").status_code == 404
    assert "Секретная дамба" not in pdf_text(client.get("/ru/projects/projects.pdf").content)
