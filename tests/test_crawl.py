"""The site crawl: every later app gets it for free.

Logged in as each role, it follows every link from the home page (GET only, within the site)
and fails on any 5xx, on a staff page that a citizen can open, and on any draft's title or any
non-consenting person's name or phone that reaches an anonymous visitor.
"""
import re
from collections import deque

import pytest
from django.apps import apps

from bench.discover import links_of  # one link reader for the crawl and the benchmark
from core.models import Publishable

MAX_PAGES = 600
SKIP_PREFIXES = ("/static/", "/media/", "/admin/")
SKIP_PARTS = ("/accounts/logout/", "/admin/")
DRAFT_MARKER = "DRAFTSECRET"


def crawl(client, start="/ky/"):
    """Visit every page reachable from `start`; return {path: response}."""
    seen, pages, queue = {start}, {}, deque([start])
    while queue and len(pages) < MAX_PAGES:
        url = queue.popleft()
        response = client.get(url)
        pages[url] = response
        content_type = response.get("Content-Type", "")
        if response.status_code == 200 and content_type.startswith("text/html"):
            for link in links_of(response.content.decode()):
                if link.startswith(SKIP_PREFIXES) or any(part in link for part in SKIP_PARTS):
                    continue
                if link not in seen:
                    seen.add(link)
                    queue.append(link)
    return pages


def make_drafts():
    """Turn one published object of every publishable model into a draft with a marked title,
    so that the crawl can tell if a draft leaks."""
    markers = []
    for model in apps.get_models():
        if not issubclass(model, Publishable):
            continue
        obj = model.objects.published().first()
        if obj is None:
            continue
        for field in ("title", "name", "topic"):
            if hasattr(obj, field):
                marker = f"{DRAFT_MARKER}{model.__name__}"
                setattr(obj, field, marker)
                obj.save()
                markers.append(marker)
                break
        obj.unpublish()
    return markers


def personal_secrets():
    """Names of people who did not consent, and everybody's phone: never public."""
    Person = apps.get_model("groups", "Person")
    secrets = set()
    for person in Person.objects.all():
        if not person.consents_to_publish_name and len(person.full_name) > 5:
            secrets.add(person.full_name)
        if len(person.phone) > 5:
            secrets.add(person.phone)
    return secrets


@pytest.fixture
def crawl_data(demo_data):
    return {"drafts": make_drafts(), "secrets": personal_secrets()}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["anonymous", "no_role", "deputy", "staff"])
def test_crawl_finds_no_errors_and_no_leaks(role, role_clients, crawl_data):
    pages = crawl(role_clients[role])
    assert len(pages) > 5, "the crawl should reach the site's sections"
    errors = {url: r.status_code for url, r in pages.items() if r.status_code >= 500}
    assert not errors, f"server errors for {role}: {errors}"

    if role in ("anonymous", "no_role"):
        staff_pages = [url for url, r in pages.items() if "/staff/" in url and r.status_code == 200]
        assert not staff_pages, f"{role} opened staff pages: {staff_pages}"
        for url, response in pages.items():
            if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/"):
                continue
            text = response.content.decode()
            leaked = [marker for marker in crawl_data["drafts"] if marker in text]
            assert not leaked, f"drafts {leaked} shown to {role} on {url}"
            exposed = [secret for secret in crawl_data["secrets"] if secret in text]
            assert not exposed, f"personal data {exposed} shown to {role} on {url}"


@pytest.mark.django_db
def test_crawl_reaches_every_language(role_clients, demo_data):
    for language in ("ky", "ru", "en"):
        response = role_clients["anonymous"].get(f"/{language}/")
        assert response.status_code == 200
        assert f'lang="{language}"' in response.content.decode()
        assert re.search(r"1-(Ма[йи]|Mai)", response.content.decode())
