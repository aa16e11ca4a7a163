"""The review's actions, and what pages, the API and other domains may ask of it.

Each ``do_*`` action locks the row it changes (the application's, or the intake's for a
rubric), checks the actor's permission through the access policy on the locked row, and
writes exactly one audit event in the same transaction, last (the office's queue listens
to events to refresh the file's row).
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openadmit.access.constants import Permission
from openadmit.access.models import StaffMember
from openadmit.access.policy import AccessDenied, allowed, require, staff_holding
from openadmit.applications import service as applications
from openadmit.applications.constants import Status
from openadmit.applications.errors import ApplicationError
from openadmit.applications.models import Application
from openadmit.audit.service import record_event
from openadmit.catalogue.models import Intake
from openadmit.office.models import QueueEntry
from openadmit.office.queue import ReviewState, refresh_entry
from openadmit.review import rubric as rubrics
from openadmit.review.assigning import least_loaded
from openadmit.review.conflicts import ConflictSign, Reviewer, likely_conflicts
from openadmit.review.constants import AssignmentMethod, ReviewEvent
from openadmit.review.models import Assignment, Review, Rubric
from openadmit.review.statistics import strongly_disagree

__all__ = [
    "AccessDenied",
    "Candidate",
    "ReviewError",
    "ScoresRefused",
    "auto_assign_refusal",
    "candidates_for",
    "current_rubric",
    "do_assign_automatically",
    "do_assign_reviewers",
    "do_assign_third_reviewer",
    "do_declare_conflict",
    "do_publish_rubric",
    "do_save_scores",
    "do_submit_scores",
    "assigned_ids",
    "import_rubric",
    "is_assigned",
    "may_see_all_scores",
    "own_assignment",
    "review_state",
    "third_reviewer_refusal",
]

CLOSED = (Status.WITHDRAWN, Status.DECIDED)
NOBODY_FREE = gettext_lazy("No reviewer is free of a likely conflict of interest with it.")


class ReviewError(ApplicationError):
    """A review action the state does not allow; ``field`` names the input concerned."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


class ScoresRefused(ReviewError):
    """Scores that do not fit the rubric: one message per field (``scores.<criterion>``)."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(" ".join(errors.values()), next(iter(errors)))
        self.errors = errors


def current_rubric(intake: Intake) -> Rubric | None:
    """The intake's rubric: the latest published version."""
    return Rubric.objects.filter(intake=intake).order_by("-published_at", "-pk").first()


# Rubrics -------------------------------------------------------------------------------


def _locked_intake(intake: Intake) -> Intake:
    return (
        Intake.objects.select_for_update(of=("self",))
        .select_related("programme__institution")
        .get(pk=intake.pk)
    )


def _store_rubric(intake: Intake, rules: rubrics.Rubric, *, actor, source: str) -> Rubric:
    """Store a new version for the (locked) intake and write its event; refuses a rubric
    for another intake, and a version already published."""
    programme = intake.programme
    if (rules.programme, rules.intake) != (programme.slug, intake.code):
        raise rubrics.RubricError(
            "programme: "
            + _("the rubric is for %(found)s, not %(wanted)s")
            % {
                "found": f"{rules.programme} {rules.intake}",
                "wanted": f"{programme.slug} {intake.code}",
            }
        )
    if Rubric.objects.filter(intake=intake, version=rules.version).exists():
        raise rubrics.RubricError(
            "version: "
            + _(
                "version %(version)s is already published for this intake; give the new "
                "rubric a new version"
            )
            % {"version": rules.version}
        )
    stored = Rubric.objects.create(
        intake=intake,
        rubric_id=rules.id,
        version=rules.version,
        sha256=rules.sha256,
        document=rules.document(),
        reviewers_per_file=rules.reviewers_per_file,
        source=source[:300],
        published_by=actor if actor is not None and actor.is_authenticated else None,
    )
    _refresh_queue(intake, stored.reviewers_per_file)
    record_event(
        ReviewEvent.RUBRIC_PUBLISH,
        actor=actor,
        target=stored,
        payload={
            "intake": intake.code,
            "version": rules.version,
            "sha256": rules.sha256,
            "source": source,
        },
    )
    return stored


