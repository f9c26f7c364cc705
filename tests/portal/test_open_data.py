"""The open-data page lists every dataset with its columns; the ZIP holds published data only."""
import csv
import io
import zipfile

import pytest
from django.urls import reverse
from django.utils import translation

from tests.portal import council_helpers as make

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(db):
    published = make.hearing(topic="Ачык угуу")
    make.proposal(published, "Жарыяланган сунуш: суу түтүгү", author_name="Токтогулов Бакыт")
    draft = make.hearing(topic="Долбоор угуу", status="draft")
    make.proposal(draft, "Жашыруун сунуш")
    return published


def test_the_open_data_page_lists_the_datasets_with_their_columns(client, content):
    with translation.override("en"):
        response = client.get(reverse("portal:open_data"))
        links = [reverse(name) for name in ("hearings:proposals_csv", "hearings:feed", "hearings:ics",
                                            "portal:open_data_zip")]
    page = response.content.decode()
    assert response.status_code == 200
    for link in links:
        assert link in page
    assert "Public answer" in page and "The aiyl okmotu&#x27;s answer." in page


@pytest.mark.parametrize("who", ["anonymous", "staff"])
def test_the_zip_holds_every_public_csv_with_published_data_only(role_clients, content, who):
    response = role_clients[who].get(reverse("portal:open_data_zip"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert "proposals.csv" in archive.namelist() and "README.txt" in archive.namelist()
    text = archive.read("proposals.csv").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) == 2  # the header and the one published proposal
    assert "Жарыяланган сунуш: суу түтүгү" in text
    assert "Жашыруун сунуш" not in text
    assert "Токтогулов" not in text
    everything = b"".join(archive.read(name) for name in archive.namelist()).decode("utf-8", "replace")
    assert "Жашыруун" not in everything and "Долбоор угуу" not in everything
