"""Fixtures every app's tests share: the municipality, one user per role, and clients
logged in as each role."""
import pytest
from django.core.cache import cache
from django.test import Client

from tests.factories import MunicipalityFactory, UserFactory, deputy_user, staff_user

ROLES = ["anonymous", "no_role", "deputy", "staff", "superuser"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _media_root(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def municipality(db):
    return MunicipalityFactory()


@pytest.fixture
def staff(db):
    return staff_user(username="staff-member")


@pytest.fixture
def deputy(db):
    return deputy_user(username="deputy-member")


@pytest.fixture
def no_role_user(db):
    return UserFactory(username="citizen-with-account")


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_superuser=True, is_staff=True)


def logged_in(user):
    client = Client()
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def staff_client(staff):
    return logged_in(staff)


@pytest.fixture
def deputy_client(deputy):
    return logged_in(deputy)


@pytest.fixture
def anonymous_client(db):
    return Client()


@pytest.fixture
def role_clients(db, staff, deputy, no_role_user, superuser):
    """A client for each role, by name (see ROLES)."""
    return {
        "anonymous": Client(),
        "no_role": logged_in(no_role_user),
        "deputy": logged_in(deputy),
        "staff": logged_in(staff),
        "superuser": logged_in(superuser),
    }


@pytest.fixture
def demo_data(db):
    """The whole demo of 1-Mai AA, as `load_demo` loads it."""
    from django.core.management import call_command

    call_command("load_demo", "--force", stdout=open("/dev/null", "w"))
