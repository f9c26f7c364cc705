"""The annual report and the home page rendered cold (every cache emptied, as for the first
visitor after a change): at most 15 queries, the same number with more data, and the figures of
both years where a citizen reads them."""
import datetime
import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.utils import timezone, translation

from groups.models import Person
from planning.models import PlannedAction
from tests.groups.factories import GroupFactory, MembershipFactory
from tests.hearings.factories import HearingFactory, ProposalFactory
from tests.planning.factories import ActionFactory
from tests.projects.factories import ContributionFactory, ProjectFactory

pytestmark = pytest.mark.django_db

YEAR = 2024
COLD_QUERIES = 15


def fill(size):
    """`size` of each thing in YEAR - 1 and twice as many in YEAR: held hearings (10 participants
    and two proposals each, one from a group and accepted), finished projects (1000 som, 5
    people each), groups founded in the year with one woman each, actions done in the year."""
    for year, count in ((YEAR - 1, size), (YEAR, 2 * size)):
        for index in range(count):
            day = datetime.date(year, 3, 1) + datetime.timedelta(days=index)
            hearing = HearingFactory(starts_at=timezone.make_aware(datetime.datetime(year, 3, 1, 10))
                                     + datetime.timedelta(days=index), participants_total=10, participants_women=4)
            ProposalFactory(hearing=hearing, source="group", status="accepted")
            ProposalFactory(hearing=hearing)
            project = ProjectFactory(finished_on=day, started_on=day - datetime.timedelta(days=90), women=3, men=2)
            ContributionFactory(project=project, amount=Decimal("1000"))
            MembershipFactory(group=GroupFactory(founded_on=datetime.date(year, 1, 10)),
                              person__gender=Person.Gender.FEMALE, joined_on=datetime.date(year, 1, 10))
            ActionFactory(deadline=day, status=PlannedAction.Status.DONE, done_on=day)


def cold(client, url, django_assert_max_num_queries):
    """The page as the first visitor after a change gets it; its HTML and its number of queries."""
    cache.clear()
    with translation.override("en"), django_assert_max_num_queries(COLD_QUERIES) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(captured)


def compared(page, label):
    """(this year, the year before) as the report's comparison table shows them for `label`."""
    match = re.search(rf'<th scope="row">{re.escape(label)}</th>\s*<td class="num">([^<]*)</td>'
                      rf'<td class="num">([^<]*)</td>', page)
    assert match, label
    return match.groups()


def test_the_annual_report_costs_the_same_few_queries_cold_however_much_was_done(
        client, municipality, django_assert_max_num_queries):
    counts = []
    for size, added in ((1, 1), (4, 3)):
        fill(added)
        page, queries = cold(client, f"/en/report/{YEAR}/", django_assert_max_num_queries)
        counts.append(queries)
        assert compared(page, "Public hearings held") == (str(2 * size), str(size))
        assert compared(page, "Participants of hearings") == (str(20 * size), str(10 * size))
        assert compared(page, "Proposals and questions received") == (str(4 * size), str(2 * size))
        assert compared(page, "Proposals accepted") == (str(2 * size), str(size))
        assert compared(page, "Projects finished") == (str(2 * size), str(size))
        assert compared(page, "People reached by finished projects") == (str(10 * size), str(5 * size))
        assert compared(page, "Money invested in finished projects") == (f"{2 * size}\xa0000 som", f"{size}\xa0000 som")
        # Groups founded the year before still work in the year: their members count in both.
        assert compared(page, "Initiative groups") == (str(3 * size), str(size))
        assert compared(page, "Members of initiative groups") == (str(3 * size), str(size))
        assert compared(page, "Actions done this year") == (str(2 * size), str(size))
    assert counts[0] == counts[1], counts


def test_the_home_page_costs_the_same_few_queries_cold_however_much_was_done(
        client, municipality, django_assert_max_num_queries):
    counts = []
    for size, added in ((1, 1), (4, 3)):
        fill(added)
        page, queries = cold(client, "/en/", django_assert_max_num_queries)
        counts.append(queries)
        assert f">{30 * size}<" in page  # participants of the hearings held in both years
    assert counts[0] == counts[1], counts


@pytest.mark.parametrize("language", ["ky", "ru", "en"])
@pytest.mark.parametrize("viewname", ["hearings:detail", "projects:detail", "planning:action"])
def test_the_report_links_each_row_where_its_own_page_is(language, viewname):
    """core.paths reverses once for a long table: the same paths as reverse() for each row."""
    from django.urls import reverse

    from core.paths import path_maker

    with translation.override(language):
        path = path_maker(viewname)
        for pk in (1, 7, 30038, 2**31):
            assert path(pk) == reverse(viewname, args=[pk])


def test_the_report_page_lists_the_first_rows_and_links_all_of_them_in_the_pdf(
        client, municipality, django_assert_max_num_queries):
    """Long tables stop at ROWS_SHOWN rows on the page, with a link naming how many there are;
    the PDF's report (annual_report without a bound) still lists every row."""
    from portal.annual_report import ROWS_SHOWN, annual_report

    counts = []
    for size, added in ((7, 7), (10, 3)):
        fill(added)
        page, queries = cold(client, f"/en/report/{YEAR}/", django_assert_max_num_queries)
        counts.append(queries)
        assert 2 * size > ROWS_SHOWN
        assert len(re.findall(r'href="/en/hearings/\d+/"', page)) == ROWS_SHOWN
        assert len(re.findall(r'href="/en/projects/\d+/"', page)) == ROWS_SHOWN
        pdf = f'href="/en/report/{YEAR}/report.pdf"'
        assert f'{pdf}>All {2 * size} hearings of {YEAR} (PDF)</a>' in page
        assert f'{pdf}>All {2 * size} projects finished in {YEAR} (PDF)</a>' in page
        assert f'{pdf}>All {2 * size} actions done in {YEAR} (PDF)</a>' in page
        assert compared(page, "Public hearings held") == (str(2 * size), str(size))
        with translation.override("en"):
            printed = annual_report(YEAR)
        assert len(printed["current"]["hearings"]["hearing_rows"]) == 2 * size
        assert len(printed["current"]["projects"]["project_rows"]) == 2 * size
        assert len(printed["current"]["planning"]["done"]) == 2 * size
        assert not printed["more_url"]
    assert counts[0] == counts[1], counts


def test_a_short_year_has_no_link_to_more_rows(client, municipality, django_assert_max_num_queries):
    fill(2)
    page, _queries = cold(client, f"/en/report/{YEAR}/", django_assert_max_num_queries)
    assert len(re.findall(r'href="/en/hearings/\d+/"', page)) == 4
    assert "(PDF)</a>" not in page
