"""The one vocabulary of eligibility outcomes, for every page, e-mail, export and API label."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class VerdictOutcome(models.TextChoices):
    """A whole verdict's outcome, in the order listings show them. The label is the short
    word staff filter and sort by; ``headline`` is what an applicant reads."""

    ELIGIBLE = "eligible", _("Eligible")
    REVIEW = "review", _("To be judged")
    INCOMPLETE = "incomplete", _("Incomplete")
    INELIGIBLE = "ineligible", _("Not eligible")

    @property
    def headline(self) -> str:
        return VERDICT_HEADLINES[self]


VERDICT_HEADLINES = {
    VerdictOutcome.ELIGIBLE: _("You can apply"),
    VerdictOutcome.REVIEW: _("You can apply; the university will judge part of your file"),
    VerdictOutcome.INCOMPLETE: _("Something is missing before you can apply"),
    VerdictOutcome.INELIGIBLE: _("You cannot apply to this intake"),
}


class CriterionOutcome(models.TextChoices):
    ELIGIBLE = "eligible", _("Met")
    REVIEW = "review", _("To be judged")
    INCOMPLETE = "incomplete", _("Missing")
    INELIGIBLE = "ineligible", _("Not met")
    NOT_REQUESTED = "not_requested", _("Not requested")


# What an applicant still has to act on; "review" waits for the university instead.
TO_DO = (CriterionOutcome.INCOMPLETE, CriterionOutcome.INELIGIBLE)
