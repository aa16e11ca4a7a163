"""Commands to run the installation: serve, worker, manage."""

import argparse
import os

from openadmit.core.django_setup import setup_django


def register(subparsers: argparse._SubParsersAction) -> None:
    serve = subparsers.add_parser("serve", help="migrate, load the demo when empty, and serve")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument(
        "--workers",
        type=int,
        default=int(os.environ.get("WEB_WORKERS", "3")),
        help="web worker processes (default: WEB_WORKERS or 3)",
    )
    serve.add_argument(
        "--demo",
        action="store_true",
        help="into an empty database, also load the demo's staff accounts (known passwords "
        "and TOTP secrets) and its submitted applications: never in production",
    )
    serve.set_defaults(func=_serve)

    worker = subparsers.add_parser("worker", help="run queued tasks (e-mail, retention)")
    worker.set_defaults(func=_worker)

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


def _serve(args: argparse.Namespace) -> int:
    setup_django()
    prepare_database(demo=args.demo)
    from openadmit.core.server import run_server

    run_server(host=args.host, port=args.port, workers=args.workers)
    return 0


def _worker(args: argparse.Namespace) -> int:
    setup_django()
    from django.core.management import call_command

    call_command("db_worker")
    return 0


def _manage(args: argparse.Namespace) -> int:
    setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["openadmit manage", *args.arguments])
    return 0
