"""Retention: unsuccessful applications are deleted a set time after their intake starts."""

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from openadmit.applications.constants import ApplicationEvent, Decision, Status
from openadmit.applications.models import DEFAULT_RETENTION_DAYS, Application, RetentionPolicy
from openadmit.audit.service import record_event

__all__ = ["do_apply_retention"]


def _unsuccessful() -> QuerySet[Application]:
    return Application.objects.filter(
        status__in=[Status.DRAFT, Status.WITHDRAWN, Status.DECIDED]
    ).exclude(decision__in=[Decision.ADMITTED, Decision.CONDITIONALLY_ADMITTED])


def do_apply_retention(now: datetime | None = None) -> int:
    """Delete unsuccessful applications (drafts never submitted, withdrawn, not admitted)
    whose intake started longer ago than their institution's retention period."""
    now = now or timezone.now()
    periods = dict(RetentionPolicy.objects.values_list("institution_id", "unsuccessful_after_days"))
    deleted = 0
    for application in _unsuccessful().select_related("intake__programme"):
        days = periods.get(application.intake.programme.institution_id, DEFAULT_RETENTION_DAYS)
        if application.intake.starts_on + timedelta(days=days) > now.date():
            continue
        with transaction.atomic():
            names = [(d.file.storage, d.file.name) for d in application.documents.all()]
            record_event(
                ApplicationEvent.RETENTION_DELETE,
                actor=None,
                target=application,
                payload={"intake": str(application.intake), "status": application.status},
            )
            application.delete()
            for storage, name in names:
                transaction.on_commit(lambda s=storage, n=name: s.delete(n))
        deleted += 1
    return deleted