def _refresh_queue(intake: Intake, required: int) -> None:
    """How many reviews each file of the intake needs follows the new rubric in the queue.

    A file without reviewers needs exactly the rubric's number, so its row is updated in
    one statement (an intake may hold tens of thousands); the others are rebuilt."""
    QueueEntry.objects.filter(intake_id=intake.pk, reviewers="").update(reviews_required=required)
    for application_id in (
        Assignment.objects.filter(application__intake=intake)
        .values_list("application_id", flat=True)
        .distinct()
    ):
        refresh_entry(application_id)


def do_publish_rubric(intake: Intake, text: str, *, actor, source: str = "") -> Rubric:
    """Publish a new version of the intake's rubric from its YAML text; RubricError names
    each field that does not validate, and nothing is stored."""
    rules = rubrics.read_rubric_text(text)
    with transaction.atomic():
        row = _locked_intake(intake)
        require(actor, Permission.MANAGE_RUBRIC, row)
        return _store_rubric(row, rules, actor=actor, source=source)


def import_rubric(intake: Intake, rules: rubrics.Rubric, actor=None) -> Rubric | None:
    """The rubric of an intake's data folder, imported with its programme (by the command
    line or the demo, not by a person's request): stored unless already current."""
    if Rubric.objects.filter(intake=intake, sha256=rules.sha256).exists():
        # Published before (perhaps since superseded by a version a person uploaded).
        return None
    return _store_rubric(
        _locked_intake(intake), rules, actor=actor, source=f"data folder: {rubrics.RUBRIC_FILE}"
    )


# Assignment ------------------------------------------------------------------------------


@dataclass
class Candidate:
    """A person who reviews for the file's programme, as the assign page shows them."""

    user: Any
    load: int
    signs: list[tuple[ConflictSign, str]] = field(default_factory=list)
    assigned: bool = False
    conflict_declared: bool = False

    @property
    def eligible(self) -> bool:
        """Free to take the file automatically: not on it, and no sign of a conflict."""
        return not (self.assigned or self.conflict_declared or self.signs)


def _name(user) -> str:
    return user.get_full_name() or user.email


def candidates_for(application: Application) -> list[Candidate]:
    """Everyone who reviews for the programme, with their load in the intake, whether they
    are on the file already, and any sign of a likely conflict of interest."""
    people = list(staff_holding(Permission.REVIEW, application.intake.programme))
    homes = dict(
        StaffMember.objects.filter(user__in=people).values_list("user_id", "institution__name")
    )
    loads = dict(
        Assignment.objects.active()
        .filter(application__intake_id=application.intake_id, reviewer__in=people)
        .values("reviewer")
        .annotate(n=Count("pk"))
        .values_list("reviewer", "n")
    )
    on_file = {
        a.reviewer_id: a
        for a in Assignment.objects.filter(application=application, reviewer__in=people)
    }
    degrees = application.profile.get("degrees", [])
    referees = application.referees
    candidates = []
    for person in people:
        facts = Reviewer(person.email, person.get_full_name(), homes.get(person.pk) or "")
        held = on_file.get(person.pk)
        candidates.append(
            Candidate(
                user=person,
                load=loads.get(person.pk, 0),
                signs=likely_conflicts(facts, degrees, referees),
                assigned=held is not None and held.is_active,
                conflict_declared=held is not None and held.conflict_declared_at is not None,
            )
        )
    return candidates


def _require_open(application: Application) -> Rubric:
    if application.status in CLOSED:
        raise ReviewError(_("A withdrawn or decided application is not reviewed."))
    rubric = current_rubric(application.intake)
    if rubric is None:
        raise ReviewError(_("Publish the intake's review rubric first."))
    return rubric


