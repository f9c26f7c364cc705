"""Issue #15 item 4: nobody can make the server render documents at will. A document's cache key
is its content version and language only; a crowd costs one render; anonymous downloads are
rate-limited per address with a readable 429; no public document is unbounded."""
import datetime
import io
import threading
import time

import pytest
from pypdf import PdfReader

import core.pdf
from portal import opendata
from core.cache import build_once
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def renders(monkeypatch):
    calls = []
    real = core.pdf.html_to_pdf
    monkeypatch.setattr(core.pdf, "html_to_pdf", lambda html: calls.append(1) or real(html))
    return calls


def test_query_strings_cannot_ask_for_fresh_renders(client, municipality, renders):
    assert client.get("/en/about/profile.pdf").status_code == 200
    for number in range(5):
        response = client.get(f"/en/about/profile.pdf?r={number}")
        assert response.status_code == 301
        assert response["Location"] == "/en/about/profile.pdf"
    assert client.get("/en/about/profile.pdf").status_code == 200
    assert len(renders) == 1
    # Another language is another document.
    assert client.get("/ru/about/profile.pdf").status_code == 200
    assert len(renders) == 2


def test_a_crowd_asking_for_one_document_costs_one_build():
    builds, results = [], []

    def slow_build():
        builds.append(1)
        time.sleep(0.4)
        return b"pdf"

    threads = [threading.Thread(target=lambda: results.append(build_once("test:doc", slow_build, 60)))
               for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(builds) == 1
    assert results == [b"pdf"] * 8


def test_open_data_zip_is_built_once_per_content_version(client, municipality, monkeypatch,
                                                         django_assert_max_num_queries):
    calls = []
    real = opendata.write_archive
    monkeypatch.setattr(opendata, "write_archive", lambda request, path: calls.append(1) or real(request, path))
    first = client.get("/en/open-data/open-data.zip")
    assert first.status_code == 200
    with django_assert_max_num_queries(3):
        second = client.get("/en/open-data/open-data.zip")
    assert second.getvalue() == first.getvalue()
    assert client.get("/en/open-data/open-data.zip?x=1").status_code == 301
    assert len(calls) == 1
    ProjectFactory()
    client.get("/en/open-data/open-data.zip")
    assert len(calls) == 2
    # Only the current archive is kept on disk.
    assert len(list(opendata.archive_dir().glob("open-data-en-*.zip"))) == 1


class TestRateLimit:
    def test_anonymous_downloads_are_limited_per_address(self, client, municipality, settings):
        settings.DOCUMENT_RATE_LIMIT = "3/m"
        for _attempt in range(3):
            assert client.get("/en/about/profile.pdf").status_code == 200
        refused = client.get("/en/about/profile.pdf")
        assert refused.status_code == 429
        assert refused["Retry-After"] == "60"
        html = refused.content.decode()
        assert "Too many downloads" in html and "wait a minute" in html
        assert '<html lang="en"' in html
        # Another address is not affected; pages are not limited.
        assert client.get("/en/about/profile.pdf", REMOTE_ADDR="192.0.2.44").status_code == 200
        assert client.get("/en/about/").status_code == 200

    def test_behind_a_proxy_each_visitor_has_own_limit(self, client, municipality, settings):
        settings.DOCUMENT_RATE_LIMIT = "2/m"
        settings.PROXY_COUNT = 1
        for _attempt in range(2):
            client.get("/en/projects/projects.csv", HTTP_X_FORWARDED_FOR="198.51.100.1")
        assert client.get("/en/projects/projects.csv", HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 429
        assert client.get("/en/projects/projects.csv", HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 200

    def test_staff_are_not_limited(self, staff_client, municipality, settings):
        settings.DOCUMENT_RATE_LIMIT = "1/m"
        for _attempt in range(3):
            assert staff_client.get("/en/about/profile.pdf").status_code == 200


def test_the_projects_pdf_is_bounded(client, municipality, monkeypatch):
    import projects.reports

    monkeypatch.setattr(projects.reports, "LIST_PDF_LIMIT", 3)
    for number in range(5):
        ProjectFactory(title=f"Долбоор-{number}", started_on=datetime.date(2024, 1, 1 + number))
    ProjectFactory(title="Эски долбоор", started_on=datetime.date(2020, 1, 1))
    response = client.get("/en/projects/projects.pdf")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.replace("\xa0", " ").split())
    assert "The 3 most recent of 5 projects are listed" in text
    assert "Долбоор-4" in text and "Долбоор-2" in text
    assert "Долбоор-1" not in text and "Долбоор-0" not in text
    assert "Эски долбоор" not in text  # another year: its own PDF
    older = client.get("/en/projects/projects-2020.pdf")
    older_text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(older.content)).pages)
    assert "Эски долбоор" in older_text and "Долбоор-4" not in older_text
