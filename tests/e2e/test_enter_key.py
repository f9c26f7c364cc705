"""Enter in Chromium, on a staff form with a chooser (a programme and its approving resolution):
in the title it saves (the form's hidden default button, templates/includes/default_submit.html,
not the chooser's "Search"); in the chooser's search box it searches (static/js/chooser.js) and
saves nothing. tests/reliability/test_enter_key.py checks every such form through the test client."""
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.harness import log_in

pytestmark = pytest.mark.e2e

SAVED = "Өнүгүү программасы: Enter менен сакталды"
NOT_SAVED = "Бул аталыш сакталбашы керек"


def test_enter_saves_in_the_title_and_searches_in_the_chooser(page_, demo_site):
    page = page_
    log_in(page, demo_site, "staff", "demo", language="en")
    page.goto(f"{demo_site}/en/hearings/staff/programmes/")
    edit = page.locator("main a[href$='/edit/']").first.get_attribute("href")

    page.goto(demo_site + edit)
    title = page.locator("#id_title_ky")
    title.fill(SAVED)
    title.press("Enter")
    expect(page).to_have_url(re.compile(r"/en/hearings/staff/programmes/$"))
    expect(page.locator("main")).to_contain_text("The programme is saved.")
    page.goto(demo_site + edit)
    expect(title).to_have_value(SAVED)

    # In the resolution's search box Enter searches. The words are put in without an input event,
    # so that only Enter can start the search (typing would start it by itself after 400 ms).
    title.fill(NOT_SAVED)
    page.evaluate("window.stillOnThisPage = true")
    box = page.locator("#id_resolution")
    box.evaluate("box => { box.value = 'программасы'; }")
    box.press("Enter")
    options = page.locator("#id_resolution_options")
    expect(options).to_contain_text("Found:")
    expect(options).to_contain_text("Resolution No. 23 of 22.11.2017")
    expect(options).to_contain_text("Resolution No. 1/5 of 24.12.2021")
    assert page.evaluate("window.stillOnThisPage") is True  # no page load: only the options changed
    expect(page).to_have_url(demo_site + edit)
    expect(title).to_have_value(NOT_SAVED)  # what was typed is still there, unsaved

    page.goto(demo_site + edit)
    expect(title).to_have_value(SAVED)
