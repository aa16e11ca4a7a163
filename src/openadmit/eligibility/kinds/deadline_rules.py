"""Evaluating a `deadline` criterion: the applicant's category and its last moment."""

from collections.abc import Callable
from datetime import datetime

from openadmit.eligibility.kinds.deadline_models import DeadlineCriterion
from openadmit.eligibility.messages import gettext_noop as N_
from openadmit.eligibility.messages import message
from openadmit.eligibility.moments import format_moment
from openadmit.eligibility.outcomes import Outcome
from openadmit.eligibility.profile import Profile
from openadmit.eligibility.results import CriterionResult, DeadlineInfo, result


def applicant_category(profile: Profile, eea: frozenset[str]) -> str:
    """EEA when any nationality is in the EEA, otherwise non-EEA."""
    return "eea" if any(n in eea for n in profile.nationalities) else "non_eea"


def compile_deadline(
    criterion: DeadlineCriterion, rs
) -> Callable[[Profile, datetime], CriterionResult]:
    eea = frozenset(criterion.eea_countries)
    zone = rs.zone
    # category -> (deadline, info, first moment past it, the last moment as shown)
    entries = {}
    for deadline in criterion.deadlines:
        closes_at = rs.closes_at(deadline.closes_on)
        entries[deadline.category] = (
            deadline,
            DeadlineInfo(deadline.category, deadline.label, closes_at),
            rs.closes_before(deadline.closes_on),
            format_moment(closes_at, zone),
        )
    everyone = entries.get("everyone")

    def evaluate(profile: Profile, at: datetime) -> CriterionResult:
        deadline, info, past, shown = entries.get(applicant_category(profile, eea), everyone)
        params = {"who": deadline.label, "closes": shown, "at": format_moment(at, zone)}
        if at < past:
            return result(
                criterion,
                Outcome.ELIGIBLE,
                message(
                    N_(
                        "You apply on {at}, in time for the deadline that applies to you ({who}): "
                        "{closes}."
                    ),
                    **params,
                ),
                deadline.source,
                deadline=info,
            )
        return result(
            criterion,
            Outcome.INELIGIBLE,
            message(
                N_(
                    "The deadline that applies to you ({who}) was {closes}; you apply on {at}, "
                    "too late "
                    "for this intake. Look for a later intake of the programme."
                ),
                **params,
            ),
            deadline.source,
            deadline=info,
        )

    return evaluate
