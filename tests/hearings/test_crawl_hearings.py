"""The site crawl, narrowed to the hearings' pages: with one published object of every kind turned
into a draft, no hearings page leaks it to a citizen."""
import pytest

from tests.test_crawl import crawl, make_drafts

pytestmark = pytest.mark.django_db


def test_no_hearings_page_leaks_a_draft_to_a_citizen(client, demo_data):
    markers = make_drafts()
    assert "DRAFTSECRETHearing" in markers and "DRAFTSECRETDevelopmentProgramme" in markers
    pages = crawl(client, start="/ky/hearings/")
    hearing_pages = {url: r for url, r in pages.items() if "/hearings/" in url}
    assert len(hearing_pages) > 10
    for url, response in hearing_pages.items():
        assert response.status_code < 500, url
        if "/staff/" in url:
            assert response.status_code != 200, url
        if response.status_code == 200 and response.get("Content-Type", "").startswith("text/"):
            text = response.content.decode("utf-8-sig")
            assert not [marker for marker in markers if marker in text], url
