"""Pages that stay as long as a page however many years of studies and plans there are: the
staff table of problems (a page of rows, the whole study's totals above), the public index (the
latest plans and studies, the rest on paged lists)."""
import re

import pytest
from django.urls import reverse

from planning.models import Need, NeedRanking, NeedsStudy
from tests.planning.factories import GroupFactory, NeedFactory, PlanFactory, RankingFactory, StudyFactory
from tests.planning.test_staff import needs_table

pytestmark = pytest.mark.django_db


def study_with(needs, groups=3):
    study = StudyFactory()
    made = [GroupFactory(study=study, name_ky=f"Топ {index}", name_ru=f"Группа {index}", participants=60)
            for index in range(groups)]
    for index in range(needs):
        need = NeedFactory(study=study, title_ky=f"Көйгөй ң{index}ө", title_ru=f"Проблема {index}")
        for group in made:
            RankingFactory(need=need, group=group, votes=index % 50)
    return study, made


def rows_shown(page):
    return len(re.findall(r'name="form-\d+-title_ky"', page))


def test_the_needs_table_shows_a_page_of_rows_however_long_the_study(staff_client, django_assert_max_num_queries):
    sizes = []
    for count in (15, 45):
        study, _groups = study_with(count)
        url = reverse("planning:staff_needs", args=[study.pk]).replace("/en/", "/ky/")
        with django_assert_max_num_queries(12):
            page = staff_client.get(url).content.decode()
        assert rows_shown(page) == 15 + 5  # a page of problems and five empty rows
        sizes.append(len(page.encode()))
    assert sizes[1] < sizes[0] * 1.05, sizes  # the same page for three times the problems
    assert sizes[1] < 100_000


def test_the_needs_table_pages_and_shows_the_whole_studys_totals(staff_client):
    study, groups = study_with(20)
    url = reverse("planning:staff_needs", args=[study.pk])
    page = staff_client.get(url.replace("/en/", "/ky/")).content.decode()
    assert "Бүт изилдөө: 20 көйгөй" in page and "Көйгөй ң0ө" in page and "Көйгөй ң15ө" not in page
    # The totals of all 20 problems, not of this page: 0+1+…+19 votes from each group.
    assert "<th scope=\"row\">Топ 0</th><td>60</td><td>190</td><td>19</td>" in page
    second = staff_client.get(url.replace("/en/", "/ru/") + "?page=2").content.decode()
    assert "Проблема 15" in second and "Проблема 0\"" not in second
    assert "Проблемы, страница 2 из 2" in second and "Всё изучение: 20 проблем" in second


def test_saving_a_page_of_the_needs_table_changes_only_its_rows_and_adds_new_ones(staff_client):
    study, groups = study_with(20)
    on_page_two = list(study.needs.order_by("pk")[15:])
    rows = [{"id": need.pk, "title_ky": need.title_ky, "title_ru": need.title_ru, "topic": "water",
             **{f"votes_{group.pk}": "55" for group in groups}} for need in on_page_two]
    rows.append({"title_ky": "Жаңы көйгөй", "topic": "roads", f"votes_{groups[0].pk}": "3"})
    data = needs_table(study, rows)
    data["form-INITIAL_FORMS"] = str(len(on_page_two))
    response = staff_client.post(reverse("planning:staff_needs", args=[study.pk]) + "?page=2", data)
    assert response.status_code == 302
    assert set(NeedRanking.objects.filter(need__in=on_page_two).values_list("votes", flat=True)) == {55}
    assert Need.objects.get(study=study, title_ky="Жаңы көйгөй").rankings.get().votes == 3
    assert study.needs.count() == 21 and NeedRanking.objects.filter(need__study=study, votes=55).count() == 15


