"""The open-data page lists every dataset with its columns; the ZIP holds published data only."""
import csv
import io
import json
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from portal import opendata
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
    assert response.streaming and "attachment" in response["Content-Disposition"]
    # Written once per content version to a file, then sent from it: the same bytes for every
    # visitor until content changes.
    archive = zipfile.ZipFile(io.BytesIO(response.getvalue()))
    assert "proposals.csv" in archive.namelist() and "README.txt" in archive.namelist()
    text = archive.read("proposals.csv").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) == 2  # the header and the one published proposal
    assert "Жарыяланган сунуш: суу түтүгү" in text
    assert "Жашыруун сунуш" not in text
    assert "Токтогулов" not in text
    everything = b"".join(archive.read(name) for name in archive.namelist()).decode("utf-8", "replace")
    assert "Жашыруун" not in everything and "Долбоор угуу" not in everything


def zip_of(client):
    response = client.get(reverse("portal:open_data_zip"))
    assert response.status_code == 200
    return zipfile.ZipFile(io.BytesIO(response.getvalue()))


def test_the_zip_describes_every_file_as_the_files_are(client, demo_data):
    """README.txt and datapackage.json name exactly the columns each CSV carries, its encoding,
    delimiter and licence; the page lists the same columns."""
    with translation.override("en"):
        archive = zip_of(client)
        page = client.get(reverse("portal:open_data")).content.decode()
    package = json.loads(archive.read("datapackage.json"))
    readme = archive.read("README.txt").decode()
    assert package["licenses"][0]["name"] == "CC-BY-4.0" and "Creative Commons" in readme
    assert "UTF-8" in readme and "“,”" in readme
    names = {resource["path"] for resource in package["resources"]}
    assert names == set(archive.namelist()) - {"README.txt", "datapackage.json"}
    assert {"proposals.csv", "initiative-groups.csv", "projects.csv", "budget.csv"} <= names
    for resource in package["resources"]:
        header = next(csv.reader(io.StringIO(archive.read(resource["path"]).decode("utf-8-sig"))))
        fields = [field["name"] for field in resource["schema"]["fields"]]
        assert header == fields, resource["path"]
        assert resource["dialect"]["delimiter"] == ","
        for column in fields:
            assert f"  - {column}: " in readme
            assert f"<code>{column}</code>" in page.replace("&#x27;", "'"), column


def test_the_budget_file_holds_every_published_year_and_no_draft(client, demo_data):
    from budget.models import BudgetYear

    BudgetYear.objects.filter(year=2023).update(status="draft")
    text = zip_of(client).read("budget.csv").decode("utf-8-sig")
    years = {row[0] for row in list(csv.reader(io.StringIO(text)))[1:]}
    assert years == {"2022"}


def test_the_zip_costs_the_same_queries_however_much_is_published(client, content, django_assert_max_num_queries):
    with CaptureQueriesContext(connection) as few:
        zip_of(client)
    for number in range(30):
        hearing = make.hearing(topic=f"Угуу {number}", starts_at=make.moment(2020, 1, 1 + number % 28))
        make.proposal(hearing, f"Сунуш {number}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        archive = zip_of(client)
    assert "Угуу 29" in archive.read("proposals.csv").decode("utf-8-sig")


def test_the_zip_is_revalidated_without_being_built(client, content, monkeypatch, django_assert_max_num_queries):
    first = client.get(reverse("portal:open_data_zip"))
    assert first.has_header("ETag") and first.has_header("Last-Modified")
    first.getvalue()
    monkeypatch.setattr(opendata, "write_zip", lambda *args: pytest.fail("built for a revalidation"))
    for headers in ({"HTTP_IF_NONE_MATCH": first["ETag"]}, {"HTTP_IF_MODIFIED_SINCE": first["Last-Modified"]}):
        with django_assert_max_num_queries(1):
            again = client.get(reverse("portal:open_data_zip"), **headers)
        assert again.status_code == 304 and again["ETag"] == first["ETag"]


def test_a_change_gives_a_new_zip(client, content):
    first = client.get(reverse("portal:open_data_zip"))
    make.proposal(content, "Жаңы сунуш: көпүрө")
    again = client.get(reverse("portal:open_data_zip"), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200 and again["ETag"] != first["ETag"]
    assert "Жаңы сунуш: көпүрө" in zipfile.ZipFile(io.BytesIO(again.getvalue())).read("proposals.csv").decode()


def test_the_page_describes_each_set_of_columns_once_and_points_back_to_it(client, demo_data):
    """Every published budget year has its own files with the same columns: described once, the
    others point to that description (the page stays small after ten years)."""
    with translation.override("ru"):
        page = client.get(reverse("portal:open_data")).content.decode()
    cards = page.count('class="card mb-3"')
    described, pointers = page.count("<details>"), page.count("Столбцы — как в файле")
    budget_files = page.count('id="dataset-budget-')
    assert budget_files >= 4  # 2022 and 2023, CSV and XLSX
    assert pointers >= budget_files - 1 and described + pointers <= cards
    first = page.index("<details>", page.index('id="dataset-budget-'))
    assert page.index("Столбцы — как в файле", first) > first  # the description comes first
    link = page.split("Столбцы — как в файле ", 1)[1].split('"')[1]
    assert link.startswith("#dataset-") and f'id="{link[1:]}"' in page  # points to a card that is there
