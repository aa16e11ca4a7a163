"""The shape of a `scholarship` criterion: who is considered for a scholarship."""

from typing import Literal

from pydantic import Field

from openadmit.eligibility.kinds.base import CriterionBase
from openadmit.eligibility.source import Clause


class ScholarshipCriterion(CriterionBase):
    """Consideration for a scholarship: asked for, not excluded, within its deadline."""

    kind: Literal["scholarship"] = "scholarship"
    name: str = Field(description="The scholarship, e.g. 'Erasmus Mundus Joint Master scholarship'")
    deadline_category: str = Field(
        "scholarship", description="The category of the set's deadline that applies to it"
    )
    previous_holders_excluded: Clause | None = Field(
        None, description="Whoever held this scholarship before cannot hold it again"
    )
