"""Moments of application: always time-zone aware, shown in the university's time zone."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


class MomentError(ValueError):
    """A moment that cannot be used: not ISO 8601, or without a time zone."""


def parse_moment(text: str) -> datetime:
    """An ISO 8601 moment with its offset or Z; a moment without one is ambiguous."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise MomentError(f"{text!r} is not an ISO 8601 date and time") from None
    return require_aware(moment)


def require_aware(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise MomentError(
            "a moment needs its time zone offset, e.g. 2026-07-01T23:30:00+02:00 or ...Z"
        )
    return moment


def format_day(day: date) -> str:
    """'1 July 2026'."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def format_moment(moment: datetime, zone: ZoneInfo) -> str:
    """'1 July 2026, 23:59 (Europe/Brussels)': the moment in the university's time zone."""
    local = moment.astimezone(zone)
    return f"{format_day(local)}, {local.hour:02}:{local.minute:02} ({zone.key})"
