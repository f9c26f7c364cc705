import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english_urls():
    """reverse() gives /en/… pages, so the tests read the English source messages."""
    with translation.override("en"):
        yield
