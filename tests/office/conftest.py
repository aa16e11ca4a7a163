import pytest


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Each test stores its uploads in a folder of its own."""
    settings.MEDIA_ROOT = tmp_path / "uploads"
    return settings.MEDIA_ROOT
