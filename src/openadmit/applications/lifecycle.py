"""An application's status moves only along the declared table (`constants.TRANSITIONS`)."""

from django.utils.translation import gettext as _

from openadmit.applications.constants import TRANSITIONS, Status
from openadmit.applications.errors import TransitionRefused
from openadmit.applications.models import Application

__all__ = ["can_move", "move"]


def can_move(application: Application, to: Status) -> bool:
    return to in TRANSITIONS[Status(application.status)]


def move(application: Application, to: Status) -> None:
    """Set the (locked) application's new status, or refuse a move the table forbids.

    The caller saves the row and writes the audit event in the same transaction.
    """
    if not can_move(application, to):
        allowed = sorted(str(Status(s).label) for s in TRANSITIONS[Status(application.status)])
        raise TransitionRefused(
            _("An application that is “%(current)s” cannot become “%(target)s”.")
            % {"current": Status(application.status).label, "target": Status(to).label}
            + " "
            + (
                _("From here it can become: %(allowed)s.") % {"allowed": ", ".join(allowed)}
                if allowed
                else _("Nothing further can happen to it.")
            )
        )
    application.status = to
