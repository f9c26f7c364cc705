"""Screenshot of the demo home page (1280×900) for the README: docs/screenshot-home.png.

    .venv/bin/python tests/e2e/screenshot.py

It runs through pytest with the browser harness of tests/e2e (live server, demo data, Debian's
Chromium). The file name does not match test_*.py, so the normal test run leaves it out.
"""
import io
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TARGET = ROOT / "docs" / "screenshot-home.png"
MAX_BYTES = 200_000


@pytest.mark.e2e
def test_screenshot_of_the_home_page(open_context, demo_site):
    from PIL import Image

    page = open_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(f"{demo_site}/ky/")
    page.wait_for_load_state("networkidle")
    png = page.screenshot(full_page=False)
    image = Image.open(io.BytesIO(png))
    assert image.size == (1280, 900)
    TARGET.parent.mkdir(exist_ok=True)
    image.save(TARGET, optimize=True)
    if TARGET.stat().st_size > MAX_BYTES:
        # A palette of 128 colours keeps text sharp and the file small.
        image.convert("RGB").quantize(colors=128).save(TARGET, optimize=True)
    assert TARGET.stat().st_size <= MAX_BYTES
    print(f"wrote {TARGET} ({TARGET.stat().st_size} bytes)")


if __name__ == "__main__":
    sys.exit(pytest.main([str(Path(__file__).resolve()), "-q", "-s", "--rootdir", str(ROOT),
                          "-c", str(ROOT / "pytest.ini")]))
