from tests.selfcheck.factories import pioneer_catalogue  # noqa: F401 - a shared fixture
