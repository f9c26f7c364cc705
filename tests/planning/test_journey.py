"""The citizen's journey on the demo of 1-Mai AA, in Kyrgyz and in Russian: from the home page to
a village's priority problems, how women and men ranked them, an action, its project and the
project's own figures; and the documents staff print."""
import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from hearings.models import Hearing
from planning.models import ActionPlan, NeedsStudy, PlannedAction
from planning.reports import HEADINGS, bilingual
from core.models import Village

pytestmark = pytest.mark.django_db


def links(page):
    return re.findall(r'href="([^"]+)"', page)


def pdf_text(content):
    return re.sub(r"\s+", " ", "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages))


@pytest.mark.parametrize("language, water, floods, women, pipe, households", [
    ("ky", "Айры-Тамда таза ичүүчү суу жок", "Ажекти сел каптайт", "Аялдар",
     "Айры-Тамга 4,5 км ичүүчү суу түтүгүн тартуу", "143"),
    ("ru", "В Айры-Таме нет чистой питьевой воды", "Ажек страдает от паводков", "Женщины",
     "Проложить 4,5 км водопровода к Айры-Таму", "143"),
])
def test_a_citizen_follows_a_villages_problem_to_the_project_and_its_result(
        client, demo_data, language, water, floods, women, pipe, households):
    home = client.get(f"/{language}/").content.decode()
    index_url = next(link for link in links(home) if link.startswith(f"/{language}/planning/"))

    village = Village.objects.get(name="Айры-Там")
    page = client.get(f"{index_url}?village={village.pk}").content.decode()
    assert water in page and women in page and floods not in page  # Ажек's problems are not Айры-Там's
    # Women, men and youth side by side: 34, 30 and 12 votes for drinking water.
    action = PlannedAction.objects.get(what_ky="Айры-Тамга 4,5 км ичүүчү суу түтүгүн тартуу")
    row = page[page.index(f'id="need-{action.need_id}"'):]
    row = row[:row.index("</tr>")]
    assert water in row and re.search(r">34<.*>30<.*>12<", row, re.S)

    assert f'href="{action.get_absolute_url().replace("/en/", f"/{language}/")}"' in row
    action_page = client.get(f"/{language}/planning/actions/{action.pk}/").content.decode()
    assert pipe in action_page and water in action_page
    project = action.projects.get()
    project_url = f"/{language}/projects/{project.pk}/"
    assert f'href="{project_url}"' in action_page
    assert households in action_page  # the project's own figure: 143 households

    project_page = client.get(project_url).content.decode()
    assert households in project_page and pipe in project_page and water in project_page


def test_the_demo_carries_the_seeds_problems_and_a_plan_of_ten_actions(demo_data):
    study = NeedsStudy.objects.get()
    assert study.figures_are_demo and study.needs.count() == 7
    plan = ActionPlan.objects.get()
    assert plan.actions.count() == 10 and plan.gathering.kind == Hearing.Kind.VILLAGE_GATHERING
    assert not plan.priority_needs_without_action().exists()
    school = PlannedAction.objects.get(need__title_ky="Чек арадагы айылдардан окуучуларды мектепке ташуу")
    assert school.projects.get().pupils == 85
    assert {label: planned for label, planned, _contributed in plan.money(None)}["Local budget"] == 400000


def test_the_demo_resources_speak_the_pages_language_and_cash_without_an_amount_is_not_in_kind(client, demo_data):
    action = PlannedAction.objects.get(what_ky__startswith="Ажекте 300 м дамба")
    kyrgyz = client.get(f"/ky/planning/actions/{action.pk}/").content.decode()
    assert "ДТ мүчөлөрү жана тургундар" in kyrgyz and "члены ИГ и жители" not in kyrgyz
    russian = client.get(f"/ru/planning/actions/{action.pk}/").content.decode()
    assert "члены ИГ и жители" in russian and "сумма не указана" in russian  # the republican budget's money
    assert "в натуральной форме, стоимость не указана" in russian  # the community's labour


def test_the_plan_and_its_report_print_with_bilingual_headings_and_what_is_late(client, demo_data):
    plan = ActionPlan.objects.get()
    text = pdf_text(client.get(f"/ky/planning/plans/{plan.pk}/plan.pdf").content)
    assert "Айры-Тамга 4,5 км ичүүчү суу түтүгүн тартуу" in text  # ү survives the font
    assert "Биргелешкен аракеттер планы 2022–2026" in text
    for line in bilingual(HEADINGS["plan"]):
        assert line in text
    report = pdf_text(client.get(f"/ru/planning/plans/{plan.pk}/report.pdf").content)
    assert "Построить у школы спортивную площадку для молодёжи" in report
    assert "Средства не найдены" in report  # the reason it is late
    study = pdf_text(client.get(f"/ky/planning/studies/{plan.study_id}/summary.pdf").content)
    assert "Айры-Тамда таза ичүүчү суу жок" in study


def test_the_village_gathering_is_recorded_as_a_hearing_with_its_decisions(client, demo_data):
    gathering = Hearing.objects.get(kind=Hearing.Kind.VILLAGE_GATHERING)
    page = client.get(reverse("hearings:detail", args=[gathering.pk])).content.decode()
    assert "Decisions taken" in page and "Одобрить проект плана совместных действий" in page
    text = pdf_text(client.get(reverse("hearings:minutes_pdf", args=[gathering.pk])).content)
    assert "ПРОТОКОЛ ОБЩЕСТВЕННЫХ СЛУШАНИЙ" not in text
    for line in gathering.minutes_heading():
        assert line in text
