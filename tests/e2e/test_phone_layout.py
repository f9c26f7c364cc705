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
