"""A citizen and a staff member in a real browser: the home page, the language switch, the
login form (right and wrong password), a phone-sized screen and a browser without JavaScript."""
import re

import pytest
from playwright.sync_api import expect

from core.demo import MUNICIPALITY
from tests.e2e.harness import log_in, section_links

pytestmark = pytest.mark.e2e

HEADER_BLUE = "rgb(31, 95, 153)"  # .site-header in static/css/portal.css


def test_citizen_switches_to_russian_and_staff_logs_in(page_, demo_site):
    page = page_
    response = page.goto(f"{demo_site}/ky/")
    assert response.status == 200
    expect(page.locator("h1")).to_have_text(MUNICIPALITY["name_ky"])
    expect(page.locator("html")).to_have_attribute("lang", "ky")
    # The stylesheets really load (static files are served, CSP allows them).
    assert page.locator(".site-header").evaluate("e => getComputedStyle(e).backgroundColor") == HEADER_BLUE

    page.get_by_role("link", name="Русский").click()
    expect(page).to_have_url(f"{demo_site}/ru/")
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.locator("h1")).to_have_text(MUNICIPALITY["name_ru"])
    expect(page.locator("nav.sections")).to_contain_text("Слушания")

    page.get_by_role("link", name=re.compile("Сотрудникам и депутатам")).click()
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    page.fill("input[name=username]", "staff")
    page.fill("input[name=password]", "demo")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()

    # Back on the Russian home page, logged in: name, logout button, the work list link.
    expect(page).to_have_url(f"{demo_site}/ru/")
    account = page.locator("header .account")
    expect(account).to_contain_text("Айгүл Демо-кызматкер")
    expect(account.get_by_role("button", name="Выйти")).to_be_visible()
    work_list = page.locator("nav.sections").get_by_role("link", name="Список дел")
    expect(work_list).to_be_visible()
    work_list.click()
    expect(page).to_have_url(f"{demo_site}/ru/staff/")
    expect(page.locator("h1")).to_have_text("Список дел")


def test_wrong_password_is_refused_without_saying_which_part_was_wrong(page_, demo_site):
    page = page_
    log_in(page, demo_site, "staff", "not-the-password", language="en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    error = page.locator("main form .alert-danger")
    expect(error).to_be_visible()
    wrong_password_message = error.inner_text().strip()
    # It names both fields together, never one of them alone.
    assert "user name" in wrong_password_message.lower() and "password" in wrong_password_message.lower()
    assert not re.search(r"does not exist|unknown user|no such user", wrong_password_message, re.I)
    expect(page.locator("input[name=password]")).to_have_value("")
    expect(page.locator("header .account")).not_to_contain_text("Logged in as")

    # A user that does not exist gets word for word the same answer.
    log_in(page, demo_site, "no-such-user", "not-the-password", language="en")
    expect(page.locator("main form .alert-danger")).to_have_text(wrong_password_message)
    page.goto(f"{demo_site}/en/staff/")
    assert "/accounts/login/" in page.url


def test_home_and_section_pages_fit_a_360_px_phone(open_context, demo_site):
    page = open_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True).new_page()
    page.goto(f"{demo_site}/ky/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    expect(page.locator("nav.sections")).to_be_visible()
    expect(page.locator("nav.sections a").first).to_be_in_viewport()
    too_wide = {}
    for path in section_links(page):
        page.goto(demo_site + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            too_wide[path] = width
    assert not too_wide, f"pages that scroll sideways on a 360 px phone (their scrollWidth): {too_wide}"


def test_portal_works_without_javascript(open_context, demo_site):
    page = open_context(java_script_enabled=False).new_page()
    page.goto(f"{demo_site}/ky/")
    expect(page.locator("nav.sections")).to_be_visible()
    expect(page.locator("nav.sections a")).not_to_have_count(0)
    page.get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    log_in(page, demo_site, "staff", "demo")
    expect(page.locator("header .account button[type=submit]")).to_be_visible()
    expect(page.locator("header .account")).to_contain_text("Айгүл")
    page.goto(f"{demo_site}/ky/staff/")
    expect(page.locator("h1")).to_be_visible()
    assert "/accounts/login/" not in page.url

