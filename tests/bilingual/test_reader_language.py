"""Every published text in Kyrgyz and Russian: a reader of /ru/ gets the Russian, a reader of /ky/
the Kyrgyz, and where a text has no version in the reader's language the other one is shown,
marked with its lang. Staff enter both side by side; bad input names the language."""
import csv
import html
import io
import re
from collections import deque

import pytest
from django.urls import reverse
from django.utils import translation

from bench.discover import links_of
from core import bilingual
from hearings.models import Hearing
from tests.hearings.factories import HearingFactory

MAX_PAGES = 120
SKIP = ("/static/", "/media/", "/admin/", "/accounts/", "/staff/", "pdf", "/council/")
TAG = re.compile(r"<[^>]+>")


def walk(client, language):
    """The public pages (and feeds, calendars, CSV files they link to) of one language:
    {path: (content type, text)}."""
    start = f"/{language}/"
    seen, pages, queue = {start}, {}, deque([start])
    while queue and len(pages) < MAX_PAGES:
        url = queue.popleft()
        response = client.get(url)
        assert response.status_code < 500, url
        if response.status_code != 200 or getattr(response, "streaming", False):
            continue
        content = response.content.decode("utf-8", "replace")
        pages[url] = (response.get("Content-Type", ""), content)
        if response.get("Content-Type", "").startswith("text/html"):
            for link in links_of(content):
                link = link.split("#")[0]
                if link.startswith(start) and not any(part in link for part in SKIP) and link not in seen:
                    seen.add(link)
                    queue.append(link)
    return pages


def visible_lines(content):
    text = html.unescape(TAG.sub("\n", content))
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def pairs_of_texts():
    """(Kyrgyz, Russian) of every published translated text that has both, first lines only;
    not those that proposals as received quote (a proposal is shown in its own words)."""
    from modeltranslation.translator import translator

    from hearings.models import Proposal

    quoted = " ".join(Proposal.objects.values_list("text", flat=True))
    pairs = set()
    for model in translator.get_registered_models(abstract=False):
        for obj in model.objects.all():
            for name in bilingual.translated_fields(model):
                kyrgyz = (getattr(obj, f"{name}_ky") or "").strip().split("\n")[0]
                russian = (getattr(obj, f"{name}_ru") or "").strip().split("\n")[0]
                if len(kyrgyz) >= 12 and len(russian) >= 12 and kyrgyz != russian and kyrgyz not in quoted:
                    pairs.add((" ".join(kyrgyz.split()), " ".join(russian.split())))
    return pairs


@pytest.mark.django_db
def test_ky_and_ru_readers_each_get_their_own_language_and_no_pair_is_left_in_one_field(demo_data, client):
    pairs = pairs_of_texts()
    assert len(pairs) > 100  # the demo is in both languages throughout
    pages = {language: walk(client, language) for language in ("ky", "ru")}
    assert len(pages["ru"]) > 20
    for language, other in (("ky", 1), ("ru", 0)):
        for url, (content_type, content) in pages[language].items():
            if content_type.startswith("text/csv"):
                # Open data carries both languages side by side (name_ky, name_ru): one text a cell.
                for row in csv.reader(io.StringIO(content.lstrip("\ufeff"))):
                    for cell in row:
                        assert not bilingual.split_bilingual(cell)[1], f"{url}: a pair in one cell: {cell!r}"
                continue
            lines = visible_lines(content)
            shown = set(lines)  # each text is an element of its own: a line of the page's text
            for pair in pairs:
                assert pair[other] not in shown, f"{url} shows {pair[other]!r} instead of {pair[1 - other]!r}"
            for line in lines:
                if " / " in line:
                    kyrgyz, russian = bilingual.split_bilingual(line)
                    assert not russian, f"{url}: a 'text / текст' pair in one field: {line!r}"



@pytest.mark.django_db
def test_the_demo_has_every_published_text_in_both_languages(demo_data, client):
    """What a citizen reads of the demo exists in Kyrgyz and Russian (the AO's answers to
    proposals, places of meetings...): a reader of /ru/ meets no Kyrgyz text marked as such.
    A proposal itself is quoted as received and is not a translated field."""
    from modeltranslation.translator import translator

    missing = [f"{model.__name__}.{name} #{obj.pk}"
               for model in translator.get_registered_models(abstract=False)
               for obj in model.objects.all()
               for name in bilingual.translated_fields(model)
               if (getattr(obj, f"{name}_ky") or "").strip() and not (getattr(obj, f"{name}_ru") or "").strip()]
    assert missing == []
    russian_page = client.get("/ru/hearings/proposals/?status=accepted").content.decode()
    assert "Включено в программу" in russian_page
    assert '<span lang="ky">' not in russian_page

