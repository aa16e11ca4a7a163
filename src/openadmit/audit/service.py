"""Writing audit events. Call inside the transaction that makes the change, once the
change is made: listeners (the office's queue) read the new state in the same transaction.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction

from openadmit.audit.events import is_registered
from openadmit.audit.models import AuditEvent

__all__ = ["AuditScope", "listen", "record_event"]

_listeners: list[Callable[[AuditEvent], None]] = []


def listen(callback: Callable[[AuditEvent], None]) -> None:
    """Call ``callback`` with every event written, inside the change's transaction."""
    if callback not in _listeners:
        _listeners.append(callback)


@dataclass(frozen=True, kw_only=True)
class AuditScope:
    """What an event concerns: a model offers its own through ``audit_scope()``."""

    application_id: int | None = None
    programme_id: int | None = None
    institution_id: int | None = None


def record_event(
    event: models.TextChoices,
    *,
    actor: Any | None,
    target: models.Model,
    payload: dict[str, Any] | None = None,
) -> AuditEvent:
    """Record ``event`` (a registered event type) against ``target``, scoped like it."""
    if not is_registered(event):
        raise TypeError(f"{event!r} is not a registered audit event type")
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit events are written inside the transaction of the change")
    scope = target.audit_scope() if hasattr(target, "audit_scope") else AuditScope()
    row = AuditEvent.objects.create(
        event=event.value,
        actor=actor if actor is not None and actor.is_authenticated else None,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        application_id=scope.application_id,
        programme_id=scope.programme_id,
        institution_id=scope.institution_id,
        payload=payload or {},
    )
    for callback in _listeners:
        callback(row)
    return row
