"""Shared test set-up: the PostgreSQL pass, and a headless Chromium for browser tests."""

import os
import shutil

import pytest
from django.core.cache import cache
from hypothesis import settings as hypothesis_settings

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls from the
# same thread are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Shared fixtures: a real SMTP server and its mailbox, and the people tests act as.
# Speed is measured by `make bench`; on a loaded two-core machine a per-example time limit
# only makes the properties flaky.
hypothesis_settings.register_profile("openadmit", deadline=None)
hypothesis_settings.load_profile("openadmit")

pytest_plugins = ["tests.mail", "tests.personas"]

DATABASE_FIXTURES = {
    "db",
    "transactional_db",
    "live_server",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--database-only",
        action="store_true",
        help="run only the tests that use the database (the PostgreSQL pass)",
    )


def uses_database(item: pytest.Item) -> bool:
    return item.get_closest_marker("django_db") is not None or bool(
        DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not config.getoption("--database-only"):
        return
    selected = [i for i in items if uses_database(i) and i.get_closest_marker("browser") is None]
    deselected = [i for i in items if i not in selected]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = selected


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits live in the cache: one test's sign-ups must not throttle the next test."""
    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    """Queued tasks (the outbox's deliveries among them) run where they are queued."""
    settings.TASK_BACKEND = "immediate"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _quick_password_hashing(settings):
    # Production's slow hash is its point; in tests it only costs seconds per sign-in.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def chromium():
    """Debian's chromium, driven by Playwright; never a browser download."""
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail(
            "Debian's chromium is missing: `make test` installs it (scripts/install-chromium)"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


# Runs in every page before its own scripts; Playwright's init scripts are not subject to
# the page's Content-Security-Policy, so the listener itself never counts as a violation.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__openadmitCspViolation({
    page: document.location.href,
    directive: event.violatedDirective,
    blocked: event.blockedURI,
    sample: event.sample,
    source: `${event.sourceFile}:${event.lineNumber}`,
  });
});
"""


@pytest.fixture
def csp_violations() -> list:
    """Every Content-Security-Policy violation the `page` fixture saw; any fails the test."""
    return []


@pytest.fixture
def page(chromium, csp_violations):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    context.expose_function("__openadmitCspViolation", lambda v: csp_violations.append(v))
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    page.on(
        "console",
        lambda message: (
            csp_violations.append({"console": message.text})
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )
    page.set_default_timeout(10_000)
    yield page
    if not page.is_closed():
        page.evaluate("0")  # a round trip, so that reports still on their way arrive
    context.close()
    assert not csp_violations, f"the page broke its Content-Security-Policy: {csp_violations}"


def assert_accessible(page) -> None:
    """Fail with axe-core's WCAG 2.1 AA violations on the page, if any."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        options={
            "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}
        },
    )
    violations = results.response["violations"]
    assert not violations, results.generate_report()
