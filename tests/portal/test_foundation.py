import io
import os
import subprocess
import sys

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from core.models import Municipality, Village
from tests.factories import VillageFactory


def pdf_text(content):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.mark.django_db
class TestLayout:
    def test_root_sends_a_citizen_to_kyrgyz(self, client):
        response = client.get("/")
        assert response.status_code == 302
        assert response["Location"] == "/ky/"

    @pytest.mark.parametrize("language,word", [("ky", "Кирүү"), ("ru", "вход"), ("en", "log in")])
    def test_home_page_speaks_the_chosen_language(self, client, municipality, language, word):
        response = client.get(f"/{language}/")
        assert response.status_code == 200
        assert word.lower() in response.content.decode().lower()

    def test_footer_shows_the_municipalitys_contacts(self, client, municipality):
        html = client.get("/ru/").content.decode()
        assert "1-Майский айыл аймак" in html
        assert "0777 787138" in html
        assert "1-mai_ao@mail.ru" in html
        assert "ул. С. Жунусова" in html

    def test_kyrgyz_name_shows_with_its_letters(self, client, municipality):
        municipality.name_ky = "Өрнөк айыл аймагы ңүө"
        municipality.save()
        assert "Өрнөк айыл аймагы ңүө" in client.get("/ky/").content.decode()

    def test_every_page_has_a_skip_link_and_language_links(self, client, municipality):
        html = client.get("/ky/about/").content.decode()
        assert 'href="#main"' in html
        assert 'href="/ru/about/"' in html and 'href="/en/about/"' in html

    def test_no_cdn_everything_from_static(self, client, municipality):
        html = client.get("/ky/").content.decode()
        assert "/static/vendor/bootstrap/bootstrap.min.css" in html
        assert "cdn" not in html.lower()

    def test_demo_banner_only_for_demo_data(self, client, municipality):
        assert "demo-banner" not in client.get("/en/").content.decode()
        municipality.is_demo = True
        municipality.save()
        assert "demo-banner" in client.get("/en/").content.decode()

    def test_logged_in_person_sees_who_and_a_logout_button(self, staff_client, municipality):
        html = staff_client.get("/en/").content.decode()
        assert "Logged in as staff-member" in html
        assert 'action="/en/accounts/logout/"' in html and 'method="post"' in html


@pytest.mark.django_db
class TestErrorPages:
    @pytest.mark.parametrize("language,text", [("ky", "Мындай бет жок"), ("ru", "Такой страницы нет"),
                                               ("en", "There is no such page")])
    def test_missing_page_is_the_portals_404_in_each_language(self, client, municipality, language, text):
        response = client.get(f"/{language}/no-such-page/")
        assert response.status_code == 404
        assert text in response.content.decode()

    def test_404_language_links_stay_on_the_404(self, client, municipality):
        html = client.get("/ky/no-such-page/").content.decode()
        assert 'href="/ru/no-such-page/"' in html

    def test_server_error_page_is_friendly(self, municipality):
        from django.test import Client

        from portal.views import server_error

        with translation.override("ru"):
            response = server_error(None)
        assert response.status_code == 500
        assert "Что-то пошло не так" in response.content.decode()


