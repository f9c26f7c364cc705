"""What staff see on their pages: amounts they can read, words instead of codes, hearings in date
order, and no stray separators where a field is empty."""
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.budget.factories import BudgetLineFactory, BudgetYearFactory
from tests.hearings.factories import HearingFactory

pytestmark = pytest.mark.django_db

HEADER = "kind,code,name,category,planned,amended,executed\r\n"


def test_the_line_editor_shows_a_big_amount_whole_and_grouped(staff_client):
    year = BudgetYearFactory(year=2030, status="draft")
    BudgetLineFactory(budget_year=year, name="Мектептер", planned=Decimal("6450000.00"), amended=Decimal("6450000.50"))
    html = staff_client.get(f"/ru/budget/staff/{year.year}/lines/").content.decode()
    assert 'value="6\xa0450\xa0000"' in html
    assert 'value="6\xa0450\xa0000,50"' in html


def test_the_import_preview_speaks_the_words_staff_know(staff_client):
    year = BudgetYearFactory(year=2030, status="draft")
    content = (HEADER + "revenue,11321,Жер салыгы,own_revenue,1000000,,\r\n"
               "expenditure,7096,Окуучуларды ташуу,education,250000,,\r\n").encode()
    html = staff_client.post(f"/en/budget/staff/{year.year}/import/",
                             {"file": SimpleUploadedFile("lines.csv", content)}).content.decode()
    preview = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    assert "Revenue" in preview and "Own revenues: taxes and fees" in preview and "Education" in preview
    assert not re.search(r">\s*(revenue|own_revenue|education|expenditure)\s*<", preview)


def test_the_staff_hearing_list_is_newest_first(staff_client):
    now = timezone.now()
    for days, topic in ((-400, "Эски угуу"), (30, "Келе турган угуу"), (-10, "Жакында өткөн угуу")):
        HearingFactory(topic=topic, starts_at=now + timezone.timedelta(days=days))
    html = staff_client.get("/ky/hearings/staff/").content.decode()
    assert html.index("Келе турган угуу") < html.index("Жакында өткөн угуу") < html.index("Эски угуу")


def test_the_budget_year_tab_title_is_plain_text(client):
    year = BudgetYearFactory(year=2031)
    title = client.get(f"/ru/budget/{year.year}/").content.decode().split("<title>", 1)[1].split("</title>", 1)[0]
    assert "<" not in title and "2031" in title


def test_a_hearing_without_a_place_shows_no_empty_separators(staff_client, client):
    hearing = HearingFactory(village=None, place="")
    staff_page = staff_client.get(f"/ru/hearings/staff/{hearing.pk}/").content.decode()
    assert "· ·" not in staff_page and "·  ·" not in staff_page
    public = client.get(f"/ru/hearings/{hearing.pk}/").content.decode()
    assert "Место" not in public
