"""Search across everything published: Kyrgyz and Russian words, parts of words, odd input,
never a draft and never personal data."""
import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from django.utils import translation

from tests.portal import council_helpers as make

pytestmark = pytest.mark.django_db


def search(client, query):
    with translation.override("en"):
        response = client.get(reverse("portal:search"), {"q": query})
    assert response.status_code == 200
    return response


@pytest.fixture
def content(db):
    published = make.hearing(topic="Жергиликтүү бюджеттин долбоору боюнча угуу")
    make.proposal(published, "Китепканалардын ишин жакшыртуу", response="Принято: библиотеки получат книги",
                  author_name="Асанова Гүлнара", status="accepted")
    make.proposal(published, "Отремонтировать мост через арык в Ажеке")
    draft = make.hearing(topic="Черновик слушаний", status="draft")
    make.proposal(draft, "Секретный мост из черновика, китепкана")
    return published


def test_a_proposal_is_found_by_a_kyrgyz_word_in_any_case_and_by_a_part_of_it(client, content):
    for query in ("Китепканалардын", "китепканалардын", "КИТЕПКАНА", "китепкана ишин"):
        page = search(client, query).content.decode()
        assert "Китепканалардын ишин жакшыртуу" in page, query


def test_a_proposal_is_found_by_a_russian_word(client, content):
    page = search(client, "мост").content.decode()
    assert "Отремонтировать мост через арык в Ажеке" in page
    page = search(client, "библиотеки").content.decode()  # a word of the public answer
    assert "Китепканалардын ишин жакшыртуу" in page


def test_results_are_grouped_by_kind_and_link_to_their_pages(client, content):
    response = search(client, "угуу")
    groups = {group["key"]: group for group in response.context["results"]["groups"]}
    assert "hearings" in groups
    with translation.override("en"):
        assert groups["hearings"]["results"][0]["url"] == content.get_absolute_url()


def test_drafts_are_never_found_even_by_staff(client, staff_client, content):
    for browser in (client, staff_client):
        page = search(browser, "мост").content.decode()
        assert "Секретный мост" not in page
        assert "Черновик слушаний" not in search(browser, "Черновик").content.decode()


def test_author_names_are_not_searched(client, content):
    response = search(client, "Асанова")
    assert response.context["results"]["groups"] == []
    assert "Nothing published matches" in response.content.decode()


@pytest.mark.parametrize("query", [
    "", "   ", "a", "x" * 10_000, "мост\x00", "\x00\x00", "\u202eмост\u202c", "\u200f\u200e", "🙂🙂 мост",
    "%_\\", "' OR 1=1 --",
])
def test_odd_queries_get_a_clear_answer_never_an_error(client, content, query):
    response = search(client, query)
    assert "Search" in response.content.decode()


def test_broken_utf8_in_the_address_gets_a_clear_answer(client, content):
    response = client.get("/en/search/?q=%ED%A0%80%FF%FE%00")
    assert response.status_code == 200


def test_a_very_long_query_is_cut_and_the_page_says_so(client, content):
    response = search(client, "мост " * 3000)
    assert len(response.context["results"]["query"]) <= 200
    assert "only its first 200 characters were searched" in response.content.decode()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=300))
def test_any_text_at_all_is_searched_without_an_error(content, query):
    from portal.search import MAX_QUERY_LENGTH, search as run_search

    result = run_search(query)
    assert len(result["query"]) <= MAX_QUERY_LENGTH
    assert "\x00" not in result["query"]
    for group in result["groups"]:
        assert all("Секретный" not in item["title"] for item in group["results"])


def test_search_folds_the_case_of_kyrgyz_letters_itself_whatever_the_database_locale(client, content):
    """Issue #16 item 6: on a PostgreSQL created with the C locale (as on SQLite) the database
    folds no Cyrillic; the portal folds the query in Python, so ӨҢҮ are found in any case."""
    make.proposal(content, "Өрөөндөгү көпүрөнү оңдоо", status="accepted", response="Ооба")
    for query in ("ӨРӨӨНДӨГҮ", "өрөөндөгү", "Өрөөндөгү", "ОҢДОО"):
        assert "Өрөөндөгү көпүрөнү оңдоо" in search(client, query).content.decode(), query


def test_a_database_that_cannot_fold_cyrillic_is_warned_about(monkeypatch):
    from core import checks

    class Cursor:
        def __enter__(self):
            return self

        def __exit__(self, *args):
            return False

        def execute(self, sql, params):
            self.value = params[0] if "C" == self.locale else params[0].lower()

        def fetchone(self):
            return [self.value]

    class Connection:
        vendor = "postgresql"

        def __init__(self, locale):
            self.locale = locale

        def cursor(self):
            cursor = Cursor()
            cursor.locale = self.locale
            return cursor

    monkeypatch.setattr(checks, "connections", {"c": Connection("C"), "utf8": Connection("C.UTF-8")})
    warnings = checks.check_database_folds_cyrillic(databases=["c", "utf8"])
    assert [warning.id for warning in warnings] == ["core.W001"]
    assert "'c'" in warnings[0].msg and "C.UTF-8" in warnings[0].hint
