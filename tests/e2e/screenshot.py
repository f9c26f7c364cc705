"""Screenshots for the README: the demo home page at 1280×900 (docs/screenshot-home.png) and the
pages a resident opens on a 360 px phone (docs/phone-*.png).

    .venv/bin/python tests/e2e/screenshot.py

It runs through pytest with the browser harness of tests/e2e (live server, demo data, Debian's
Chromium). The file name does not match test_*.py, so the normal test run leaves it out.
"""
import io
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
TARGET = DOCS / "screenshot-home.png"
MAX_BYTES = 200_000
PHONE = {"width": 360, "height": 740}


def save(png, target, size):
    from PIL import Image

    image = Image.open(io.BytesIO(png))
    assert image.size == size
    target.parent.mkdir(exist_ok=True)
    image.save(target, optimize=True)
    if target.stat().st_size > MAX_BYTES:
        # A palette of 128 colours keeps text sharp and the file small.
        image.convert("RGB").quantize(colors=128).save(target, optimize=True)
    assert target.stat().st_size <= MAX_BYTES
    print(f"wrote {target} ({target.stat().st_size} bytes)")


@pytest.mark.e2e
def test_screenshot_of_the_home_page(open_context, demo_site):
    page = open_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(f"{demo_site}/ky/")
    page.wait_for_load_state("networkidle")
    save(page.screenshot(full_page=False), TARGET, (1280, 900))


def first_object(page, base_url, listing):
    from tests.e2e.harness import links_in_main  # here: run as a script, `tests` is not importable at the top

    page.goto(base_url + listing)
    return next(href for href in links_in_main(page)
                if href.startswith(listing) and href != listing and any(part.isdigit() for part in href.split("/")))


@pytest.mark.e2e
def test_screenshots_on_a_phone(open_context, demo_site):
    page = open_context(viewport=PHONE, device_scale_factor=1).new_page()
    shots = {
        "phone-home": "/ky/",
        "phone-budget-year": first_object(page, demo_site, "/ky/budget/"),
        "phone-project": first_object(page, demo_site, "/ru/projects/"),
        "phone-hearing": first_object(page, demo_site, "/ky/hearings/"),
        "phone-you-said-we-did": "/ru/hearings/proposals/",
    }
    for name, path in shots.items():
        page.goto(demo_site + path)
        page.wait_for_load_state("networkidle")
        save(page.screenshot(full_page=False), DOCS / f"{name}.png", (PHONE["width"], PHONE["height"]))


if __name__ == "__main__":
    sys.exit(pytest.main([str(Path(__file__).resolve()), "-q", "-s", "--rootdir", str(ROOT),
                          "-c", str(ROOT / "pytest.ini")]))