@pytest.mark.django_db
class TestLogin:
    def test_wrong_login_is_refused_without_saying_which_part(self, client, staff, municipality):
        response = client.post("/ru/accounts/login/", {"username": "staff-member", "password": "wrong"})
        assert response.status_code == 200
        html = response.content.decode()
        assert "Имя пользователя или пароль указаны неверно" in html
        response = client.post("/ru/accounts/login/", {"username": "nobody", "password": "wrong"})
        assert "Имя пользователя или пароль указаны неверно" in response.content.decode()

    def test_the_login_form_says_what_is_missing_and_keeps_the_name_but_never_the_password(
            self, client, staff, municipality):
        page = client.get("/ky/accounts/login/?next=/ky/hearings/").content.decode()
        assert '<label for="id_username"' in page and '<label for="id_password"' in page
        assert 'name="next" value="/ky/hearings/"' in page and "is-invalid" not in page
        empty = client.post("/en/accounts/login/", {"username": "", "password": ""}).content.decode()
        assert empty.count("This field is required.") == 2
        assert 'aria-describedby="id_username_error"' in empty and 'aria-describedby="id_password_error"' in empty
        wrong = client.post("/en/accounts/login/", {"username": 'staff-"member', "password": "wrong-secret"})
        html = wrong.content.decode()
        assert 'value="staff-&quot;member"' in html and "wrong-secret" not in html
        assert "The user name or the password is not right" in html

    def test_right_login_lets_staff_in(self, client, staff, municipality):
        response = client.post("/en/accounts/login/", {"username": "staff-member", "password": "secret-pass-1"})
        assert response.status_code == 302
        assert "Logged in as staff-member" in client.get("/en/").content.decode()

    def test_too_many_failures_lock_the_account(self, client, staff, municipality, settings):
        for _attempt in range(settings.AXES_FAILURE_LIMIT):
            client.post("/en/accounts/login/", {"username": "staff-member", "password": "wrong"})
        response = client.post("/en/accounts/login/", {"username": "staff-member", "password": "secret-pass-1"})
        assert response.status_code == 429
        assert "Too many failed attempts" in response.content.decode()
        call_command("axes_reset_username", "staff-member", stdout=io.StringIO())
        response = client.post("/en/accounts/login/", {"username": "staff-member", "password": "secret-pass-1"})
        assert response.status_code == 302

    def test_logout_needs_post(self, staff_client, municipality):
        assert staff_client.get("/en/accounts/logout/").status_code == 405
        assert staff_client.post("/en/accounts/logout/").status_code == 302
        assert "Logged in as" not in staff_client.get("/en/").content.decode()

    def test_password_change_page_in_portal_look(self, staff_client, municipality):
        response = staff_client.get("/ru/accounts/password/")
        assert response.status_code == 200
        assert "site-header" in response.content.decode()


@pytest.mark.django_db
class TestRoles:
    def test_roles_exist_with_their_permissions(self):
        staff = set(Group.objects.get(name="staff").permissions.values_list("codename", flat=True))
        deputies = set(Group.objects.get(name="deputies").permissions.values_list("codename", flat=True))
        assert {"edit_content", "publish_content", "view_drafts"} <= staff
        assert "view_drafts" in deputies and "edit_content" not in deputies

    @pytest.mark.parametrize("role,status", [("anonymous", 302), ("no_role", 403), ("deputy", 403),
                                             ("staff", 200), ("superuser", 200)])
    def test_work_list_is_for_staff(self, role_clients, municipality, role, status):
        assert role_clients[role].get("/en/staff/").status_code == status

    def test_publishing_needs_the_right_and_a_post(self, role_clients, municipality):
        from hearings.models import DevelopmentProgramme

        programme = DevelopmentProgramme.objects.create(title="Программа 2022–2026", first_year=2022, last_year=2026)
        url = reverse("portal:publish", kwargs={"model": "hearings.DevelopmentProgramme", "pk": programme.pk})
        assert role_clients["deputy"].post(url, {"action": "publish"}).status_code == 403
        assert role_clients["anonymous"].post(url, {"action": "publish"}).status_code == 302
        programme.refresh_from_db()
        assert programme.status == "draft"
        assert role_clients["staff"].get(url).status_code == 405
        response = role_clients["staff"].post(url, {"action": "publish", "next": "https://evil.example/"})
        programme.refresh_from_db()
        assert programme.status == "published" and programme.published_at
        assert "evil.example" not in response["Location"]
        assert programme.history.first().history_change_reason == "published"

    def test_only_publishable_models_can_be_published(self, staff_client, municipality):
        village = VillageFactory()
        url = reverse("portal:publish", kwargs={"model": "core.Village", "pk": village.pk})
        assert staff_client.post(url, {"action": "publish"}).status_code == 404
        url = reverse("portal:publish", kwargs={"model": "nonsense", "pk": 1})
        assert staff_client.post(url).status_code == 404

    def test_visible_to_hides_drafts_from_citizens_only(self, staff, deputy, no_role_user):
        from django.contrib.auth.models import AnonymousUser

        from hearings.models import DevelopmentProgramme

        draft = DevelopmentProgramme.objects.create(title="Черновик", first_year=2027, last_year=2031)
        assert draft not in DevelopmentProgramme.objects.visible_to(AnonymousUser())
        assert draft not in DevelopmentProgramme.objects.visible_to(no_role_user)
        assert draft in DevelopmentProgramme.objects.visible_to(deputy)
        assert draft in DevelopmentProgramme.objects.visible_to(staff)


@pytest.mark.django_db
class TestProfilePdf:
    def test_profile_pdf_carries_kyrgyz_letters_and_page_numbers(self, client, demo_data):
        response = client.get("/ky/about/profile.pdf")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["ETag"]
        text = pdf_text(response.content)
        assert "1-Май айыл аймагы" in text
        assert "Айры-Там" in text
        assert "1 / 1" in text
        assert "№" in text or "1/5" in text

    def test_about_page_links_the_pdf(self, client, municipality):
        assert "/ky/about/profile.pdf" in client.get("/ky/about/").content.decode()