def _assign(application: Application, users, method: AssignmentMethod, actor) -> list[int]:
    Assignment.objects.bulk_create(
        Assignment(application=application, reviewer=user, method=method, assigned_by=actor)
        for user in users
    )
    return [user.pk for user in users]


def _choose(application: Application, count: int) -> list:
    """Up to ``count`` eligible reviewers for the file, least loaded first."""
    eligible = {c.user.pk: c for c in candidates_for(application) if c.eligible}
    loads = {pk: c.load for pk, c in eligible.items()}
    return [eligible[pk].user for pk in least_loaded(loads, count, file_key=str(application.pk))]


def _active_count(application: Application) -> int:
    return Assignment.objects.active().filter(application=application).count()


def do_assign_reviewers(
    application: Application, reviewers: list, *, actor, despite_likely_conflict: bool = False
) -> list[Assignment]:
    """Assign reviewers chosen by hand. One with a sign of a likely conflict of interest is
    assigned only when the actor says so (``despite_likely_conflict``)."""
    if not reviewers:
        raise ReviewError(_("Choose at least one reviewer."), "reviewers")
    with transaction.atomic():
        row = applications.locked(application)
        require(actor, Permission.ASSIGN_REVIEWERS, row)
        _require_open(row)
        candidates = {c.user.pk: c for c in candidates_for(row)}
        flagged = []
        for person in reviewers:
            candidate = candidates.get(person.pk)
            name = _name(person)
            if candidate is None:
                raise ReviewError(
                    _("%(name)s does not review for this programme.") % {"name": name},
                    "reviewers",
                )
            if candidate.assigned:
                raise ReviewError(
                    _("%(name)s already reviews this file.") % {"name": name}, "reviewers"
                )
            if candidate.conflict_declared:
                raise ReviewError(
                    _("%(name)s declared a conflict of interest with this file.") % {"name": name},
                    "reviewers",
                )
            if candidate.signs:
                flagged.append(person.pk)
                if not despite_likely_conflict:
                    raise ReviewError(
                        _(
                            "%(name)s may have a conflict of interest with this file. "
                            "Assign them only if you know there is none."
                        )
                        % {"name": name},
                        "despite_likely_conflict",
                    )
        assigned = _assign(row, reviewers, AssignmentMethod.BY_HAND, actor)
        record_event(
            ReviewEvent.ASSIGN,
            actor=actor,
            target=row,
            payload={"reviewers": assigned, "despite_likely_conflict": flagged},
        )
    return list(Assignment.objects.filter(application=row, reviewer_id__in=assigned))


def auto_assign_refusal(application: Application) -> str | None:
    """Why the file cannot get reviewers automatically now, or None."""
    try:
        rubric = _require_open(application)
    except ReviewError as error:
        return str(error)
    if _active_count(application) >= rubric.reviewers_per_file:
        return str(_("It already has its reviewers."))
    if not any(c.eligible for c in candidates_for(application)):
        return str(NOBODY_FREE)
    return None


def do_assign_automatically(application: Application, *, actor) -> list[Assignment]:
    """Fill the file up to the rubric's number of reviewers with the least-loaded
    reviewers who show no sign of a conflict of interest with it."""
    with transaction.atomic():
        row = applications.locked(application)
        require(actor, Permission.ASSIGN_REVIEWERS, row)
        rubric = _require_open(row)
        missing = rubric.reviewers_per_file - _active_count(row)
        if missing <= 0:
            raise ReviewError(
                _("This file already has its %(n)s reviewers.") % {"n": rubric.reviewers_per_file}
            )
        chosen = _choose(row, missing)
        if not chosen:
            raise ReviewError(str(NOBODY_FREE))
        assigned = _assign(row, chosen, AssignmentMethod.AUTOMATIC, actor)
        record_event(
            ReviewEvent.AUTO_ASSIGN,
            actor=actor,
            target=row,
            payload={"reviewers": assigned, "still_missing": missing - len(assigned)},
        )
    return list(Assignment.objects.filter(application=row, reviewer_id__in=assigned))


