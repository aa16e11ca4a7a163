"""`openadmit read-only` and `openadmit extend-deadline`: the administrator's switches for a
bad day, from the command line (the admin site has the same, as a signed-in person)."""

import argparse
import getpass
import socket
from datetime import datetime

from openadmit.core.django_setup import setup_django


def register(subparsers: argparse._SubParsersAction) -> None:
    read_only = subparsers.add_parser(
        "read-only", help="stop (on) or resume (off) every change; pages stay readable"
    )
    read_only.add_argument("state", choices=["on", "off", "status"])
    read_only.add_argument("--message", default="", help="shown on every page while read-only")
    read_only.set_defaults(func=_read_only)

    extend = subparsers.add_parser(
        "extend-deadline",
        help="let everyone who started an application before their deadline submit until a "
        "later moment",
    )
    extend.add_argument("programme", help="the programme's slug, e.g. pioneer")
    extend.add_argument("intake", help="the intake's code, e.g. 2026-09")
    extend.add_argument(
        "--until", required=True, type=datetime.fromisoformat, help="ISO 8601 with its offset"
    )
    extend.add_argument("--reason", required=True)
    extend.add_argument("--category", default="", help="one deadline category; default every")
    extend.set_defaults(func=_extend)


def _via() -> str:
    return f"command line, {getpass.getuser()}@{socket.gethostname()}"


def _read_only(args: argparse.Namespace) -> int:
    setup_django()
    from openadmit.operations.service import do_set_read_only, site_mode

    if args.state != "status":
        do_set_read_only(args.state == "on", actor=None, message=args.message, via=_via())
    mode = site_mode()
    state = "read-only" if mode.read_only else "taking changes"
    print(f"{state}: {mode.message}" if mode.message else state)
    return 0


def _extend(args: argparse.Namespace) -> int:
    setup_django()
    from openadmit.catalogue.models import Intake
    from openadmit.operations.service import OperationsError, do_extend_deadline

    if args.until.tzinfo is None:
        print("--until needs its UTC offset, e.g. 2026-07-02T12:00:00+02:00")
        return 2
    intake = Intake.objects.filter(programme__slug=args.programme, code=args.intake).first()
    if intake is None:
        print(f"no intake {args.intake} of programme {args.programme}")
        return 2
    try:
        extension = do_extend_deadline(
            intake,
            args.until,
            reason=args.reason,
            actor=None,
            category=args.category,
            via=_via(),
        )
    except OperationsError as error:
        print(error)
        return 2
    print(f"extended: {extension}")
    return 0
