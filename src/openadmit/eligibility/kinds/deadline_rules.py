"""Evaluating a `deadline` criterion: the applicant's category and its last moment."""

from collections.abc import Callable
from datetime import date, datetime

from openadmit.eligibility.kinds.deadline_models import DeadlineCriterion
from openadmit.eligibility.memo import Memo
from openadmit.eligibility.messages import gettext_noop, message
from openadmit.eligibility.moments import format_day, format_moment
from openadmit.eligibility.outcomes import Outcome
from openadmit.eligibility.profile import Profile
from openadmit.eligibility.results import CriterionResult, DeadlineInfo, result


def compile_deadline(
    criterion: DeadlineCriterion, rs
) -> Callable[[Profile, datetime], CriterionResult]:
    eea = frozenset(criterion.eea_countries)
    zone = rs.zone
    # category -> (deadline, info, first moment past it, its last moment as shown, and the
    # result for anyone in time: the same for all of them, so built once)
    entries = {}
    for deadline in criterion.deadlines:
        closes_at = rs.closes_at(deadline.closes_on)
        info = DeadlineInfo(deadline.category, deadline.label, closes_at)
        shown = format_moment(closes_at, zone)
        in_time = result(
            criterion,
            Outcome.ELIGIBLE,
            message(
                gettext_noop("You are in time: the deadline that applies to you ({who}) is "
                             "{closes}."),
                who=deadline.label, closes=shown,
            ),
            deadline.source,
            deadline=info,
        )  # fmt: skip
        past = rs.closes_before(deadline.closes_on)
        entries[deadline.category] = (deadline, info, past, shown, in_time)

    def too_late(category: str, day: date) -> CriterionResult:
        deadline, info, _past, shown, _in_time = entries[category]
        return result(
            criterion,
            Outcome.INELIGIBLE,
            message(
                gettext_noop("The deadline that applies to you ({who}) was {closes}; you apply on "
                             "{day}, "
                   "too late for this intake. Look for a later intake of the programme."),
                who=deadline.label, closes=shown, day=format_day(day),
            ),
            deadline.source,
            deadline=info,
        )  # fmt: skip

    late = Memo(too_late)

    def evaluate(profile: Profile, at: datetime) -> CriterionResult:
        # EEA when any nationality is in the EEA.
        category = "non_eea" if eea.isdisjoint(profile.nationalities) else "eea"
        if category not in entries:
            category = "everyone"
        entry = entries[category]
        if at < entry[2]:
            return entry[4]
        return late[category, at.astimezone(zone).date()]

    return evaluate
