"""`openadmit serve --production` on this machine: nginx in front of several gunicorn
processes, PostgreSQL and Redis of their own, a task worker and the outbox relay; then
PostgreSQL drops every connection, stops, and Redis stops, and the site copes.

Slow (a minute): one site is started for the whole module.
"""

import concurrent.futures
import http.cookiejar
import json
import re
import signal
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request

import psycopg
import pytest

from openadmit.core.proxy import ProxySettings, find_nginx, nginx_command, write_nginx_config
from tests.services import ProductionSite, free_port, postgres_bindir, wait_until

pytestmark = [
    pytest.mark.skipif(
        find_nginx() is None,
        reason="nginx is missing: `make test` installs it (scripts/install-nginx)",
    ),
    pytest.mark.skipif(
        postgres_bindir() is None, reason="PostgreSQL's server programs are not installed"
    ),
]

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SIGN_UP_LIMIT = 20  # allauth's: 20 a minute from one address


def fetch(base: str, path: str, **headers) -> tuple[int, dict, str, float]:
    """Status (0 when nothing answered), headers, body and seconds."""
    started = time.monotonic()
    request = urllib.request.Request(base + path, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310
            status, got, body = answer.status, dict(answer.headers), answer.read()
    except urllib.error.HTTPError as error:
        status, got, body = error.code, dict(error.headers), error.read()
        error.close()
    except (urllib.error.URLError, OSError) as error:
        status, got, body = 0, {}, str(error).encode()
    return status, got, body.decode(errors="replace"), time.monotonic() - started


class Site(ProductionSite):
    def get(self, path: str, **headers) -> tuple[int, dict, str, float]:
        return fetch(self.url, path, **headers)

    def log_lines(self) -> list[dict]:
        return [json.loads(line) for line in self.log.read_text().splitlines() if line[:1] == "{"]


@pytest.fixture(scope="module")
def site(tmp_path_factory, smtp_server):
    site = Site(
        tmp_path_factory.mktemp("production"),
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST=smtp_server.hostname,
        EMAIL_PORT=str(smtp_server.port),
        OUTBOX_RETRY_SECONDS="2",
        OUTBOX_RELAY_SECONDS="0.5",
        LOG_LEVEL="INFO",
    )
    try:
        yield site.start("--workers", "3")
    finally:
        site.stop()


def test_it_serves_static_files_compressed_and_cached_for_a_year(site):
    status, _, page, _ = site.get("/search/")
    assert status == 200
    stylesheet = re.search(r'href="(/static/openadmit/site\.[0-9a-f]{12}\.css)"', page).group(1)
    status, headers, _, _ = site.get(stylesheet, **{"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert "immutable" in headers["Cache-Control"]
    assert int(re.search(r"max-age=(\d+)", headers["Cache-Control"]).group(1)) >= 31_536_000


def test_it_passes_the_request_id_through_the_proxy_and_logs_it(site):
    _, headers, _, _ = site.get("/search/", **{"X-Request-ID": "support-ticket-4711"})
    assert headers["X-Request-ID"] == "support-ticket-4711"
    _, headers, _, _ = site.get("/search/")
    made_by_nginx = headers["X-Request-ID"]
    wait_until(
        lambda: any(
            line.get("request_id") == made_by_nginx and line.get("logger") == "openadmit.requests"
            for line in site.log_lines()
        ),
        timeout=5,
        what="the request's log line",
    )


def many(site: Site, path: str, count: int) -> list[int]:
    """`count` requests, six at a time, so that every web process gets some."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=6) as crowd:
        return list(crowd.map(lambda _: site.get(path)[0], range(count)))


def test_it_answers_the_next_requests_after_postgresql_drops_every_connection(site):
    assert many(site, "/search/", 60) == [200] * 60
    admin = site.postgres.url().replace("postgres://", "postgresql://", 1)
    with psycopg.connect(admin, autocommit=True) as connection:
        dropped = connection.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = 'openadmit' AND pid <> pg_backend_pid()"
        ).fetchone()[0]
    assert dropped >= 2, "the web processes and the relay held their connections"
    assert many(site, "/search/", 60) == [200] * 60


def sign_up(site: Site, email: str) -> int:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(site.url + "/accounts/signup/", timeout=30) as page:
        token = CSRF.search(page.read().decode()).group(1)
    form = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token,
            "email": email,
            "password1": "Orbit-Harbour-7319",
            "password2": "Orbit-Harbour-7319",
        }
    ).encode()
    request = urllib.request.Request(
        site.url + "/accounts/signup/", data=form, headers={"Referer": site.url}
    )
    try:
        with opener.open(request, timeout=30) as answer:
            return 302 if "/accounts/confirm-email/" in answer.url else answer.status
    except urllib.error.HTTPError as error:
        return error.code


def test_it_holds_the_sign_up_limit_across_processes_and_mails_each_account(site, smtp_server):
    smtp_server.handler.clear()
    with concurrent.futures.ThreadPoolExecutor(max_workers=6) as crowd:
        answers = list(crowd.map(lambda n: sign_up(site, f"crowd{n}@example.org"), range(40)))
    assert answers.count(302) == SIGN_UP_LIMIT, answers
    assert answers.count(429) == 40 - SIGN_UP_LIMIT
    processes = {
        line["process"]
        for line in site.log_lines()
        if line.get("logger") == "openadmit.requests"
        and line.get("path") == "/accounts/signup/"
        and line.get("method") == "POST"
    }
    assert len(processes) >= 2, "the crowd was served by more than one process"
    wait_until(
        lambda: len(smtp_server.handler.messages) == SIGN_UP_LIMIT,
        timeout=30,
        what="a verification mail for each account, from the worker",
    )


def test_it_answers_try_again_at_once_while_postgresql_is_stopped(site):
    site.postgres.stop()
    try:
        for path in ("/search/", "/search/?q=law", "/programmes/pioneer/"):
            status, headers, body, seconds = site.get(path)
            assert status == 503, path
            assert "Please try again in a minute" in body
            assert headers["Retry-After"] == "30"
            assert seconds < 1, f"{path} took {seconds:.2f} s"
        status, _, body, _ = site.get("/readyz")
        assert status == 503
        assert json.loads(body)["checks"]["database"] == "unavailable"
    finally:
        site.postgres.start()
    assert [site.get("/search/")[0] for _ in range(10)] == [200] * 10


def test_it_takes_sign_ups_while_redis_is_stopped_and_mails_them_when_it_is_back(site, smtp_server):
    smtp_server.handler.clear()
    site.redis.stop()
    try:
        assert site.get("/search/")[0] == 200
        status, _, body, _ = site.get("/readyz")
        assert status == 200
        assert json.loads(body) == {
            "status": "degraded",
            "checks": {"database": "ok", "cache": "unavailable", "broker": "unavailable"},
        }
        assert sign_up(site, "during-outage@example.org") == 302
        time.sleep(3)
        assert "during-outage@example.org" not in [m["To"] for m in smtp_server.handler.messages]
    finally:
        site.redis.start()
    wait_until(
        lambda: "during-outage@example.org" in [m["To"] for m in smtp_server.handler.messages],
        timeout=60,
        what="the verification mail once Redis is back",
    )


def test_it_answers_a_try_again_page_when_no_application_server_answers(tmp_path):
    port = free_port()
    config = write_nginx_config(
        ProxySettings(
            listen=f"127.0.0.1:{port}",
            upstreams=[f"127.0.0.1:{free_port()}"],
            prefix=tmp_path / "nginx",
            access_log=False,
        )
    )
    proxy = subprocess.Popen(
        nginx_command(find_nginx(), config), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until(lambda: fetch(base, "/")[0] != 0, timeout=10, what="nginx starting")
        status, headers, body, _ = fetch(base, "/applications/")
        assert status == 503
        assert "Please try again in a minute" in body
        assert headers["Retry-After"] == "30"
        assert headers["Content-Security-Policy"] == "default-src 'none'"
        assert len(headers["X-Request-ID"]) == 32
    finally:
        proxy.send_signal(signal.SIGQUIT)
        proxy.wait(timeout=10)
