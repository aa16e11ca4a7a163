"""Catalogue commands: load the demo, import programme folders, generate a big catalogue."""

import argparse
import sys
import time
from pathlib import Path

from openadmit.core.django_setup import setup_django


def register(subparsers: argparse._SubParsersAction) -> None:
    demo = subparsers.add_parser(
        "load-demo", help="load the demo catalogue (PIONEER and its universities)"
    )
    demo.set_defaults(func=_load_demo)

    importer = subparsers.add_parser(
        "import", help="import programme folders (programme.yaml and <intake>/requirements.yaml)"
    )
    importer.add_argument("folders", nargs="+", type=Path, metavar="FOLDER")
    importer.set_defaults(func=_import)

    generate = subparsers.add_parser(
        "generate-catalogue",
        help="fill an EMPTY database with a large synthetic catalogue (benchmarks)",
    )
    generate.add_argument("--programmes", type=int, default=100_000)
    generate.add_argument("--seed", type=int, default=1)
    generate.set_defaults(func=_generate)

    reindex = subparsers.add_parser("reindex", help="rebuild the catalogue's search index")
    reindex.set_defaults(func=_reindex)


def _migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def _load_demo(args: argparse.Namespace) -> int:
    setup_django()
    _migrate()
    from openadmit.catalogue.importing import do_load_demo

    for programme in do_load_demo():
        print(f"loaded {programme.slug}: {programme.title}")
    return 0


def _import(args: argparse.Namespace) -> int:
    setup_django()
    _migrate()
    from openadmit.catalogue.importing import do_import_programme
    from openadmit.catalogue.programme_file import ProgrammeFileError
    from openadmit.eligibility.requirement_set import RequirementSetError

    for folder in args.folders:
        try:
            programme = do_import_programme(folder)
        except (ProgrammeFileError, RequirementSetError) as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        print(f"imported {programme.slug}: {programme.title}")
    return 0


def _generate(args: argparse.Namespace) -> int:
    if args.programmes < 1:
        print("error: --programmes must be at least 1", file=sys.stderr)
        return 2
    setup_django()
    _migrate()
    from openadmit.catalogue.synthetic.generate import CatalogueNotEmpty, generate_catalogue

    started = time.perf_counter()
    try:
        counts = generate_catalogue(programmes=args.programmes, seed=args.seed)
    except CatalogueNotEmpty as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    made = ", ".join(f"{n} {what}" for what, n in counts.items())
    print(f"generated {made} in {time.perf_counter() - started:.0f} s")
    return 0


def _reindex(args: argparse.Namespace) -> int:
    setup_django()
    from openadmit.catalogue.search.indexing import reindex

    print(f"indexed {reindex()} programmes")
    return 0
