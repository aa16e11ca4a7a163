import os


def setup_django() -> None:
    """Configure Django for a command run from the `openadmit` console script."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openadmit.settings")
    import django

    django.setup()
