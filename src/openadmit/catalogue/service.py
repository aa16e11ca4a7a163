"""The catalogue's public face for other apps: programmes, their intakes and rules, search."""

from collections.abc import Sequence

import numpy as np

from openadmit.catalogue.importing import do_load_demo
from openadmit.catalogue.models import Intake, Programme
from openadmit.catalogue.presenting import current_intake, intake_view
from openadmit.catalogue.requirement_sets import rules_of
from openadmit.catalogue.search import SearchRequest, SearchResult, get_backend

__all__ = [
    "SearchRequest",
    "SearchResult",
    "current_intake",
    "get_programme",
    "intake_view",
    "load_demo_when_empty",
    "matching_programme_ids",
    "programmes_in_order",
    "rules_of",
]


def load_demo_when_empty() -> bool:
    """Load the demo catalogue into a database without programmes; True when it did."""
    if Programme.objects.exists():
        return False
    do_load_demo()
    return True


def get_programme(slug: str) -> Programme | None:
    return Programme.objects.select_related("institution").filter(slug=slug).first()


def matching_programme_ids(request: SearchRequest) -> np.ndarray:
    """The ids of every programme the search's words and filters match (its paging, sort
    and open filter aside): no ranking, no counts."""
    return get_backend().matching_ids(request)


def programmes_in_order(ids: Sequence[int]) -> list[Programme]:
    """These programmes in this order, each with its institution and its open intakes."""
    by_id = Programme.objects.select_related("institution").in_bulk(ids)
    intakes: dict[int, list[Intake]] = {}
    for intake in Intake.objects.filter(programme_id__in=ids).order_by("starts_on"):
        intakes.setdefault(intake.programme_id, []).append(intake)
    programmes = [by_id[i] for i in ids if i in by_id]
    for programme in programmes:
        programme.listed_intakes = intakes.get(programme.pk, [])
    return programmes
