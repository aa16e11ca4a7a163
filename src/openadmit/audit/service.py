"""Writing audit events. Call inside the transaction that makes the change."""

from typing import Any

from django.db import models, transaction

from openadmit.audit.models import AuditEvent

__all__ = ["record_event"]


def record_event(
    event: str, *, actor: Any | None, target: models.Model, payload: dict[str, Any] | None = None
) -> AuditEvent:
    """Record `event` (named like ``application:document:upload``) against `target`."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit events are written inside the transaction of the change")
    return AuditEvent.objects.create(
        event=event,
        actor=actor if actor is not None and actor.is_authenticated else None,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        payload=payload or {},
    )
