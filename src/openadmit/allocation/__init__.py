"""Allocation engine: scholarships under nationality caps, places by deferred acceptance.

Pure Python and numpy, no Django: the command line, the API and the admissions office call
the same entry points with typed inputs.
"""

from openadmit.allocation.check import check_result, read_result
from openadmit.allocation.deferred_acceptance import Preferences, deferred_acceptance
from openadmit.allocation.errors import InputError
from openadmit.allocation.places import PlacesInput, PlacesResult, allocate_places
from openadmit.allocation.places_check import check_places
from openadmit.allocation.scholarships import (
    ScholarshipInput,
    ScholarshipResult,
    allocate_scholarships,
)
from openadmit.allocation.scholarships_check import check_scholarships

__all__ = [
    "InputError",
    "PlacesInput",
    "PlacesResult",
    "Preferences",
    "ScholarshipInput",
    "ScholarshipResult",
    "allocate_places",
    "allocate_scholarships",
    "check_places",
    "check_result",
    "check_scholarships",
    "deferred_acceptance",
    "read_result",
]
