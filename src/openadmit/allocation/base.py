"""The configuration every input and result model of the engine shares, and its numbers.

Numbers are JSON numbers, never text or true/false. Counts (scholarships, caps, reserve
sizes, capacities, ranks) are whole numbers up to `MAX_COUNT`; shares are exact decimals
with at most `SHARE_PLACES` decimal places, read as written (see `json_io`).
"""

from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer, Strict

# A billion: more than any programme's places or any round's scholarships or candidates,
# and far within the 64-bit integers the place allocation computes with.
MAX_COUNT = 1_000_000_000
SHARE_PLACES = 20


class FrozenModel(BaseModel):
    """Immutable, and unknown fields are errors: a typo in a JSON key must not pass silently."""

    model_config = ConfigDict(frozen=True, extra="forbid")


def _a_number(value: Any) -> Any:
    if isinstance(value, bool | str):
        raise ValueError("a share is a JSON number, e.g. 0.1")
    return value


# A share such as 0.1 is read as the decimal the person wrote (0.1 exactly, never the
# binary float just above it). The command line writes it back exactly (`json_io`);
# `model_dump_json` writes the nearest float.
Share = Annotated[
    Decimal,
    BeforeValidator(_a_number),
    Field(gt=0, le=1, decimal_places=SHARE_PLACES),
    PlainSerializer(float, return_type=float, when_used="json"),
]

# A whole number up to MAX_COUNT (at least 0, unless the field says more).
Count = Annotated[int, Strict(), Field(ge=0, le=MAX_COUNT)]

Identifier = Annotated[str, Field(min_length=1)]
