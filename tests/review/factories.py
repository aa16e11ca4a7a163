"""The review's test world: PIONEER's rubric on the test intake, more reviewers, scores.

Built on the office's cast (``tests.office.factories.cast``): one person per role, the
reviewer from the University of Münster on the consortium.
"""

from decimal import Decimal

from openadmit.access.constants import Role
from openadmit.catalogue.models import Intake
from openadmit.eligibility import PROGRAMMES_DIR
from openadmit.review import service
from openadmit.review.rubric import RUBRIC_FILE, load_rubric
from tests.office.factories import institution, pioneer_consortium
from tests.personas import make_staff

PIONEER_RUBRIC = PROGRAMMES_DIR / "pioneer" / "2026-09" / RUBRIC_FILE
CRITERIA = ("academic_record", "motivation", "relevant_experience", "english", "video")


def with_rubric(intake: Intake | None = None):
    """PIONEER's published demo rubric on the (test) intake."""
    intake = intake or pioneer_consortium().programmes.get().intakes.get()
    service.import_rubric(intake, load_rubric(PIONEER_RUBRIC))
    return service.current_rubric(intake)


def rubric_text(**changes) -> str:
    """PIONEER's rubric file as text, with top-level fields changed."""
    import yaml

    document = yaml.safe_load(PIONEER_RUBRIC.read_text())
    document.update(changes)
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True)


def reviewer(email: str, *, home: str | None = "taltech", first_name="Rita", last_name=None):
    """Another reviewer on the PIONEER consortium, from ``home`` (an institution slug)."""
    consortium = pioneer_consortium()
    return make_staff(
        Role.REVIEWER,
        consortium=consortium,
        email=email,
        home=institution(home) if home else None,
        first_name=first_name,
        last_name=last_name or email.split("@")[0].title(),
    )


def scores(*values) -> dict[str, str]:
    """Scores on PIONEER's five criteria, in the rubric's order."""
    return {criterion: str(value) for criterion, value in zip(CRITERIA, values, strict=True)}


def points(*values) -> Decimal:
    """The weighted score PIONEER's rubric gives these scores (each 0 to 5)."""
    weights = (35, 25, 15, 10, 15)
    return sum((Decimal(w) * v / 5 for w, v in zip(weights, values, strict=True)), Decimal(0))
