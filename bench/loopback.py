"""What the load benchmarks share: a free loopback port and verified bench applicants."""

import socket


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def create_verified_applicants_code(count: int, password: str) -> str:
    """Python for `openadmit manage shell -c` that creates `count` verified applicants."""
    return f"""
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

User = get_user_model()
# One real hash, shared: creating the accounts is set-up, not what is measured.
password = make_password({password!r})
users = User.objects.bulk_create(
    User(username=f"bench{{i}}@example.org", email=f"bench{{i}}@example.org", password=password)
    for i in range({count})
)
EmailAddress.objects.bulk_create(
    EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users
)
"""