def third_reviewer_refusal(application: Application) -> str | None:
    """Why the file is not offered a third reviewer now, or None."""
    try:
        rubric = _require_open(application)
    except ReviewError as error:
        return str(error)
    if not review_state(application).disagreement:
        return str(_("Its reviewers do not disagree strongly."))
    if _active_count(application) > rubric.reviewers_per_file:
        return str(_("It already has a third reviewer."))
    return None


def do_assign_third_reviewer(application: Application, *, actor) -> Assignment:
    """One more reviewer for a file whose reviewers disagree strongly."""
    with transaction.atomic():
        row = applications.locked(application)
        require(actor, Permission.ASSIGN_REVIEWERS, row)
        refusal = third_reviewer_refusal(row)
        if refusal:
            raise ReviewError(refusal)
        chosen = _choose(row, 1)
        if not chosen:
            raise ReviewError(str(NOBODY_FREE))
        assigned = _assign(row, chosen, AssignmentMethod.THIRD, actor)
        record_event(
            ReviewEvent.THIRD_REVIEWER, actor=actor, target=row, payload={"reviewers": assigned}
        )
    return Assignment.objects.get(application=row, reviewer_id=assigned[0])


def own_assignment(user, application: Application) -> Assignment | None:
    """The user's current assignment to the file (none after a declared conflict)."""
    if not user.is_authenticated:
        return None
    return (
        Assignment.objects.active()
        .select_related("review")
        .filter(application=application, reviewer=user)
        .first()
    )


def do_declare_conflict(application: Application, reason: str, *, actor) -> Assignment | None:
    """The reviewer leaves a file they have a conflict of interest with; the file goes to
    the least-loaded eligible reviewer. Returns the replacement's assignment, if any."""
    if not reason.strip():
        raise ReviewError(_("Say what the conflict of interest is."), "reason")
    with transaction.atomic():
        row = applications.locked(application)
        require(actor, Permission.REVIEW, row)
        assignment = own_assignment(actor, row)
        if assignment is None:
            raise AccessDenied("only an assigned reviewer declares a conflict")
        assignment.conflict_declared_at = timezone.now()
        assignment.conflict_reason = reason.strip()[:2000]
        assignment.save(update_fields=["conflict_declared_at", "conflict_reason"])
        replacement = None
        if row.status not in CLOSED:
            chosen = _choose(row, 1)
            if chosen:
                _assign(row, chosen, AssignmentMethod.REASSIGNED, None)
                replacement = Assignment.objects.get(application=row, reviewer=chosen[0])
        record_event(
            ReviewEvent.CONFLICT,
            actor=actor,
            target=row,
            payload={"replacement": replacement.reviewer_id if replacement else None},
        )
    return replacement


# Scores ------------------------------------------------------------------------------------


def _checked_scores(
    rules: rubrics.Rubric, scores: Mapping[str, Any], *, complete: bool
) -> dict[str, Decimal]:
    errors: dict[str, str] = {}
    checked: dict[str, Decimal] = {}
    for key, raw in scores.items():
        criterion = rules.criterion(str(key))
        name = f"scores.{key}"
        if criterion is None:
            errors[name] = _("The rubric has no criterion “%(id)s”.") % {"id": key}
            continue
        if raw is None or raw == "":
            continue
        try:
            value = Decimal(str(raw))
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite() or not criterion.scale.holds(value):
            errors[name] = _("Score “%(title)s” from %(min)s to %(max)s in steps of %(step)s.") % {
                "title": criterion.title,
                "min": rubrics.number_text(criterion.scale.min),
                "max": rubrics.number_text(criterion.scale.max),
                "step": rubrics.number_text(criterion.scale.step),
            }
            continue
        checked[criterion.id] = value
    if complete:
        for criterion in rules.criteria:
            name = f"scores.{criterion.id}"
            if criterion.id not in checked and name not in errors:
                errors[name] = _("Score “%(title)s” before submitting.") % {
                    "title": criterion.title
                }
    if errors:
        raise ScoresRefused(errors)
    return checked


