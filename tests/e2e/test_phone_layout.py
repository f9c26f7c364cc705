"""On a 360 px phone every public page shape fits the screen: no sideways scrolling of the page
body, and the header (demo note, name, languages, folded menu) takes at most a quarter of the
first screen, without JavaScript."""
import pytest

from tests.e2e.harness import public_pages

pytestmark = pytest.mark.e2e

PHONE = {"width": 360, "height": 740}
FIXED = ["/ky/", "/ru/", "/en/", "/ru/budget/compare/", "/ru/hearings/proposals/", "/ru/about/",
         "/ru/search/?q=%D1%81%D1%83%D1%83", "/ru/report/",
         "/ru/budget/2023/lines/", "/ky/budget/2022/lines/?kind=expenditure", "/ky/budget/2022/proposals/",
         "/ru/planning/plans/", "/ky/planning/studies/", "/ky/groups/figures/"]

OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.body.querySelectorAll('*')]
    .filter(e => !e.closest('.table-responsive, .visually-hidden, .visually-hidden-focusable'))
    .filter(e => e.getBoundingClientRect().right > width + 1)
    .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ')[0] : ''));
  return {scroll: document.documentElement.scrollWidth, width, wide,
          header: document.querySelector('header').getBoundingClientRect().height};
}"""



def overflows(page, site, paths, header=False):
    """What is wider than the screen on each of `paths` (and, with `header`, a header taller
    than a quarter of it), as sentences for the assertion."""
    problems = []
    for path in paths:
        page.goto(site + path)
        found = page.evaluate(OVERFLOW)
        if found["scroll"] > found["width"] or found["wide"]:
            problems.append(f"{path}: the page is {found['scroll']} px wide on a {found['width']} px screen "
                            f"({', '.join(found['wide'])})")
        if header and found["header"] > PHONE["height"] / 4:
            problems.append(f"{path}: the header takes {found['header']:.0f} of {PHONE['height']} px")
    return problems


@pytest.mark.parametrize("javascript", [True, False])
def test_every_public_page_fits_a_360_px_phone(open_context, demo_site, javascript):
    page = open_context(viewport=PHONE, java_script_enabled=javascript).new_page()
    paths = public_pages(page, demo_site, FIXED)
    problems = overflows(page, demo_site, paths, header=True)
    assert len(paths) >= 15
    assert not problems, "\n".join(problems)


def test_the_folded_menu_opens_without_javascript(open_context, demo_site):
    page = open_context(viewport=PHONE, java_script_enabled=False).new_page()
    page.goto(f"{demo_site}/ru/")
    budget = page.locator("header nav.sections a", has_text="Бюджет")
    assert not budget.is_visible()
    page.locator("header .site-menu > summary").click()
    assert budget.is_visible()
    with page.expect_navigation():
        budget.click()
    assert page.url.endswith("/ru/budget/")


def test_on_a_wide_screen_the_menu_is_always_open(open_context, demo_site):
    page = open_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(f"{demo_site}/ru/")
    assert page.locator("header nav.sections a", has_text="Бюджет").is_visible()
    assert not page.locator("header .site-menu > summary").is_visible()


STAFF_INDEXES = ["/ky/staff/", "/ky/planning/staff/", "/ky/budget/staff/", "/ky/hearings/staff/",
                 "/ky/groups/staff/", "/ky/projects/staff/"]


def test_staff_pages_fit_a_360_px_phone(open_context, demo_site):
    """Staff pages linked from the staff indexes, tables of entry rows included: their tables
    scroll sideways, the page does not (a visually hidden label of a cell once widened it)."""
    from tests.e2e.harness import log_in

    page = open_context(viewport=PHONE, java_script_enabled=False).new_page()
    log_in(page, demo_site, "staff", "demo")
    paths = []
    for index in STAFF_INDEXES:
        page.goto(demo_site + index)
        for href in page.locator("main a").evaluate_all("links => links.map(a => a.getAttribute('href'))"):
            if (href and href.startswith("/ky/") and "/staff/" in href and href not in paths
                    and not href.endswith((".pdf", ".csv", ".xlsx", ".zip"))):
                paths.append(href)
    problems = overflows(page, demo_site, paths)
    assert any("/planning/staff/actions/" in path for path in paths)
    assert len(paths) >= 20
    assert not problems, "\n".join(problems)


# What people write and what the budget adds up to, at their longest: a proposal that pastes a
# Google Docs link, a word with no break, a budget of ten million som with tyiyn.
LONG_URL = ("https://docs.google.com/document/d/" + "1aB2cD3eF4gH5iJ6kL7mN8oP9qR0sT" * 9)[:283] + "/edit?usp=sharing"
LONG_WORD = "Айылөкмөтүнүнкеңештешүүсү" * 5  # 125 letters, no space
QUERY = "а" * 120


@pytest.fixture
def long_content(demo_site):
    """The demo with long unbroken text where people write it and a budget of 10 817 600,50 som;
    the paths that show them. Set up with the ORM before the browser starts (see conftest.py):
    tests ask for it before open_context."""
    from decimal import Decimal

    from django.core.cache import cache

    from budget.models import BudgetLine, BudgetYear, Kind
    from hearings.models import Hearing, Proposal
    from planning.models import ActionPlan, PlannedAction

    assert len(LONG_URL) == 300 and " " not in LONG_URL
    proposal = Proposal.objects.public().filter(response__gt="").order_by("pk").first()
    Proposal.objects.public().update(text=LONG_URL)
    Proposal.objects.filter(pk=proposal.pk).update(response=LONG_WORD)
    Hearing.objects.filter(pk=proposal.hearing_id).update(topic=LONG_WORD, place=LONG_WORD)
    action = PlannedAction.objects.filter(plan__in=ActionPlan.objects.published()).order_by("pk").first()
    PlannedAction.objects.filter(pk=action.pk).update(what=LONG_WORD, result=LONG_WORD, reason=LONG_WORD)

    year = BudgetYear.objects.published().order_by("-year").first()
    for kind, target in ((Kind.REVENUE, Decimal("10817600.50")), (Kind.EXPENDITURE, Decimal("10805000"))):
        lines = BudgetLine.objects.filter(budget_year=year, kind=kind)
        total = sum((line.amended if line.amended is not None else line.planned) for line in lines)
        first = lines.order_by("pk").first()
        plan = first.amended if first.amended is not None else first.planned
        BudgetLine.objects.filter(pk=first.pk).update(amended=plan + target - total)
    cache.clear()
    return {
        "public": [f"/ky/hearings/{proposal.hearing_id}/", "/ky/hearings/proposals/",
                   f"/ky/planning/actions/{action.pk}/", f"/ky/search/?q={QUERY}",
                   f"/ky/search/?q={LONG_WORD}",
                   "/ky/", "/ru/", "/en/",
                   *(f"/{language}/budget/{year.year}/" for language in ("ky", "ru", "en")),
                   "/ky/projects/", "/ky/groups/figures/"],
        "staff": [f"/ky/hearings/staff/{proposal.hearing_id}/", "/ky/hearings/staff/proposals/waiting/",
                  f"/ky/hearings/staff/proposals/{proposal.pk}/decide/",
                  f"/ky/planning/staff/actions/{action.pk}/progress/",
                  f"/ky/budget/staff/{year.year}/lines/", f"/ky/budget/staff/{year.year}/execution/"],
        "year": year.year,
    }


def test_long_words_links_and_big_sums_fit_a_360_px_phone(long_content, open_context, demo_site):
    """A 300-character link in a proposal, a 125-letter word in an answer, a title, an action and
    a search query, and a budget of 10 817 600,50 som: they wrap inside the screen, the page
    does not scroll sideways (ky, ru, en)."""
    page = open_context(viewport=PHONE, java_script_enabled=False).new_page()
    page.goto(f"{demo_site}/ky/budget/{long_content['year']}/")
    assert "10\xa0817\xa0600,50" in page.locator("main .figures").inner_text()
    page.goto(demo_site + long_content["public"][0])
    assert LONG_URL in page.locator("main").inner_text()
    problems = overflows(page, demo_site, long_content["public"])
    assert not problems, "\n".join(problems)


def test_long_text_and_big_sums_fit_a_360_px_phone_on_staff_pages(long_content, open_context, demo_site):
    """The same on the staff pages that show them: a hearing, the waiting proposals, deciding one,
    an action's progress, the budget's totals above its lines."""
    from tests.e2e.harness import log_in

    page = open_context(viewport=PHONE, java_script_enabled=False).new_page()
    log_in(page, demo_site, "staff", "demo")
    problems = overflows(page, demo_site, long_content["staff"])
    assert not problems, "\n".join(problems)


def test_a_big_sum_keeps_its_digits_together(long_content, open_context, demo_site):
    """A figure may put "сом" on a line of its own, never a part of the number, and stays inside
    its card."""
    page = open_context(viewport=PHONE, java_script_enabled=False).new_page()
    for path in (f"/ru/budget/{long_content['year']}/", f"/en/budget/{long_content['year']}/", "/ky/"):
        page.goto(demo_site + path)
        cards = page.locator("main .figures .figure-card").all()
        assert cards, path
        for card in cards:
            check_card(card)


def check_card(card):
    found = card.evaluate("""card => {
      const value = card.querySelector('.figure-value'), text = value.firstChild, range = document.createRange();
      const number = text.textContent.split(' ')[0], tops = new Set();
      for (let i = 0; i < number.length; i++) {
        range.setStart(text, i); range.setEnd(text, i + 1); tops.add(Math.round(range.getBoundingClientRect().top));
      }
      return {text: value.textContent, lines: tops.size, scroll: card.scrollWidth, width: card.clientWidth};
    }""")
    assert found["lines"] == 1, found
    assert found["scroll"] <= found["width"], found
