import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english():
    """Labels and reverse() in English; the pages in Kyrgyz and Russian are asked for by their /ky/ and /ru/ addresses."""
    with translation.override("en"):
        yield
