import pytest
from django.core.cache import cache

from openadmit.catalogue.importing import do_load_demo


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Search results are cached per index revision; tests must not see each other's.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def demo(db):
    """The demo catalogue, loaded the way `openadmit serve` loads it."""
    return do_load_demo()[0]
