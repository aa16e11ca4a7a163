"""`openadmit retention`: delete unsuccessful applications past their retention period.

Run it daily from cron or a systemd timer: `openadmit retention --enqueue` hands the work
to the task worker (`openadmit worker`); without `--enqueue` it runs at once.
"""

import argparse

from openadmit.core.django_setup import setup_django


def register(subparsers: argparse._SubParsersAction) -> None:
    retention = subparsers.add_parser(
        "retention",
        help="delete unsuccessful applications past their institution's retention period",
    )
    retention.add_argument(
        "--enqueue", action="store_true", help="queue the work for `openadmit worker` instead"
    )
    retention.set_defaults(func=_retention)


def _retention(args: argparse.Namespace) -> int:
    setup_django()
    from openadmit.applications.tasks import apply_retention

    if args.enqueue:
        result = apply_retention.enqueue()
        print(f"queued retention task {result.id}")
        return 0
    deleted = apply_retention.call()
    print(f"deleted {deleted} application(s) past their retention period")
    return 0
