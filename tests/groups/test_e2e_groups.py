"""The groups' pages in a real browser: axe-core (WCAG 2.1 AA) on the public and the staff
pages, including the add-member form with its duplicate warning."""
import re

import pytest

from tests.e2e.conftest import chromium_browser, chromium_executable, demo_site, open_context  # noqa: F401
from tests.e2e.harness import describe_violations, links_in_main, log_in, run_axe

pytestmark = pytest.mark.e2e


def first_link(page, pattern):
    return next(href for href in links_in_main(page) if re.fullmatch(pattern, href))


def test_groups_pages_have_no_accessibility_violations(open_context, demo_site):  # noqa: F811
    page = open_context(bypass_csp=True).new_page()
    results = {}

    def scan(label):
        results[label] = run_axe(page)

    for path in ("/ky/groups/", "/ru/groups/figures/"):
        page.goto(demo_site + path)
        scan(path)
    page.goto(demo_site + "/ky/groups/")
    group_page = first_link(page, r"/ky/groups/\d+/")
    page.goto(demo_site + group_page)
    scan(group_page)

    log_in(page, demo_site, "staff", "demo")
    page.goto(demo_site + "/ky/groups/staff/?q=суу")
    scan("staff list")
    staff_page = first_link(page, r"/ky/groups/staff/\d+/")
    page.goto(demo_site + staff_page)
    scan("staff group page")
    assert page.locator("main table").first.is_visible()
    page.goto(demo_site + staff_page + "members/add/")
    scan("add member")
    # A person who is already recorded: the form warns and offers them instead.
    existing = page.locator("#id_existing_person_options label").nth(1).inner_text()
    name, year = re.match(r"(.+) \((\d{4})", existing).groups()
    page.fill("#id_full_name", name.upper())
    page.select_option("#id_gender", "female")
    page.fill("#id_birth_year", year)
    page.locator("main form.add-member-form button.btn-primary[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("button[name=use_person]").count() >= 1
    scan("add member: duplicate warning")
    page.goto(demo_site + staff_page + "activities/new/")
    scan("new activity")

    # What fails on every page comes from the shared layout (base.html, portal.css), which
    # tests/e2e/test_accessibility.py checks; here only what the groups' pages add.
    found = {label: {(v["id"], node["target"]) for v in violations for node in v["nodes"]}
             for label, violations in results.items()}
    layout = set.intersection(*found.values())
    failing = [label for label, keys in found.items() if keys - layout]
    assert not failing, describe_violations(results)