def _save_scores(application, scores, comment, *, actor, submit: bool) -> Review:
    with transaction.atomic():
        row = applications.locked(application)
        require(actor, Permission.REVIEW, row)
        rubric = _require_open(row)
        assignment = own_assignment(actor, row)
        if assignment is None:
            raise AccessDenied("only an assigned reviewer scores a file")
        review = getattr(assignment, "review", None)
        if review is not None and review.submitted_at is not None:
            raise ReviewError(_("Your scores are submitted; they can no longer change."))
        checked = _checked_scores(rubric.rules, scores, complete=submit)
        if submit and not comment.strip():
            raise ReviewError(_("Write a comment on the file before submitting."), "comment")
        review = review or Review(assignment=assignment)
        review.rubric = rubric
        review.scores = {key: rubrics.number_text(value) for key, value in checked.items()}
        review.comment = comment.strip()[:10000]
        complete = len(checked) == len(rubric.rules.criteria)
        review.total = rubric.rules.total(checked) if complete else None
        review.submitted_at = timezone.now() if submit else None
        review.save()
        if submit:
            record_event(
                ReviewEvent.SCORE_SUBMIT,
                actor=actor,
                target=row,
                payload={
                    "rubric": rubric.sha256,
                    "scores": review.scores,
                    "total": str(review.total),
                },
            )
        else:
            record_event(ReviewEvent.SCORE_DRAFT, actor=actor, target=row)
    return review


def do_save_scores(
    application: Application, scores: Mapping[str, Any], comment: str, *, actor
) -> Review:
    """Save the reviewer's scores as a draft: any criteria so far, each on its scale."""
    return _save_scores(application, scores, comment, actor=actor, submit=False)


def do_submit_scores(
    application: Application, scores: Mapping[str, Any], comment: str, *, actor
) -> Review:
    """Submit the reviewer's scores, every criterion with a comment; final once submitted."""
    return _save_scores(application, scores, comment, actor=actor, submit=True)


def may_see_all_scores(user, application: Application) -> bool:
    """Holders of SEE_ALL_SCORES see every reviewer's scores; a reviewer sees the others'
    once their own are submitted."""
    if allowed(user, Permission.SEE_ALL_SCORES, application):
        return True
    mine = own_assignment(user, application)
    review = getattr(mine, "review", None) if mine else None
    return review is not None and review.submitted_at is not None


# What the office's queue shows -------------------------------------------------------------


def review_state(application: Application) -> ReviewState:
    rubric = current_rubric(application.intake)
    active = list(
        Assignment.objects.active().filter(application=application).select_related("review")
    )
    totals = [
        a.review.total
        for a in active
        if getattr(a, "review", None) is not None and a.review.submitted_at is not None
    ]
    required = max(rubric.reviewers_per_file if rubric else 0, len(active))
    score = (sum(totals) / len(totals)).quantize(Decimal("0.01")) if totals else None
    return ReviewState(
        required=required,
        done=len(totals),
        reviewer_ids=tuple(a.reviewer_id for a in active),
        score=score,
        disagreement=bool(rubric)
        and strongly_disagree(
            totals, rubric.rules.max_points, settings.REVIEW_DISAGREEMENT_PERCENT
        ),
    )


# The access policy asks which files are assigned to whom (``register_assignment_source``).


def is_assigned(user_id: int, application_id: int) -> bool:
    return (
        Assignment.objects.active()
        .filter(reviewer_id=user_id, application_id=application_id)
        .exists()
    )


def assigned_ids(user_id: int):
    return Assignment.objects.active().filter(reviewer_id=user_id).values("application_id")
