"""Evaluating a `scholarship` criterion: asked for, not excluded, within its deadline."""

from collections.abc import Callable
from datetime import datetime

from openadmit.eligibility.errors import RequirementSetError
from openadmit.eligibility.kinds.scholarship_models import ScholarshipCriterion
from openadmit.eligibility.messages import gettext_noop, message
from openadmit.eligibility.moments import format_moment
from openadmit.eligibility.outcomes import Outcome
from openadmit.eligibility.profile import Profile
from openadmit.eligibility.results import CriterionResult, DeadlineInfo, result

NOT_REQUESTED = "not_requested"
"""A scholarship outcome beside eligible and ineligible: the applicant did not ask."""


def compile_scholarship(
    criterion: ScholarshipCriterion, rs
) -> Callable[[Profile, datetime], CriterionResult]:
    deadline = next((d for d in rs.deadlines() if d.category == criterion.deadline_category), None)
    if deadline is None:
        raise RequirementSetError(
            f"criteria.{criterion.id}.deadline_category: the set has no "
            f"{criterion.deadline_category!r} deadline"
        )
    closes_at = rs.closes_at(deadline.closes_on)
    past = rs.closes_before(deadline.closes_on)
    info = DeadlineInfo(deadline.category, deadline.label, closes_at)
    params = {"name": criterion.name, "closes": format_moment(closes_at, rs.zone)}
    excluded = criterion.previous_holders_excluded
    # Every result depends only on the set, so each is built once.
    not_requested = result(
        criterion,
        NOT_REQUESTED,
        message(
            gettext_noop("You did not ask to be considered for the {name}. To be considered, ask "
                         "for it "
               "when you apply, by {closes}."),
            **params,
        ),
        deadline=info,
    )  # fmt: skip
    held_before = excluded and result(
        criterion,
        Outcome.INELIGIBLE,
        message(
            gettext_noop("{rule} You can still apply to the programme without it."),
            rule=excluded.text,
        ),
        excluded.source,
        deadline=info,
    )
    too_late = result(
        criterion,
        Outcome.INELIGIBLE,
        message(
            gettext_noop("Applications for the {name} closed on {closes}. You can still apply to "
                         "the "
               "programme without it."),
            **params,
        ),
        deadline.source,
        deadline=info,
    )  # fmt: skip
    considered = result(
        criterion,
        Outcome.ELIGIBLE,
        message(
            gettext_noop("You will be considered for the {name} if you apply by {closes}; it is "
                         "awarded by "
               "ranking, so being considered is not yet an award."),
            **params,
        ),
        deadline.source,
        deadline=info,
    )  # fmt: skip

    def evaluate(profile: Profile, at: datetime) -> CriterionResult:
        if not profile.wants_scholarship:
            return not_requested
        if held_before and profile.previous_erasmus_mundus_scholarship:
            return held_before
        return too_late if at >= past else considered

    return evaluate
