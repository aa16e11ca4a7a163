"""The configuration every input and result model of the engine shares."""

from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer


class FrozenModel(BaseModel):
    """Immutable, and unknown fields are errors: a typo in a JSON key must not pass silently."""

    model_config = ConfigDict(frozen=True, extra="forbid")


# A share such as 0.1 is read as the decimal the person wrote (0.1 exactly, never the
# binary float just above it) and written back to JSON as a plain number.
Share = Annotated[
    Decimal, Field(gt=0, le=1), PlainSerializer(float, return_type=float, when_used="json")
]

Identifier = Annotated[str, Field(min_length=1)]