@pytest.mark.django_db
class TestDemoData:
    def test_load_demo_is_idempotent_and_prints_logins(self):
        out = io.StringIO()
        call_command("load_demo", "--force", stdout=out)
        call_command("load_demo", "--force", "--password", "other", stdout=out)
        assert Municipality.objects.count() == 1
        assert set(Village.objects.values_list("name", flat=True)) >= {"Айры-Там", "Ажек"}
        assert "deputy / other" in out.getvalue()
        from django.contrib.auth.models import User

        assert User.objects.get(username="staff").check_password("other")

    def test_load_demo_refuses_production_without_force(self, settings):
        from django.core.management.base import CommandError

        settings.DEBUG = False
        with pytest.raises(CommandError):
            call_command("load_demo", stdout=io.StringIO())


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings", "DJANGO_DEBUG": "0",
           "DJANGO_SECRET_KEY": "x" * 30 + "production-secret-key-0123456789-abcdef",
           "DJANGO_ALLOWED_HOSTS": "portal.example.kg"}
    env.pop("DJANGO_SECURE", None)
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                            capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_no_missing_migrations():
    result = subprocess.run([sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.django_db
class TestPdfCache:
    def test_second_request_reuses_the_pdf_until_content_changes(self, client, demo_data, monkeypatch):
        import core.pdf

        calls = []
        real = core.pdf.html_to_pdf
        monkeypatch.setattr(core.pdf, "html_to_pdf", lambda html: calls.append(1) or real(html))
        first = client.get("/ru/about/profile.pdf")
        second = client.get("/ru/about/profile.pdf")
        assert first.content == second.content and len(calls) == 1
        assert client.get("/ru/about/profile.pdf", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
        village = Village.objects.get(name="Ажек")
        village.population = 1700
        village.save()
        third = client.get("/ru/about/profile.pdf")
        assert len(calls) == 2 and "1 700" in pdf_text(third.content).replace("\xa0", " ")
        assert third["ETag"] != first["ETag"]


@pytest.mark.django_db
class TestPageCache:
    def test_citizens_get_a_cached_page_until_content_changes(self, client, municipality,
                                                              django_assert_max_num_queries):
        client.get("/ru/about/")
        with django_assert_max_num_queries(0):
            cached = client.get("/ru/about/")
        assert "Кара-Суу" not in cached.content.decode()
        VillageFactory(name="Кара-Суу")
        assert "Кара-Суу" in client.get("/ru/about/").content.decode()

    def test_logged_in_people_always_get_a_fresh_page(self, staff_client, municipality):
        staff_client.get("/ru/about/")
        VillageFactory.build(name="Кара-Суу").save_base(raw=True)  # a change no signal announces
        assert "Кара-Суу" in staff_client.get("/ru/about/").content.decode()


@pytest.mark.django_db
def test_a_huge_user_name_is_refused_politely(client, municipality):
    response = client.post("/ru/accounts/login/", {"username": "я" * 5000 + "\x00", "password": "0"})
    assert response.status_code == 200
    assert "Имя пользователя или пароль указаны неверно" in response.content.decode() or \
        "символ" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/ky/hearings/proposals.csv", "/ky/hearings/hearings.ics", "/ky/groups/initiative-groups.csv"])
def test_exports_carry_an_etag_and_answer_304_when_unchanged(client, demo_data, url):
    first = client.get(url)
    assert first.status_code == 200 and first["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


@pytest.mark.django_db
def test_the_calendar_keeps_its_etag_while_nothing_changes(client, demo_data, monkeypatch):
    """A calendar application polls minutes apart: the same hearings must give the same bytes
    (DTSTAMP is the last change, not the clock), or it would never get a 304."""
    import datetime

    from django.utils import timezone

    first = client.get("/ky/hearings/hearings.ics")
    later = timezone.now() + datetime.timedelta(minutes=7)
    monkeypatch.setattr("hearings.calendar.timezone.now", lambda: later)
    second = client.get("/ky/hearings/hearings.ics", HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 304


@pytest.mark.django_db
def test_an_id_too_large_for_the_database_is_an_invalid_choice_not_a_500(staff_client, municipality):
    response = staff_client.post("/en/hearings/staff/new/", {"village": str(2**70), "kind": "other",
                                                             "topic": "x", "starts_at": "2030-01-01T10:00"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
