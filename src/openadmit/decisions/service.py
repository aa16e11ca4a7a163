"""Decisions: the committee's sessions, decisions with their history, conditions, and
the applicant's contest of a decision with another staff member's answer.

Every action checks the actor's permission through the access policy, writes one audit
event in its transaction, and tells the applicant of any change of status by e-mail
after the commit (the status page says the same).
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openadmit.access.constants import Permission
from openadmit.access.policy import AccessDenied, require, require_own
from openadmit.applications import service as applications
from openadmit.applications.constants import NEGATIVE, Decision, Status
from openadmit.applications.errors import ApplicationError
from openadmit.applications.models import Application
from openadmit.audit.service import record_event
from openadmit.catalogue.models import Intake
from openadmit.decisions.constants import (
    DEFAULT_APPEAL_DAYS,
    ConditionStatus,
    ContestOutcome,
    DecisionEvent,
)
from openadmit.decisions.models import (
    Condition,
    Contest,
    DecisionRecord,
    DecisionRules,
    DecisionSession,
)
from openadmit.decisions.reasons import reason as find_reason

__all__ = [
    "AccessDenied",
    "ConditionIn",
    "DecisionError",
    "contest_window_ends",
    "current_decision",
    "do_answer_contest",
    "do_close_session",
    "do_contest",
    "do_decide",
    "do_mark_condition",
    "do_open_session",
]


# How far from today a session's day, and a condition's day, may lie.
SESSION_SPAN = timedelta(days=366)
CONDITION_SPAN = timedelta(days=3 * 366)


class DecisionError(ApplicationError):
    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class ConditionIn:
    text: str
    due_on: date | None = None


def current_decision(application: Application) -> DecisionRecord | None:
    return application.decision_records.filter(current=True).first()


def do_open_session(intake: Intake, held_on: date, participants: list, *, actor) -> DecisionSession:
    require(actor, Permission.DECIDE, intake)
    if abs((held_on - timezone.now().date()).days) > SESSION_SPAN.days:
        raise DecisionError(_("Give a day within a year of today."), "held_on")
    if not participants:
        raise DecisionError(_("Name who takes part in the session."), "participants")
    with transaction.atomic():
        session = DecisionSession.objects.create(intake=intake, held_on=held_on, opened_by=actor)
        session.participants.set(participants)
        record_event(
            DecisionEvent.SESSION_OPEN,
            actor=actor,
            target=session,
            payload={"participants": sorted(p.pk for p in participants)},
        )
    return session


def do_close_session(session: DecisionSession, *, actor) -> DecisionSession:
    require(actor, Permission.DECIDE, session.intake)
    with transaction.atomic():
        DecisionSession.objects.filter(pk=session.pk, closed_at__isnull=True).update(
            closed_at=timezone.now()
        )
        record_event(DecisionEvent.SESSION_CLOSE, actor=actor, target=session)
    session.refresh_from_db()
    return session


def do_decide(
    application: Application,
    decision: Decision,
    *,
    actor,
    session: DecisionSession | None = None,
    reason: str = "",
    feedback: str = "",
    conditions: list[ConditionIn] = (),
    reserve_position: int | None = None,
    change_reason: str = "",
) -> DecisionRecord:
    """Record a decision, superseding the current one. A negative decision needs a person's
    confirmed screening and a structured reason; replacing a decision needs a reason."""
    with transaction.atomic():
        row = applications.locked(application)
        require(actor, Permission.DECIDE, row)
        previous = current_decision(row)
        _check(
            row, decision, previous, reason, conditions, reserve_position, change_reason, session
        )
        applications.move(row, Status.DECIDED)
        now = timezone.now()
        if previous is not None:
            DecisionRecord.objects.filter(pk=previous.pk).update(current=False)
        record = DecisionRecord.objects.create(
            supersedes=previous,
            application=row,
            decision=decision,
            reserve_position=reserve_position if decision == Decision.RESERVE else None,
            reason=reason if decision in NEGATIVE else "",
            feedback=feedback.strip(),
            change_reason=change_reason.strip(),
            session=session,
            decided_by=actor,
            decided_at=now,
        )
        Condition.objects.bulk_create(
            Condition(decision=record, text=c.text.strip(), due_on=c.due_on) for c in conditions
        )
        row.decision = decision
        row.decided_at = now
        row.save(update_fields=["status", "decision", "decided_at", "updated_at"])
        record_event(
            DecisionEvent.DECIDE,
            actor=actor,
            target=row,
            payload={
                "decision": decision,
                "reason": record.reason,
                "replaces": previous.decision if previous else None,
                "session": session.pk if session else None,
            },
        )
        applications.notify_applicant(
            row,
            _("A decision on your application to %(programme)s")
            % {"programme": row.intake.programme.title},
            "decisions/email/decision.txt",
            {"record": record},
        )
    return record


def _check(row, decision, previous, reason, conditions, reserve_position, change_reason, session):
    if decision in NEGATIVE:
        if not row.screenings.exists():
            raise DecisionError(
                _("Confirm the eligibility screening before a negative decision."), "decision"
            )
        if find_reason(reason) is None:
            raise DecisionError(_("Choose the reason the applicant will read."), "reason")
    if decision == Decision.CONDITIONALLY_ADMITTED and not any(c.text.strip() for c in conditions):
        raise DecisionError(_("State at least one condition."), "conditions")
    today = timezone.now().date()
    for condition in conditions:
        if (
            condition.due_on
            and not today - SESSION_SPAN <= condition.due_on <= today + CONDITION_SPAN
        ):
            raise DecisionError(
                _("A condition's day must be within three years from now."), "conditions"
            )
    if decision == Decision.RESERVE and not reserve_position:
        raise DecisionError(_("Give the place on the reserve list."), "reserve_position")
    if previous is not None and not change_reason.strip():
        raise DecisionError(
            _("Say why this decision replaces the one of %(day)s.")
            % {"day": previous.decided_at.date().isoformat()},
            "change_reason",
        )
    if session is not None and session.closed_at is not None:
        raise DecisionError(_("This session is closed."), "session")


def do_mark_condition(condition: Condition, status: ConditionStatus, *, actor) -> Condition:
    application = condition.decision.application
    with transaction.atomic():
        row = applications.locked(application)
        require(actor, Permission.DECIDE, row)
        if not condition.decision.current:
            raise DecisionError(_("This decision was replaced; its conditions no longer apply."))
        Condition.objects.filter(pk=condition.pk).update(
            status=status, updated_by=actor, updated_at=timezone.now()
        )
        record_event(
            DecisionEvent.CONDITION,
            actor=actor,
            target=row,
            payload={"condition": condition.pk, "status": status},
        )
    condition.refresh_from_db()
    return condition


def contest_window_ends(record: DecisionRecord) -> date:
    rules = DecisionRules.objects.filter(intake_id=record.application.intake_id).first()
    days = rules.contest_days if rules else DEFAULT_APPEAL_DAYS
    zone = applications.university_time_zone(record.application.intake)
    return record.decided_at.astimezone(zone).date() + timedelta(days=days)


def do_contest(application: Application, text: str, *, actor) -> Contest:
    """The applicant contests their current decision within the window."""
    require_own(actor, application)
    if not text.strip():
        raise DecisionError(_("Say why you contest the decision."), "text")
    with transaction.atomic():
        row = applications.locked(application)
        record = current_decision(row)
        if record is None:
            raise DecisionError(_("There is no decision to contest."))
        if hasattr(record, "contest"):
            raise DecisionError(_("You already contested this decision."))
        zone = applications.university_time_zone(row.intake)
        if timezone.now().astimezone(zone).date() > contest_window_ends(record):
            raise DecisionError(_("The time to contest this decision has passed."))
        contest = Contest.objects.create(decision=record, text=text.strip())
        record_event(
            DecisionEvent.CONTEST, actor=actor, target=row, payload={"decision": record.pk}
        )
    return contest


def do_answer_contest(contest: Contest, answer: str, outcome: ContestOutcome, *, actor) -> Contest:
    """Answer a contest: by a staff member who did not take the contested decision."""
    application = contest.decision.application
    if not answer.strip():
        raise DecisionError(_("Write the answer the applicant will read."), "answer")
    with transaction.atomic():
        row = applications.locked(application)
        require(actor, Permission.DECIDE, row)
        if contest.decision.decided_by_id == actor.pk:
            raise DecisionError(
                _("Someone other than the person who took the decision answers its contest.")
            )
        if contest.answered_at is not None:
            raise DecisionError(_("This contest is already answered."))
        Contest.objects.filter(pk=contest.pk).update(
            answer=answer.strip(), outcome=outcome, answered_by=actor, answered_at=timezone.now()
        )
        record_event(
            DecisionEvent.ANSWER,
            actor=actor,
            target=row,
            payload={"contest": contest.pk, "outcome": outcome},
        )
        applications.notify_applicant(
            row,
            _("An answer to your contest: %(programme)s")
            % {"programme": row.intake.programme.title},
            "decisions/email/contest_answer.txt",
            {"answer": answer.strip(), "outcome": ContestOutcome(outcome).label},
        )
    contest.refresh_from_db()
    return contest
