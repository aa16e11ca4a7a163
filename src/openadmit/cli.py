"""`openadmit`: the one command for everything a person runs.

Each domain contributes its subcommands from a module with `register(subparsers)`; a
subcommand sets `func` to a callable taking the parsed arguments and returning the exit code.
"""

import argparse
import importlib
import sys
from collections.abc import Sequence

COMMAND_MODULES = (
    "openadmit.core.commands",
    "openadmit.allocation.cli",
    "openadmit.eligibility.cli",
    "openadmit.applications.commands",
    "openadmit.catalogue.commands",
    "openadmit.operations.commands",
    "openadmit.demo.commands",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="openadmit", description="OpenAdmit: graduate admissions with explainable rules."
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
