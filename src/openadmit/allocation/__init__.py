"""Allocation engine: scholarships under nationality caps, places by deferred acceptance.

Pure Python and numpy, no Django: the command line, the API and the admissions office call
the same entry points with typed inputs. Arrays of preferences at national scale go
straight to `openadmit.allocation.deferred_acceptance.deferred_acceptance(Preferences)`.
"""

from openadmit.allocation.check import check_result, read_result
from openadmit.allocation.deferred_acceptance import Preferences
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
    "read_result",
]
