"""Commands to run the installation: serve, web, worker, relay, backup, restore, manage."""

import argparse
import os
import signal
import urllib.request
from pathlib import Path

from openadmit.core.django_setup import setup_django


def _workers_default(name: str, fallback: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.isdigit() else fallback


def register(subparsers: argparse._SubParsersAction) -> None:
    serve = subparsers.add_parser(
        "serve",
        help="migrate, then run this machine's site: web processes and a task worker "
        "(--production: behind nginx, with PostgreSQL and Redis)",
    )
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument(
        "--workers",
        type=int,
        default=_workers_default("WEB_WORKERS", 3),
        help="web worker processes (default: WEB_WORKERS or 3)",
    )
    serve.add_argument(
        "--task-workers",
        type=int,
        default=_workers_default("TASK_WORKERS", 1),
        help="task worker processes, each with an outbox relay (default: TASK_WORKERS or 1)",
    )
    serve.add_argument(
        "--production",
        action="store_true",
        help="nginx in front of the web processes, static files collected and compressed; "
        "needs SECRET_KEY(_FILE), a PostgreSQL DATABASE_URL and REDIS_URL",
    )
    serve.add_argument(
        "--demo",
        action="store_true",
        help="into an empty database, also load the demo's staff accounts (known passwords "
        "and TOTP secrets) and its submitted applications: never in production",
    )
    serve.set_defaults(func=_serve)

    web = subparsers.add_parser(
        "web", help="the application server alone (gunicorn), for a machine behind a proxy"
    )
    web.add_argument("--host", default="127.0.0.1")
    web.add_argument("--port", type=int, default=8000)
    web.add_argument("--workers", type=int, default=_workers_default("WEB_WORKERS", 3))
    web.set_defaults(func=_web)

    worker = subparsers.add_parser(
        "worker", help="run queued tasks (e-mail, retention) and the outbox relay"
    )
    worker.add_argument("--no-relay", action="store_true", help="run the task worker alone")
    worker.set_defaults(func=_worker)

    task_worker = subparsers.add_parser("task-worker", help="the task worker alone")
    task_worker.set_defaults(func=_task_worker)

    relay = subparsers.add_parser(
        "relay", help="the outbox relay alone: queues again mail the broker or a worker lost"
    )
    relay.set_defaults(func=_relay)

    proxy = subparsers.add_parser(
        "proxy-config", help="print nginx's configuration for a proxy in front of web machines"
    )
    proxy.add_argument("--listen", default="80", help="nginx's listen address, e.g. 443")
    proxy.add_argument(
        "--upstream",
        action="append",
        required=True,
        help="an application machine's `openadmit web` address (repeat for each)",
    )
    proxy.add_argument("--prefix", default="/var/lib/openadmit-nginx")
    proxy.set_defaults(func=_proxy_config)

    backup = subparsers.add_parser(
        "backup", help="write the whole database and every uploaded file to one archive"
    )
    backup.add_argument("archive", type=Path, help="the .tar.gz to write")
    backup.set_defaults(func=_backup)

    restore = subparsers.add_parser(
        "restore", help="replace the whole database and every uploaded file with a backup's"
    )
    restore.add_argument("archive", type=Path)
    restore.add_argument(
        "--yes", action="store_true", help="confirm: everything stored now is replaced"
    )
    restore.set_defaults(func=_restore)

    manage = subparsers.add_parser("manage", help="Django's management commands")
    manage.add_argument("arguments", nargs=argparse.REMAINDER)
    manage.set_defaults(func=_manage)


def prepare_database(*, demo: bool = False) -> None:
    """Bring the schema up to date and load the demo catalogue into an empty database;
    with ``demo``, its staff and applications too."""
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    from openadmit.catalogue.service import load_demo_when_empty

    load_demo_when_empty()
    if demo:
        from openadmit.demo.loader import load_demo_people_when_empty

        loaded = load_demo_people_when_empty()
        if loaded:
            print(
                f"demo: {loaded['staff']} staff accounts and {loaded['applications']} "
                "submitted applications (see the README to sign in)"
            )


def production_problems(environ) -> list[str]:
    """What the environment lacks for `serve --production`, in words."""
    from openadmit.core.proxy import find_nginx

    def given(name: str) -> bool:
        return bool(environ.get(name) or environ.get(f"{name}_FILE"))

    problems = []
    if not given("SECRET_KEY"):
        problems.append("SECRET_KEY or SECRET_KEY_FILE: every machine must share one secret key")
    database = environ.get("DATABASE_URL", "")
    if not (database.startswith("postgres") or environ.get("DATABASE_URL_FILE")):
        problems.append("DATABASE_URL: a PostgreSQL server (postgres://user@host:5432/name)")
    if not given("REDIS_URL"):
        problems.append("REDIS_URL: the shared cache and the task queue's broker")
    if find_nginx() is None:
        problems.append("nginx: install Debian's package first (as root: apt-get install nginx)")
    return problems


def _answers(url: str) -> bool:
    try:
        # An http:// address of our own web process on this machine.
        with urllib.request.urlopen(url, timeout=2) as response:  # nosec B310 # see above
            return response.status == 200
    except OSError:
        return False


def _serve(args: argparse.Namespace) -> int:
    if args.production and args.demo:
        print("--demo loads known passwords: never with --production")
        return 2
    if args.production:
        problems = production_problems(os.environ)
        if problems:
            print("openadmit serve --production needs:")
            for problem in problems:
                print(f"  - {problem}")
            return 2
        # The production path's own defaults; a variable set by the operator wins.
        os.environ.setdefault("STATIC_MANIFEST", "true")
        os.environ.setdefault("TRUSTED_PROXY_COUNT", "1")
    setup_django()
    from django.conf import settings
    from django.core.management import call_command

    from openadmit.core.server import free_loopback_port
    from openadmit.core.supervise import Child, Supervisor, openadmit_command

    if args.production:
        call_command("collectstatic", interactive=False, verbosity=0)
        call_command("migrate", interactive=False, verbosity=0)
        web_host, web_port = "127.0.0.1", free_loopback_port()
    else:
        prepare_database(demo=args.demo)
        web_host, web_port = args.host, args.port
    web = Child(
        "web",
        openadmit_command(
            "web", "--host", web_host, "--port", str(web_port), "--workers", str(args.workers)
        ),
    )
    children = [web]
    if args.production:
        from openadmit.core.proxy import (
            ProxySettings,
            find_nginx,
            nginx_command,
            write_nginx_config,
        )

        config = write_nginx_config(
            ProxySettings(
                listen=f"{args.host}:{args.port}",
                upstreams=[f"{web_host}:{web_port}"],
                prefix=settings.VAR_DIR / "nginx",
                tls_certificate=os.environ.get("TLS_CERTIFICATE_FILE", ""),
                tls_certificate_key=os.environ.get("TLS_CERTIFICATE_KEY_FILE", ""),
            )
        )
        children.append(
            Child("nginx", nginx_command(find_nginx(), config), stop_signal=signal.SIGQUIT)
        )
    children += [
        Child(f"worker {n}", openadmit_command("worker")) for n in range(1, args.task_workers + 1)
    ]
    supervisor = Supervisor(children)
    # Where gunicorn listens on every interface, ask it on loopback.
    every_interface = ("0.0.0.0", "::", "")  # nosec B104 # compared with, not bound
    probe_host = "127.0.0.1" if web_host in every_interface else web_host
    supervisor.start(web, ready=lambda: _answers(f"http://{probe_host}:{web_port}/livez"))
    return supervisor.run(started=[web])


def _web(args: argparse.Namespace) -> int:
    setup_django()
    from openadmit.core.server import run_server

    run_server(host=args.host, port=args.port, workers=args.workers)
    return 0


def _worker(args: argparse.Namespace) -> int:
    setup_django()
    from django.conf import settings

    from openadmit.core.supervise import Child, Supervisor, openadmit_command

    children = []
    if settings.TASK_BACKEND != "immediate":
        children.append(Child("task worker", openadmit_command("task-worker"), own_group=False))
    if not args.no_relay:
        children.append(Child("outbox relay", openadmit_command("relay"), own_group=False))
    return Supervisor(children).run()


def _task_worker(args: argparse.Namespace) -> int:
    setup_django()
    from django.conf import settings
    from django.core.management import call_command

    if settings.TASK_BACKEND == "rq":
        call_command("rqworker", "default", job_class="django_tasks_rq.Job", verbosity=0)
    elif settings.TASK_BACKEND == "database":
        call_command("db_worker")
    else:
        print("TASK_BACKEND=immediate: tasks run where they are queued; no worker is needed")
        return 2
    return 0


def _relay(args: argparse.Namespace) -> int:
    setup_django()
    from openadmit.core.outbox import run_relay

    run_relay()
    return 0


def _proxy_config(args: argparse.Namespace) -> int:
    setup_django()
    from openadmit.core.proxy import ProxySettings, nginx_config

    print(
        nginx_config(
            ProxySettings(
                listen=args.listen,
                upstreams=args.upstream,
                prefix=Path(args.prefix),
                tls_certificate=os.environ.get("TLS_CERTIFICATE_FILE", ""),
                tls_certificate_key=os.environ.get("TLS_CERTIFICATE_KEY_FILE", ""),
            )
        )
    )
    return 0


def _described(done: str, archive: Path, summary) -> str:
    return (
        f"{done} {archive}: {summary.rows} rows of {summary.tables} tables, "
        f"{summary.files} files ({summary.bytes} bytes)"
    )


def _backup(args: argparse.Namespace) -> int:
    setup_django()
    from openadmit.core.backup import BackupError, backup

    try:
        summary = backup(args.archive)
    except BackupError as error:
        print(f"backup failed: {error}")
        return 1
    print(_described("wrote", args.archive, summary))
    return 0


def _restore(args: argparse.Namespace) -> int:
    setup_django()
    from openadmit.core.backup import BackupError, restore

    if not args.yes:
        print(
            f"restoring {args.archive} replaces every row and every uploaded file stored now; "
            "switch the site to read-only first (openadmit read-only on), then run again "
            "with --yes"
        )
        return 2
    try:
        summary = restore(args.archive)
    except BackupError as error:
        print(f"restore failed, nothing was changed: {error}")
        return 1
    print(_described("restored", args.archive, summary))
    return 0


def _manage(args: argparse.Namespace) -> int:
    setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["openadmit manage", *args.arguments])
    return 0
