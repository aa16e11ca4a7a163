"""The search filters: each is a URL parameter over one column of the search entries."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Facet:
    param: str
    label: str | Promise
    column: str
    numeric: bool = False
    # Facets with many values show the largest ones (and whatever is selected) only.
    limit: int | None = None


FACETS: tuple[Facet, ...] = (
    Facet("subject", _("Subject area"), "e.subject_area"),
    Facet("degree", _("Degree"), "e.degree"),
    Facet("level", _("Study level"), "e.study_level"),
    Facet("mode", _("Study mode"), "e.study_mode"),
    Facet("country", _("Country"), "e.country", limit=30),
    Facet("institution", _("University"), "e.institution_id", limit=20),
    Facet("language", _("Language of instruction"), "e.languages", limit=20),
    Facet("ects", _("ECTS credits"), "e.ects", numeric=True),
    Facet("duration", _("Duration (months)"), "e.duration_months", numeric=True),
)
FACETS_BY_PARAM = {facet.param: facet for facet in FACETS}
