"""`openadmit demo-code EMAIL`: the TOTP code a demo staff account's authenticator would
show now, so a newcomer can sign in as each role without an authenticator app."""

import argparse
import sys
import time

from openadmit.core.django_setup import setup_django


def register(subparsers: argparse._SubParsersAction) -> None:
    code = subparsers.add_parser(
        "demo-code", help="the current sign-in code of a demo staff account (…@pioneer.demo)"
    )
    code.add_argument("email")
    code.set_defaults(func=_code)


def _code(args: argparse.Namespace) -> int:
    setup_django()
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    from openadmit.demo.people import demo_secret

    try:
        secret = demo_secret(args.email)
    except ValueError as error:
        print(f"error: {error}; only the demo's accounts have a known secret", file=sys.stderr)
        return 2
    left = 30 - int(time.time()) % 30
    print(format_hotp_value(hotp_value(secret, int(time.time()) // 30)))
    print(f"(valid for {left} more seconds; secret {secret})", file=sys.stderr)
    return 0