@pytest.mark.django_db
def test_a_text_missing_in_russian_is_shown_in_kyrgyz_marked_as_kyrgyz(client):
    hearing = HearingFactory(topic="Айылдык кеңештин угуусу", topic_ky="Айылдык кеңештин угуусу", topic_ru="")
    response = client.get(f"/ru{reverse_in('ky', 'hearings:detail', hearing.pk)[3:]}")
    assert '<span lang="ky">Айылдык кеңештин угуусу</span>' in response.content.decode()
    hearing.topic_ru = "Слушания айылного кенеша"
    hearing.save()
    russian = client.get(f"/ru{reverse_in('ky', 'hearings:detail', hearing.pk)[3:]}").content.decode()
    assert "Слушания айылного кенеша" in russian and "Айылдык кеңештин угуусу" not in russian
    kyrgyz = client.get(reverse_in("ky", "hearings:detail", hearing.pk)).content.decode()
    assert "Айылдык кеңештин угуусу" in kyrgyz and "Слушания айылного кенеша" not in kyrgyz


def reverse_in(language, name, *args):
    with translation.override(language):
        return reverse(name, args=args)


def hearing_form(**fields):
    data = {"kind": "other", "topic_ky": "Көчө жарыгы", "topic_ru": "Уличное освещение", "topic_en": "",
            "starts_at": "2026-12-01T10:00", "village": "", "place_ky": "", "place_ru": "", "place_en": "",
            "announced_on": "", "agenda_ky": "", "agenda_ru": "", "agenda_en": "", "budget_year": "",
            "programme": "", "state": "announced"}
    data.update(fields)
    return data


@pytest.mark.django_db
def test_staff_enter_both_languages_side_by_side_correct_them_and_publish(staff_client, client):
    page = staff_client.get(reverse_in("ru", "hearings:staff_create")).content.decode()
    form = page[page.index("<main"):]  # the header's phone menu is a <details> too
    assert 'class="row bilingual-pair"' in form or "bilingual-pair" in form
    assert form.index('name="topic_ky"') < form.index('name="topic_ru"') < form.index("<details")
    assert form.index("<details") < form.index('name="topic_en"')
    assert staff_client.post(reverse_in("ru", "hearings:staff_create"), hearing_form()).status_code == 302
    hearing = Hearing.objects.get(topic_ky="Көчө жарыгы")
    assert hearing.topic_ru == "Уличное освещение"
    data = hearing_form(topic_ru="Освещение улиц", version=hearing.version)
    assert staff_client.post(reverse_in("ru", "hearings:staff_edit", hearing.pk), data).status_code == 302
    hearing.refresh_from_db()
    assert (hearing.topic_ky, hearing.topic_ru) == ("Көчө жарыгы", "Освещение улиц")
    hearing.publish()
    assert "Освещение улиц" in client.get(reverse_in("ru", "hearings:detail", hearing.pk)).content.decode()
    assert "Көчө жарыгы" in client.get(reverse_in("ky", "hearings:detail", hearing.pk)).content.decode()


@pytest.mark.django_db
def test_bad_input_is_refused_with_an_error_naming_the_language(staff_client):
    url = reverse_in("en", "hearings:staff_create")
    missing = staff_client.post(url, hearing_form(topic_ky="")).content.decode()
    assert "Kyrgyz: This field is required." in missing
    too_long = staff_client.post(url, hearing_form(topic_ru="ш" * 301)).content.decode()
    assert "Russian: at most 300 characters (now 301)." in too_long
    assert not Hearing.objects.exists()


@pytest.mark.django_db
def test_russian_is_optional_and_a_missing_russian_is_on_the_staff_list_and_work_list(staff, staff_client):
    url = reverse_in("en", "hearings:staff_create")
    assert staff_client.post(url, hearing_form(topic_ru="")).status_code == 302
    hearing = Hearing.objects.get()
    hearing.publish()
    listing = staff_client.get(reverse_in("en", "hearings:staff_list")).content.decode()
    assert "Russian missing" in listing
    from hearings.contributions import HearingsContributions

    items = {str(item.title): item.count for item in HearingsContributions().work_items(staff)}
    assert items["Published hearings missing Russian"] == 1
    assert "Published hearings missing Russian" in staff_client.get(reverse_in("en", "portal:staff_home")).content.decode()


@pytest.mark.django_db
def test_search_finds_a_word_in_either_language(client):
    HearingFactory(topic="Ичүүчү суу түтүгү", topic_ky="Ичүүчү суу түтүгү", topic_ru="Водопровод питьевой воды")
    for language in ("ky", "ru"):
        for word in ("түтүгү", "Водопровод"):
            page = client.get(reverse_in(language, "portal:search"), {"q": word}).content.decode()
            assert "водопровод" in page.lower() or "түтүгү" in page, (language, word)


@pytest.mark.django_db
def test_a_search_result_in_the_other_language_is_marked_with_its_lang(client):
    """Search shows titles and answers outside a template's |tr: they are marked all the same."""
    HearingFactory(topic="Көпүрө курулушу", topic_ky="Көпүрө курулушу", topic_ru="",
                   agenda_ky="Көпүрөнү оңдоо", agenda_ru="Ремонт моста")
    russian = client.get(reverse_in("ru", "portal:search"), {"q": "Көпүрө"}).content.decode()
    assert '<span lang="ky">Көпүрө курулушу</span>' in russian
    assert "Ремонт моста" in russian and '<span lang="ky">Көпүрөнү' not in russian
    kyrgyz = client.get(reverse_in("ky", "portal:search"), {"q": "Көпүрө"}).content.decode()
    assert "Көпүрө курулушу" in kyrgyz and '<span lang="ky">' not in kyrgyz
