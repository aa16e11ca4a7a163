"""What the readiness check asks of each service the site depends on."""

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import connection

__all__ = ["CHECKS", "check_all"]

logger = logging.getLogger(__name__)


def database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def cache_service() -> None:
    ping = getattr(cache, "ping", None)
    if ping is not None:
        ping()


def broker() -> None:
    if settings.TASK_BACKEND == "rq":
        import django_rq

        django_rq.get_connection("default").ping()
    elif settings.TASK_BACKEND == "database":
        database()


CHECKS: dict[str, Callable[[], None]] = {
    "database": database,
    "cache": cache_service,
    "broker": broker,
}


def check_all() -> dict[str, bool]:
    """Each service's name and whether it answered; failures are logged with their error."""
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as error:  # noqa: BLE001 - any failure means "not answering"
            logger.warning("readiness: %s is unavailable: %s", name, error)
            results[name] = False
        else:
            results[name] = True
    return results
