"""The structured reasons for not admitting, as data (`data/rejection_reasons.yaml`)."""

from functools import cache

import yaml
from pydantic import BaseModel, ConfigDict, Field

from openadmit.eligibility import PROGRAMMES_DIR

__all__ = ["Reason", "reason", "reasons"]

REASONS_FILE = PROGRAMMES_DIR.parent / "rejection_reasons.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Reason(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z_]*$")
    label: str
    applicant_text: str


class Category(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z_]*$")
    label: str
    reasons: tuple[Reason, ...] = Field(min_length=1)


class Reasons(_Strict):
    categories: tuple[Category, ...] = Field(min_length=1)


@cache
def reasons() -> Reasons:
    return Reasons.model_validate(yaml.safe_load(REASONS_FILE.read_text(encoding="utf-8")))


def reason(code: str) -> tuple[Category, Reason] | None:
    """``category.reason`` -> both, or None for an unknown code."""
    category_id, _, reason_id = code.partition(".")
    for category in reasons().categories:
        if category.id == category_id:
            for found in category.reasons:
                if found.id == reason_id:
                    return category, found
    return None
