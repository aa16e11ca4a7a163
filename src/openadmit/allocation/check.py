"""Check any allocation result: it says which kind it is in its `kind` field."""

from typing import Any

from pydantic import BaseModel

from openadmit.allocation.errors import InputError
from openadmit.allocation.places import PlacesResult
from openadmit.allocation.places_check import check_places
from openadmit.allocation.scholarships import ScholarshipResult
from openadmit.allocation.scholarships_check import check_scholarships

RESULT_KINDS = {"places": PlacesResult, "scholarships": ScholarshipResult}


def read_result(data: Any) -> BaseModel:
    kind = data.get("kind") if isinstance(data, dict) else None
    if not isinstance(kind, str) or kind not in RESULT_KINDS:
        raise InputError([("kind", f"must be one of {', '.join(RESULT_KINDS)}, not {kind!r}")])
    return RESULT_KINDS[kind].model_validate(data)


def check_result(result: BaseModel) -> list[str]:
    """What is wrong with the result; empty when it holds."""
    if isinstance(result, PlacesResult):
        return check_places(result)
    return check_scholarships(result)
