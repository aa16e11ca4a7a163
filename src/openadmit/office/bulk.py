"""Bulk actions on files chosen in the queue: previewed, confirmed, then all or nothing.

Each action names the permission it needs, says per file whether it applies (and why
not), and performs itself on one file through that file's own action function, so each
file gets its own audit event. Other domains register theirs (the review's assignment).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from openadmit.access.constants import Permission
from openadmit.access.policy import allowed
from openadmit.applications.constants import Status
from openadmit.applications.lifecycle import can_move
from openadmit.applications.models import Application
from openadmit.office import service

__all__ = ["BulkAction", "BulkRefused", "actions_for", "perform", "preview", "register"]

MAX_FILES = 500


class BulkRefused(Exception):
    pass


@dataclass(frozen=True)
class BulkAction:
    name: str
    label: str
    permission: Permission
    # None when the action applies to the file, else why not (a sentence).
    refusal: Callable[[Application], str | None]
    perform: Callable[[Application, Any, dict], None]
    form: type[forms.Form] | None = None
    confirm_label: str = field(default=_("Confirm"))


_actions: dict[str, BulkAction] = {}


def register(action: BulkAction) -> None:
    _actions[action.name] = action


def actions_for(user, intake) -> list[BulkAction]:
    return [a for a in _actions.values() if allowed(user, a.permission, intake)]


def get(name: str) -> BulkAction | None:
    return _actions.get(name)


@dataclass(frozen=True)
class PreviewRow:
    application: Application
    refusal: str | None


def preview(action: BulkAction, applications: list[Application], user) -> list[PreviewRow]:
    rows = []
    for application in applications:
        if not allowed(user, action.permission, application):
            rows.append(PreviewRow(application, str(_("You cannot do this on this file."))))
        else:
            rows.append(PreviewRow(application, action.refusal(application)))
    return rows


def perform(action: BulkAction, applications: list[Application], user, data: dict) -> int:
    """Do the action on every file that it applies to, in one transaction; a failure on
    any file undoes them all."""
    rows = [row for row in preview(action, applications, user) if row.refusal is None]
    if not rows:
        raise BulkRefused(_("The action applies to none of the chosen files."))
    with transaction.atomic():
        for row in rows:
            action.perform(row.application, user, data)
    return len(rows)


class BulkMessageForm(forms.Form):
    body = forms.CharField(
        label=_("Message to each applicant"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Write the message to send.")},
    )


def _not_movable(application: Application) -> str | None:
    if can_move(application, Status.UNDER_REVIEW):
        return None
    return str(_("It is “%(status)s”.") % {"status": application.get_status_display()})


register(
    BulkAction(
        name="start_review",
        label=_("Move to review"),
        permission=Permission.MOVE_FILES,
        refusal=_not_movable,
        perform=lambda application, user, data: service.do_start_review(application, actor=user),
        confirm_label=_("Move these files to review"),
    )
)
register(
    BulkAction(
        name="message",
        label=_("Send a message"),
        permission=Permission.CORRESPOND,
        refusal=lambda application: None,
        perform=lambda application, user, data: service.do_send_message(
            application, data["body"], actor=user
        ),
        form=BulkMessageForm,
        confirm_label=_("Send the message to these applicants"),
    )
)