def test_a_bad_row_on_a_page_of_the_needs_table_saves_nothing_and_says_why_in_russian(staff_client):
    study, groups = study_with(20)
    first = study.needs.order_by("pk").first()
    data = needs_table(study, [
        {"id": first.pk, "title_ky": "Өзгөртүлгөн", "topic": "water", f"votes_{groups[0].pk}": "5"},
        {"title_ky": "Жаңы", "topic": "roads", f"votes_{groups[0].pk}": "61"},  # 60 took part
    ])
    data["form-INITIAL_FORMS"] = "1"
    response = staff_client.post(reverse("planning:staff_needs", args=[study.pk]).replace("/en/", "/ru/"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ничего не сохранено" in page and "61" in page
    first.refresh_from_db()
    assert first.title_ky != "Өзгөртүлгөн" and study.needs.count() == 20


def test_a_row_of_another_study_cannot_be_changed_through_this_ones_table(staff_client):
    study, groups = study_with(2)
    other = NeedFactory(title_ky="Башка изилдөө")
    data = needs_table(study, [{"id": other.pk, "title_ky": "Басып алынды", "topic": "water"}])
    data["form-INITIAL_FORMS"] = "1"
    staff_client.post(reverse("planning:staff_needs", args=[study.pk]), data)
    other.refresh_from_db()
    assert other.title_ky == "Башка изилдөө"


def test_the_public_index_stays_the_same_size_with_three_times_the_plans(client, django_assert_max_num_queries):
    sizes = []
    for count in (6, 18):
        for number in range(count - (6 if sizes else 0)):
            PlanFactory(title_ky=f"План ү{number}", title_ru=f"План {number}")
        with django_assert_max_num_queries(10):
            page = client.get("/ky/planning/")
        sizes.append(len(page.content))
    assert abs(sizes[1] - sizes[0]) < 200, sizes  # five plans and five studies either way


def test_the_full_lists_of_plans_and_studies_page_at_25(client):
    for number in range(30):
        PlanFactory(title_ky=f"План ө{number:02}", title_ru=f"План {number:02}")
    first = client.get("/ky/planning/plans/").content.decode()
    second = client.get("/ky/planning/plans/?page=2").content.decode()
    assert len(re.findall(r"План ө\d\d", first)) == 25
    assert len(re.findall(r"План ө\d\d", second)) == 5
    assert "Биргелешкен аракеттер пландары" in first
    ru = client.get("/ru/planning/studies/").content.decode()
    assert "Совместные изучения нужд" in ru and len(re.findall(r"Изучение нужд \d+", ru)) == 25


def test_the_action_entry_table_is_light_with_a_studys_thirty_problems(staff_client, django_assert_max_num_queries):
    plan = PlanFactory()
    for index in range(30):
        NeedFactory(study=plan.study, title_ky=f"Көйгөй ү{index}")
    with django_assert_max_num_queries(10):
        response = staff_client.get(reverse("planning:staff_actions_add", args=[plan.pk]).replace("/en/", "/ky/"))
    page = response.content.decode()
    assert len(re.findall(r'name="form-\d+-what_ky"', page)) == 10 and "Жаңы аракеттер" in page
    assert page.count("Көйгөй ү29") == 10 and ' id="id_form-' not in page
    assert len(response.content) < 100_000


def test_the_plan_form_stays_the_same_size_with_three_times_the_studies(staff_client, django_assert_max_num_queries):
    plan = PlanFactory(title_ky="Биздин план ң", title_ru="Наш план")
    url = reverse("planning:staff_plan_edit", args=[plan.pk]).replace("/en/", "/ky/")
    sizes = []
    for count in (25, 75):
        while NeedsStudy.objects.count() < count:
            StudyFactory()
        with django_assert_max_num_queries(12):
            page = staff_client.get(url).content.decode()
        sizes.append(len(page))
    assert abs(sizes[1] - sizes[0]) < 300, sizes  # the study is searched for: 20 offered, not 75
    assert "Планды оңдоо: Биздин план ң" in page and page.count('name="study"') == 21
    assert page.count('name="csrfmiddlewaretoken"') == 2  # the form's one token, and the log-out form's
