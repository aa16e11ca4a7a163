"""Moments of application: always time-zone aware, shown in the university's time zone.

The engine works with days from 1 January 1900 to 31 December 2199, and with the moments
of those days in any time zone; it refuses any other. A moment at the edge of Python's
calendar (year 1, year 9999) cannot be moved into another time zone, and no application is
made outside these years. Every way a moment or a day reaches the engine (the command
line, the API, requirement sets, test cases, the profile's dates) goes through
`check_moment` or `check_day`.
"""

from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated
from zoneinfo import ZoneInfo

from pydantic import AfterValidator, AwareDatetime

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2199, 12, 31)
# Time zones are less than a day from UTC: every moment of the first and last day fits.
FIRST_MOMENT = datetime.combine(FIRST_DAY - timedelta(days=1), time(), tzinfo=UTC)
END_OF_MOMENTS = datetime.combine(LAST_DAY + timedelta(days=2), time(), tzinfo=UTC)


class MomentError(ValueError):
    """A moment that cannot be used: not ISO 8601, without a time zone, or out of range."""


def parse_moment(text: str) -> datetime:
    """An ISO 8601 moment with its offset or Z; a moment without one is ambiguous."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise MomentError(f"{text!r} is not an ISO 8601 date and time") from None
    return require_aware(moment)


def require_aware(moment: datetime) -> datetime:
    """The moment, if it has a time zone and lies within the engine's years."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise MomentError(
            "a moment needs its time zone offset, e.g. 2026-07-01T23:30:00+02:00 or ...Z"
        )
    return check_moment(moment)


def check_moment(moment: datetime) -> datetime:
    """The aware moment, if it falls within the years 1900 to 2199; MomentError otherwise."""
    if not FIRST_MOMENT <= moment < END_OF_MOMENTS:
        raise MomentError(
            f"{moment.isoformat()} is out of range: a moment must fall within the years "
            f"{FIRST_DAY.year} to {LAST_DAY.year}"
        )
    return moment


def check_day(day: date) -> date:
    """The day, if it lies from 1900 to 2199; ValueError otherwise."""
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError(
            f"{day.isoformat()} is out of range: a date must lie between "
            f"{format_day(FIRST_DAY)} and {format_day(LAST_DAY)}"
        )
    return day


# Fields of the engine's models (and of the API's requests) holding a moment or a day.
Moment = Annotated[AwareDatetime, AfterValidator(check_moment)]
Day = Annotated[date, AfterValidator(check_day)]


def format_day(day: date) -> str:
    """'1 July 2026'."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def format_moment(moment: datetime, zone: ZoneInfo) -> str:
    """'1 July 2026, 23:59 (Europe/Brussels)': the moment in the university's time zone."""
    local = moment.astimezone(zone)
    return f"{format_day(local)}, {local.hour:02}:{local.minute:02} ({zone.key})"
