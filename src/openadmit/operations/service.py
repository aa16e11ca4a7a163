"""Running the site: switching it to read-only, and extending a deadline for everyone
affected. Each action writes its audit event in its transaction."""

from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from openadmit.audit.service import record_event
from openadmit.catalogue.models import Intake
from openadmit.eligibility import parse_requirement_set
from openadmit.eligibility.kinds.deadline_models import ADMISSION_CATEGORIES
from openadmit.operations.constants import OperationsEvent
from openadmit.operations.models import DeadlineExtension, SiteMode

__all__ = [
    "Mode",
    "OperationsError",
    "do_extend_deadline",
    "check_extension",
    "do_set_read_only",
    "extended_deadline_moment",
    "site_mode",
]

MODE_CACHE_KEY = "operations:site-mode"
# How long a process may act on the previous mode after a switch.
MODE_CACHE_SECONDS = 5


class OperationsError(ValueError):
    """The change cannot be made; the message says why."""


@dataclass(frozen=True)
class Mode:
    read_only: bool
    message: str


def site_mode() -> Mode:
    cached = cache.get(MODE_CACHE_KEY)
    if cached is None:
        row = SiteMode.objects.filter(pk=1).values_list("read_only", "message").first()
        cached = tuple(row) if row else (False, "")
        cache.set(MODE_CACHE_KEY, cached, MODE_CACHE_SECONDS)
    return Mode(*cached)


def _person(actor):
    return actor if actor is not None and actor.is_authenticated else None


def do_set_read_only(read_only: bool, *, actor, message: str = "", via: str = "") -> SiteMode:
    """Stop (or resume) every change by applicants and staff; pages stay readable.

    `via` says where an action without a signed-in actor came from (the command line)."""
    with transaction.atomic():
        mode, _created = SiteMode.objects.select_for_update().get_or_create(pk=1)
        mode.read_only = read_only
        mode.message = message.strip() if read_only else ""
        mode.changed_at = timezone.now()
        mode.changed_by = _person(actor)
        mode.save()
        record_event(
            OperationsEvent.READ_ONLY_ON if read_only else OperationsEvent.READ_ONLY_OFF,
            actor=actor,
            target=mode,
            payload={"message": mode.message, **({"via": via} if via else {})},
        )
        # Forgotten now for this process, and again after the commit, in case another
        # request cached the old mode meanwhile; other processes follow within seconds.
        cache.delete(MODE_CACHE_KEY)
        transaction.on_commit(lambda: cache.delete(MODE_CACHE_KEY))
    return mode


def deadline_categories(intake: Intake) -> list[str]:
    ruleset = parse_requirement_set(intake.requirement_set.document)
    return [d.category for d in ruleset.deadlines() if d.category in ADMISSION_CATEGORIES]


def check_extension(
    intake: Intake, until: datetime, *, reason: str, category: str = "", now: datetime | None = None
) -> None:
    """Raise OperationsError naming what is wrong with an extension before it is made."""
    if not reason.strip():
        raise OperationsError(_("Give the reason for the extension; the audit trail keeps it."))
    if until <= (now or timezone.now()):
        raise OperationsError(_("The extended deadline must be in the future."))
    categories = deadline_categories(intake)
    if category and category not in categories:
        raise OperationsError(
            _("This intake has no deadline category “%(category)s”; it has %(categories)s.")
            % {"category": category, "categories": ", ".join(categories)}
        )


def do_extend_deadline(
    intake: Intake,
    until: datetime,
    *,
    reason: str,
    actor,
    category: str = "",
    via: str = "",
    now: datetime | None = None,
) -> DeadlineExtension:
    """Let everyone who had started an application before their deadline submit until
    `until`: for every deadline category of the intake, or for one."""
    check_extension(intake, until, reason=reason, category=category, now=now)
    from openadmit.applications.constants import Status
    from openadmit.applications.models import Application

    with transaction.atomic():
        extension = DeadlineExtension.objects.create(
            intake=intake,
            category=category,
            until=until,
            reason=reason.strip(),
            created_by=_person(actor),
        )
        drafts = Application.objects.filter(intake=intake, status=Status.DRAFT).count()
        record_event(
            OperationsEvent.DEADLINE_EXTEND,
            actor=actor,
            target=intake,
            payload={
                "extension_id": extension.pk,
                "category": category or "every category",
                "until": until.isoformat(),
                "reason": extension.reason,
                "drafts_at_the_time": drafts,
                **({"via": via} if via else {}),
            },
        )
    return extension


def extended_deadline_moment(application, live, moment: datetime) -> datetime | None:
    """The moment a late submission counts as made, when an extension covers it.

    `live` is the application's verdict at `moment`. An extension covers the application
    when the engine found it past its deadline, the application was started by then, and
    an extension of its intake (for its category, or for every category) runs until
    `moment` or later. The submission then counts as made at the deadline it missed.
    """
    verdict = live.verdict
    if verdict is None or not verdict.past_deadline or verdict.deadline is None:
        return None
    closes_at = verdict.deadline.closes_at
    if application.created_at > closes_at:
        return None
    covered = DeadlineExtension.objects.filter(
        Q(category="") | Q(category=verdict.deadline.category),
        intake_id=application.intake_id,
        until__gte=moment,
    ).exists()
    return closes_at if covered else None
