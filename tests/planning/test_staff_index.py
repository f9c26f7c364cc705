"""The staff's planning page stays the same size after years of plans (issue #18): studies,
plans and overdue actions are each paged, under one year and status filter."""
import datetime
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from planning.models import NeedsStudy
from planning.views import STAFF_SECTION_SIZE
from tests.planning.factories import ActionFactory, PlanFactory, StudyFactory

pytestmark = pytest.mark.django_db


def make(count):
    for number in range(count):
        year = 2015 + number % 10
        study = StudyFactory(finished_on=datetime.date(year, 10, 1), started_on=datetime.date(year, 9, 1))
        plan = PlanFactory(study=study, starts_on=datetime.date(year + 1, 1, 1), ends_on=datetime.date(year + 2, 12, 31))
        ActionFactory(plan=plan, deadline=datetime.date(year + 1, 6, 30))


def test_the_index_is_paged_and_does_not_grow_with_the_years(staff_client, django_assert_max_num_queries):
    url = reverse("planning:staff_index")
    make(STAFF_SECTION_SIZE + 5)
    with django_assert_max_num_queries(16):
        first = staff_client.get(url).content.decode()
    make(2 * STAFF_SECTION_SIZE)
    with django_assert_max_num_queries(16):
        later = staff_client.get(url).content.decode()
    assert len(later) < len(first) * 1.1  # three times the rows, (about) the same page
    assert later.count("/edit/") == 2 * STAFF_SECTION_SIZE  # a page of studies and a page of plans
    assert "studies_page=2" in later and "plans_page=2" in later and "overdue_page=2" in later
    second = staff_client.get(url, {"studies_page": 4}).content.decode()
    assert "Page 4 of 4" in second


def test_the_year_and_status_filter_narrow_every_section(staff_client):
    make(10)
    draft = StudyFactory(title_ky="Долбоор изилдөө", title_ru="Черновик изучения", finished_on=datetime.date(2019, 10, 1),
                         status=NeedsStudy.Status.DRAFT, published_at=None)
    page = staff_client.get(reverse("planning:staff_index"), {"year": 2019, "status": "draft"}).content.decode()
    assert "Черновик изучения" in page
    assert page.count("/edit/") == 1  # the draft study; no plan starts in 2019 as a draft
    nonsense = staff_client.get(reverse("planning:staff_index"), {"year": "abc", "studies_page": "x"})
    assert nonsense.status_code == 200
    assert draft.get_absolute_url() in nonsense.content.decode()


class _PublishMarkup(HTMLParser):
    """What a browser submits from the staff page: the one publish form's fields and each row's
    button (formaction, name, value) that points at it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.fields, self.buttons, self._in_form = {}, [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == "publish-rows":
            self._in_form = True
        elif tag == "input" and self._in_form:
            self.fields[attrs["name"]] = attrs.get("value", "")
        elif tag == "button" and attrs.get("form") == "publish-rows":
            self.buttons.append(attrs)

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False


def test_staff_publish_a_draft_plan_from_the_index_through_its_one_form(staff):
    make(STAFF_SECTION_SIZE)
    draft = PlanFactory(title_ky="Долбоор план ө", status="draft", published_at=None, starts_on=datetime.date(2031, 1, 1),
                        ends_on=datetime.date(2031, 12, 31))
    client = Client(enforce_csrf_checks=True)  # as a browser: the token comes from the page
    client.force_login(staff, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get("/ky/planning/staff/?plans_page=1").content.decode()
    markup = _PublishMarkup()
    markup.feed(page)
    publish = reverse("portal:publish", kwargs={"model": "planning.ActionPlan", "pk": draft.pk}).replace("/en/", "/ky/")
    button = next(button for button in markup.buttons if button["formaction"] == publish)
    assert button["value"] == "publish" and "Жарыялоо" in page
    assert page.count("<form") < 6 and page.count('name="csrfmiddlewaretoken"') < 4  # not one form a row
    assert len(markup.buttons) == 2 * STAFF_SECTION_SIZE
    response = client.post(publish, {**markup.fields, button["name"]: button["value"]})
    assert response.status_code == 302 and response["Location"] == "/ky/planning/staff/?plans_page=1"
    draft.refresh_from_db()
    assert draft.is_published
