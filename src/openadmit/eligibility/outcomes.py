"""Outcomes of a criterion and of a whole verdict, and how they combine."""

from enum import StrEnum


class Outcome(StrEnum):
    """What a requirement says about an applicant.

    ``incomplete``: evidence is missing that the applicant can still supply.
    ``review``: a person at the university has to judge (e.g. a similar degree).
    """

    ELIGIBLE = "eligible"
    REVIEW = "review"
    INCOMPLETE = "incomplete"
    INELIGIBLE = "ineligible"


# Overall precedence: ineligible > incomplete > review > eligible.
SEVERITY = {Outcome.ELIGIBLE: 0, Outcome.REVIEW: 1, Outcome.INCOMPLETE: 2, Outcome.INELIGIBLE: 3}


def severity(outcome: Outcome) -> int:
    return SEVERITY[outcome]
