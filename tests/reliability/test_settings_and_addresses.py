"""Issue #15 items 2 and 10: settings fail closed; the client's address is resolved once behind
the configured proxies and the lockout counts per address."""
import os
import subprocess
import sys

import pytest
from axes.models import AccessAttempt
from django.conf import settings as django_settings
from django.test import Client, RequestFactory

from core.client_ip import client_ip


def _manage(*args, **env_changes):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings"}
    for name, value in env_changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return subprocess.run([sys.executable, "manage.py", *args], capture_output=True, text=True, env=env,
                          cwd=django_settings.BASE_DIR)


def test_production_without_secret_key_refuses_to_start():
    result = _manage("check", DJANGO_DEBUG="0", DJANGO_SECRET_KEY=None)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_debugging_laptop_starts_without_a_key():
    result = _manage("check", DJANGO_DEBUG="1", DJANGO_SECRET_KEY=None)
    assert result.returncode == 0, result.stderr


def test_testserver_is_not_a_default_host():
    result = _manage("shell", "-c", "from django.conf import settings; print(settings.ALLOWED_HOSTS)",
                     DJANGO_DEBUG="0", DJANGO_ALLOWED_HOSTS=None)
    assert result.returncode == 0, result.stderr
    assert "testserver" not in result.stdout
    assert "localhost" in result.stdout



@pytest.mark.parametrize("proxies, believed", [("0", False), ("1", True)])
def test_forwarded_https_is_believed_only_behind_a_proxy_of_ours(proxies, believed):
    """With no proxy before the portal a visitor could send X-Forwarded-Proto: https over plain
    http and pass for a secure request (secure cookies, no redirect); with one, nginx sets it."""
    code = ("from django.test import RequestFactory; "
            "r = RequestFactory().get('/', HTTP_X_FORWARDED_PROTO='https'); print('secure' if r.is_secure() else 'plain')")
    result = _manage("shell", "-c", code, DJANGO_DEBUG="0", DJANGO_SECRET_KEY="x" * 50, DJANGO_PROXY_COUNT=proxies)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == ("secure" if believed else "plain")

class TestClientAddress:
    factory = RequestFactory()

    def _request(self, xff=None, remote="127.0.0.1"):
        extra = {"HTTP_X_FORWARDED_FOR": xff} if xff is not None else {}
        return self.factory.get("/", REMOTE_ADDR=remote, **extra)

    def test_without_proxy_the_header_is_ignored(self, settings):
        settings.PROXY_COUNT = 0
        assert client_ip(self._request("198.51.100.7", remote="203.0.113.5")) == "203.0.113.5"

    def test_behind_one_proxy_what_the_visitor_wrote_is_ignored(self, settings):
        settings.PROXY_COUNT = 1
        assert client_ip(self._request("203.0.113.5")) == "203.0.113.5"
        assert client_ip(self._request("198.51.100.7, 203.0.113.5")) == "203.0.113.5"

    def test_behind_two_proxies(self, settings):
        settings.PROXY_COUNT = 2
        assert client_ip(self._request("198.51.100.7, 203.0.113.5, 192.0.2.1")) == "203.0.113.5"

    def test_missing_header_falls_back_to_the_peer(self, settings):
        settings.PROXY_COUNT = 1
        assert client_ip(self._request(None, remote="192.0.2.9")) == "192.0.2.9"

    def test_resolved_once_per_request(self, settings):
        settings.PROXY_COUNT = 1
        request = self._request("203.0.113.5")
        assert client_ip(request) == "203.0.113.5"
        request.META["HTTP_X_FORWARDED_FOR"] = "192.0.2.200"
        assert client_ip(request) == "203.0.113.5"


@pytest.mark.django_db
def test_attacker_elsewhere_cannot_lock_out_the_user(settings, staff, municipality):
    """Behind nginx every request comes from 127.0.0.1: the lockout must count the real address."""
    settings.PROXY_COUNT = 1
    attacker = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.66")
    for _attempt in range(settings.AXES_FAILURE_LIMIT + 2):
        attacker.post("/en/accounts/login/", {"username": "staff-member", "password": "wrong"})
    locked = attacker.post("/en/accounts/login/", {"username": "staff-member", "password": "secret-pass-1"})
    assert locked.status_code == 429
    # The attempt log names the attacker's address, not the proxy's.
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.66"}

    user = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5")
    response = user.post("/en/accounts/login/", {"username": "staff-member", "password": "secret-pass-1"})
    assert response.status_code == 302
