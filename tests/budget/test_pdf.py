"""The council's budget document and the citizen's brochure, as PDF text."""
import io
from decimal import Decimal

import pytest
from pypdf import PdfReader

from tests.budget.factories import BudgetLineFactory, BudgetYearFactory, code
from tests.factories import CouncilResolutionFactory


def pdf_text(response):
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages).replace("\xa0", " "), len(reader.pages)


@pytest.fixture
def year(db):
    resolution = CouncilResolutionFactory(number="5/2", title="2022-жылдын бюджетин бекитүү жөнүндө")
    year = BudgetYearFactory(year=2022, stage="approved", approving_resolution=resolution)
    BudgetLineFactory(budget_year=year, kind="revenue", classification=code("13311"), category="transfers",
                      name="Теңдөөчү грант", planned=Decimal("6960000"))
    BudgetLineFactory(budget_year=year, kind="revenue", classification=code("11321"), name="Жер салыгы",
                      planned=Decimal("1240049.99"))
    BudgetLineFactory(budget_year=year, classification=code("7096"),
                      name="Окуучуларды чек ара айылдарынан мектепке ташуу", planned=Decimal("250000"))
    BudgetLineFactory(budget_year=year, classification=code("7092"), name="Мектептерди оңдоо",
                      planned=Decimal("600000"), amended=Decimal("650000"))
    return year


def test_the_council_document_has_the_bilingual_heading_and_totals_in_thousand_som(client, year):
    text, _pages = pdf_text(client.get("/ru/budget/2022/council.pdf"))
    assert "ТОКТОМ / ПОСТАНОВЛЕНИЕ" in text
    assert "№ 5/2" in text
    # revenue 8 200 049,99 som = 8 200,0 thousand; expenditure 250 000 + 650 000 (amended) = 900,0
    assert "8 200,0" in text
    assert "900,0" in text
    assert "250,0" in text           # the school transport line
    assert "1 240,0" in text         # land tax, rounded to one decimal of a thousand
    assert "Приложение 1" in text and "Приложение 2" in text


def test_the_citizens_brochure_has_the_charts_and_figures(client, year):
    text, pages = pdf_text(client.get("/en/budget/2022/citizens-budget.pdf"))
    assert 1 <= pages <= 4
    assert "Where the money comes from" in text
    assert "8 200 049.99 som" in text
    assert "900 000 som" in text


def test_the_council_document_of_a_budget_not_yet_approved_says_its_stage(deputy_client, db):
    draft = BudgetYearFactory(year=2031, stage="discussed", status="draft", approving_resolution=None)
    BudgetLineFactory(budget_year=draft, classification=code("7096"), name="Окуучуларды ташуу",
                      planned=Decimal("250000"))
    text, _pages = pdf_text(deputy_client.get("/ru/budget/2031/council.pdf"))
    first_page = " ".join(text.split("Приложение 1")[0].split())
    assert "БЮДЖЕТТИН ДОЛБООРУ / ПРОЕКТ БЮДЖЕТА" in first_page
    assert "ПОСТАНОВЛЕНИЕ" not in first_page
    assert "Этап: Обсуждён на слушаниях" in first_page
    assert "ещё не утвердил" in first_page
    # The heading names the council once per language, and the annex number comes first in Kyrgyz.
    assert "Айылдык кеңеш:" in first_page and "Айылный кенеш:" in first_page
    assert "1-тиркеме" in text
