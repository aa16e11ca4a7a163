"""`openadmit serve --production` starts only with what the topology needs, and says what
is missing."""

from openadmit.cli import main
from openadmit.core.commands import production_problems


def test_it_names_everything_production_lacks(monkeypatch):
    monkeypatch.setattr("openadmit.core.proxy.find_nginx", lambda: None)
    problems = production_problems({"DATABASE_URL": "sqlite:///var/openadmit.sqlite3"})
    assert [p.split(":")[0] for p in problems] == [
        "SECRET_KEY or SECRET_KEY_FILE",
        "DATABASE_URL",
        "REDIS_URL",
        "nginx",
    ]


def test_it_takes_secrets_from_files(monkeypatch):
    monkeypatch.setattr("openadmit.core.proxy.find_nginx", lambda: "/usr/sbin/nginx")
    assert (
        production_problems(
            {
                "SECRET_KEY_FILE": "/run/secrets/key",
                "DATABASE_URL": "postgres://openadmit@db:5432/openadmit",
                "REDIS_URL_FILE": "/run/secrets/redis",
            }
        )
        == []
    )


def test_it_refuses_to_start_and_changes_nothing(monkeypatch, capsys):
    for name in ("SECRET_KEY", "SECRET_KEY_FILE", "REDIS_URL", "REDIS_URL_FILE", "DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    assert main(["serve", "--production", "--port", "1"]) == 2
    out = capsys.readouterr().out
    assert "openadmit serve --production needs:" in out
    assert "REDIS_URL" in out
