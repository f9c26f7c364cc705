"""Security headers, cookies and forms: what a browser is told to enforce on the portal's pages,
and that no form can be posted from another site."""
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings

TEMPLATES = Path(settings.BASE_DIR) / "templates"
PAGES = ["/ky/", "/ru/accounts/login/", "/en/no-such-page/"]


def csp_directives(response):
    header = response.headers.get("Content-Security-Policy", "")
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


class FormFinder(HTMLParser):
    """The <form>s of a page: method, action and the names of the inputs inside."""

    def __init__(self):
        super().__init__()
        self.forms, self._open = [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._open = {"method": (attrs.get("method") or "get").lower(), "action": attrs.get("action"),
                          "inputs": set()}
            self.forms.append(self._open)
        elif tag in {"input", "button", "select", "textarea"} and self._open is not None:
            self._open["inputs"].add(attrs.get("name"))

    def handle_endtag(self, tag):
        if tag == "form":
            self._open = None


def forms_of(html):
    finder = FormFinder()
    finder.feed(html)
    return finder.forms


@pytest.mark.django_db
class TestHeaders:
    @pytest.mark.parametrize("path", PAGES)
    def test_strict_content_security_policy(self, client, municipality, path):
        response = client.get(path)
        assert response.status_code in (200, 404)
        policy = csp_directives(response)
        assert policy.get("default-src") == ["'self'"]
        for directive in ("script-src", "style-src"):
            assert directive in policy, f"{directive} missing on {path}"
            assert not {"'unsafe-inline'", "'unsafe-eval'", "*"} & set(policy[directive]), policy[directive]
        assert policy.get("object-src") == ["'none'"]
        assert policy.get("frame-ancestors") == ["'none'"]

    @pytest.mark.parametrize("path", PAGES)
    def test_no_sniffing_no_framing_and_a_referrer_policy(self, client, municipality, path):
        response = client.get(path)
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["Referrer-Policy"] in {"same-origin", "strict-origin-when-cross-origin", "no-referrer"}

    def test_staff_pages_carry_the_same_headers(self, staff_client, municipality):
        response = staff_client.get("/en/staff/")
        assert response.status_code == 200
        assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]
        assert response.headers["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
class TestCookies:
    def test_session_and_csrf_cookies_are_out_of_reach_of_scripts(self, client, staff, municipality):
        page = client.get("/en/accounts/login/")
        assert page.cookies["csrftoken"]["httponly"]
        response = client.post("/en/accounts/login/", {"username": "staff-member", "password": "secret-pass-1"})
        assert response.status_code == 302
        session = response.cookies[settings.SESSION_COOKIE_NAME]
        assert session["httponly"]
        assert session["samesite"].lower() in {"lax", "strict"}

    def test_cookies_are_https_only_when_secure(self, client, staff, municipality, settings):
        settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
        assert client.get("/en/accounts/login/").cookies["csrftoken"]["secure"]
        response = client.post("/en/accounts/login/", {"username": "staff-member", "password": "secret-pass-1"})
        assert response.cookies[settings.SESSION_COOKIE_NAME]["secure"]


def test_production_settings_are_https_only():
    """portal.settings with DEBUG off and DJANGO_SECURE unset, as on the server."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings", "DJANGO_DEBUG": "0",
           "DJANGO_SECRET_KEY": "x" * 30 + "production-secret-key-0123456789-abcdef"}
    env.pop("DJANGO_SECURE", None)
    code = ("import json, django; django.setup(); from django.conf import settings as s; print(json.dumps({n: "
            "getattr(s, n) for n in ['SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SESSION_COOKIE_HTTPONLY', "
            "'CSRF_COOKIE_HTTPONLY', 'SECURE_SSL_REDIRECT', 'SECURE_HSTS_SECONDS', 'X_FRAME_OPTIONS', "
            "'SECURE_CONTENT_TYPE_NOSNIFF']}))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                            cwd=settings.BASE_DIR)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"] and values["SECURE_SSL_REDIRECT"]
    assert values["SESSION_COOKIE_HTTPONLY"] and values["CSRF_COOKIE_HTTPONLY"]
    assert values["SECURE_HSTS_SECONDS"] >= 60 * 60 * 24 * 180
    assert values["X_FRAME_OPTIONS"] == "DENY" and values["SECURE_CONTENT_TYPE_NOSNIFF"]


class TestForms:
    def test_every_post_form_in_the_templates_has_a_csrf_token(self):
        missing = []
        for template in sorted(TEMPLATES.rglob("*.html")):
            source = template.read_text(encoding="utf-8")
            for tag in re.finditer(r"<form\b[^>]*>", source, re.IGNORECASE):
                if not re.search(r"""method\s*=\s*["']?post""", tag.group(0), re.IGNORECASE):
                    continue
                end = source.find("</form>", tag.end())
                if "{% csrf_token %}" not in source[tag.end():end if end != -1 else None]:
                    missing.append(f"{template.relative_to(TEMPLATES)}: {tag.group(0)[:60]}")
        assert not missing, "POST forms without {% csrf_token %}: " + "; ".join(missing)

    def test_no_inline_script_or_style_in_the_pages(self):
        """The policy forbids inline code; a page that had some would silently break."""
        offenders = []
        for template in sorted(TEMPLATES.rglob("*.html")):
            if template.relative_to(TEMPLATES).parts[0] == "pdf":  # printed by WeasyPrint, never served
                continue
            source = template.read_text(encoding="utf-8")
            if re.search(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=", source, re.IGNORECASE):
                offenders.append(str(template.relative_to(TEMPLATES)))
        assert not offenders, "inline script/style/event handler in: " + ", ".join(offenders)

    @pytest.mark.django_db
    def test_rendered_post_forms_carry_the_token(self, client, staff_client, demo_data):
        """The login page, and the staff pages a staff member reaches from the work list and the
        home page: every <form method="post"> sends csrfmiddlewaretoken."""
        login = forms_of(client.get("/en/accounts/login/").content.decode())
        assert [form for form in login if form["method"] == "post"]
        seen, queue, checked = set(), ["/en/", "/en/staff/"], 0
        posts = login[:]
        while queue and len(seen) < 30:
            path = queue.pop(0)
            if path in seen:
                continue
            seen.add(path)
            response = staff_client.get(path)
            if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
                continue
            html = response.content.decode()
            posts += [form for form in forms_of(html) if form["method"] == "post"]
            for link in re.findall(r'href="(/en/[^"#?]*)"', html):
                if "/staff/" in link and not link.endswith((".pdf", ".csv", ".xlsx", ".ics", "/logout/")):
                    queue.append(link)
            checked += 1
        posts = [form for form in posts if form["method"] == "post"]
        assert checked > 5 and len(posts) > 3
        without = [form["action"] for form in posts if "csrfmiddlewaretoken" not in form["inputs"]]
        assert not without, f"POST forms without a CSRF token: {without}"

    @pytest.mark.django_db
    def test_logout_is_post_only(self, staff_client, municipality):
        assert staff_client.get("/en/accounts/logout/").status_code == 405
        assert "Logged in as" in staff_client.get("/en/").content.decode()
        assert staff_client.post("/en/accounts/logout/").status_code == 302
        assert "Logged in as" not in staff_client.get("/en/").content.decode()

    @pytest.mark.django_db
    def test_a_post_without_the_token_is_refused(self, staff, municipality):
        from django.test import Client

        client = Client(enforce_csrf_checks=True)
        client.force_login(staff, backend="django.contrib.auth.backends.ModelBackend")
        assert client.post("/en/accounts/logout/").status_code == 403
        assert "Logged in as" in client.get("/en/").content.decode()
