"""The contract (core.contributions): an app that declares its contributions shows up on the
home page, the work list, search, open data, council packs and the annual report, with no
change in portal/. A stand-in app is registered on the core config for the test."""
import csv
import io
import zipfile

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation

from core.contributions import (Contributions, Dataset, Figure, HomeCard, PackChoice, PackSection, ReportPart,
                                SearchKind, WorkItem, all_contributions)
from portal import packs
from core.models import Village
from portal.models import CouncilPack
from tests.portal import council_helpers as make

pytestmark = pytest.mark.django_db


class StandIn(Contributions):
    def home_cards(self, user):
        return [HomeCard(key="stand-in", title="Stand-in card", url="/stand-in/",
                         figures=[Figure(7, "stand-in things")])]

    def search_kinds(self):
        return [SearchKind(key="villages", label="Villages", fields=("name",),
                           queryset=lambda: Village.objects.order_by("name"), url=lambda village: "/v/")]

    def datasets(self):
        return [Dataset(key="stand-in", title="Stand-in data", description="Two rows.",
                        columns=[("number", "A number."), ("word", "A word.")],
                        rows=lambda: iter([[1, "бир"], [2, "эки"]]), filename="stand-in.csv")]

    def pack_choices(self):
        return [PackChoice(key="stand_in_villages", label="villages", order=5,
                           queryset=lambda user: Village.objects.order_by("name"),
                           sections=lambda villages, viewer: [
                               PackSection(kind="village", title=f"Village {village.name}",
                                           template="includes/figure.html",
                                           context={"value": village.name, "label": "village"})
                               for village in villages])]

    def work_items(self, user):
        return [WorkItem(title="Stand-in work waiting", url="/stand-in/work/", count=3, order=1)]

    def report_parts(self, year, shown=None):
        return [ReportPart(key="stand-in", title="Stand-in", rows=[("Stand-in figure", year - 2000, "num")],
                           template="includes/figure.html", context={"value": year, "label": "stand-in year"},
                           has_data=True, order=1)]

    def report_years(self):
        return {2019}


@pytest.fixture
def stand_in(monkeypatch):
    monkeypatch.setattr(apps.get_app_config("core"), "contributions", StandIn(), raising=False)
    assert any(isinstance(item, StandIn) for item in all_contributions())


def test_every_domain_app_declares_its_contributions():
    names = {type(item).__name__ for item in all_contributions()}
    assert {"GroupsContributions", "HearingsContributions", "BudgetContributions",
            "ProjectsContributions"} <= names


def test_a_new_app_reaches_every_page_of_the_site(stand_in, client, staff_client, deputy_client):
    village = Village.objects.create(name="Жаңы-Айыл")
    with translation.override("en"):
        assert "stand-in things" in client.get(reverse("portal:home")).content.decode()
        assert "Stand-in work waiting" in staff_client.get(reverse("portal:staff_home")).content.decode()
        assert "Жаңы-Айыл" in client.get(reverse("portal:search"), {"q": "жаңы"}).content.decode()
        page = client.get(reverse("portal:open_data")).content.decode()
        assert "Stand-in data" in page and "<code>word</code>" in page
        archive = zipfile.ZipFile(io.BytesIO(client.get(reverse("portal:open_data_zip")).getvalue()))
        rows = list(csv.reader(io.StringIO(archive.read("stand-in.csv").decode("utf-8-sig"))))
        assert rows == [["number", "word"], ["1", "бир"], ["2", "эки"]]
        report = client.get(reverse("portal:annual_report", args=[2021]))
        assert "Stand-in figure" in report.content.decode()
        assert 2019 in report.context["years"]

        session = make.session()
        form = deputy_client.get(reverse("portal:council_pack_create", args=[session.pk])).content.decode()
        assert 'name="stand_in_villages"' in form
        response = deputy_client.post(reverse("portal:council_pack_create", args=[session.pk]),
                                      {"stand_in_villages": [village.pk]})
        assert response.status_code == 302
    pack = CouncilPack.objects.get()
    assert pack.picked() == {"stand_in_villages": [village.pk]}
    assert [section.title for section in packs.pack_sections(pack, None)] == ["Village Жаңы-Айыл"]
