"""A group's dates in order: nothing it did, and nobody in it, comes before its founding."""
import datetime
from html import unescape

import pytest
from django.urls import reverse
from django.utils import translation

from groups.models import GroupActivity
from tests.groups.factories import GroupFactory

pytestmark = pytest.mark.django_db


def url(language, group):
    with translation.override(language):
        return reverse("groups:staff_add_activity", args=[group.pk])


def activity(date):
    return {"date": date, "kind": "meeting", "title_ky": "Жыйын", "description_ky": "", "hearing": "", "project": ""}


@pytest.mark.parametrize("language,message", [
    ("ky", "Иш-чара топ түзүлгөнгө чейин (15.03.2014) болушу мүмкүн эмес."),
    ("ru", "Мероприятие не может быть раньше создания группы (15.03.2014)."),
])
def test_an_activity_before_the_group_was_founded_is_refused(staff_client, language, message):
    group = GroupFactory()  # founded 15.03.2014
    response = staff_client.post(url(language, group), activity("2010-05-01"))
    assert response.status_code == 200
    assert message in unescape(response.content.decode())
    assert not GroupActivity.objects.exists()


def test_an_absurd_activity_date_is_refused_and_a_right_one_saves(staff_client):
    group = GroupFactory()
    response = staff_client.post(url("ky", group), activity("1900-01-01"))
    assert "1991-жылдан 2100-жылга чейинки датаны жазыңыз" in unescape(response.content.decode())
    assert not GroupActivity.objects.exists()

    assert staff_client.post(url("ky", group), activity("2015-05-01")).status_code == 302
    assert GroupActivity.objects.get(group=group).date == datetime.date(2015, 5, 1)
