"""Issue #15 item 5: request bodies are bounded by what the forms need, before anyone reads them."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


class CountingStream:
    """A request body that says it is huge and counts what is read of it."""

    def __init__(self, size):
        self.size, self.read_bytes = size, 0

    def read(self, amount=-1):
        amount = self.size - self.read_bytes if amount is None or amount < 0 else amount
        amount = min(amount, self.size - self.read_bytes)
        self.read_bytes += amount
        return b"a" * amount

    def readline(self, *args):
        return self.read(args[0] if args else 64 * 1024)


@pytest.mark.parametrize("content_type", ["application/x-www-form-urlencoded",
                                          "multipart/form-data; boundary=xyz"])
def test_a_99_mb_post_to_the_login_page_is_refused_unread(client, municipality, content_type):
    body = CountingStream(99 * MB)
    response = client.generic("POST", "/en/accounts/login/", b"", content_type=content_type,
                              CONTENT_LENGTH=str(99 * MB), **{"wsgi.input": body})
    assert response.status_code == 413
    assert "Too much data sent" in response.content.decode()
    assert body.read_bytes == 0


def test_visitors_may_still_log_in(client, municipality, staff):
    response = client.post("/en/accounts/login/", {"username": "staff-member", "password": "secret-pass-1"})
    assert response.status_code == 302


def test_staff_may_send_a_large_upload_but_not_an_unbounded_one(staff_client, municipality, settings):
    from tests.hearings.factories import HearingFactory

    hearing = HearingFactory(status="draft")
    pdf = b"%PDF-1.4\n" + b"0" * (3 * MB)
    response = staff_client.post(f"/en/hearings/staff/{hearing.pk}/documents/",
                                 {"title": "Протокол", "title_ky": "Протокол", "title_ru": "Протокол", "file": SimpleUploadedFile("a.pdf", pdf)})
    assert response.status_code == 302
    settings.MAX_BODY = 2 * MB
    response = staff_client.post(f"/en/hearings/staff/{hearing.pk}/documents/",
                                 {"title": "Протокол", "title_ky": "Протокол", "title_ru": "Протокол", "file": SimpleUploadedFile("a.pdf", pdf)})
    assert response.status_code == 413


def test_django_limits_are_set_to_what_the_forms_need(settings):
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 5 * MB
    assert settings.DATA_UPLOAD_MAX_NUMBER_FIELDS <= 10000
    assert settings.MAX_BODY_ANONYMOUS <= 64 * 1024
    assert settings.MAX_BODY <= 100 * MB
