"""Eligibility against the catalogue: one programme, or every open intake at once.

Nothing is stored: a profile comes in, verdicts go out. Stored requirement sets are
compiled once per process by their hash; a catalogue of many intakes shares a few
thousand documents, and each is evaluated once per profile, then fanned out to the
intakes that use it (a verdict depends only on the document, the profile and the moment).
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from functools import partial

from django.db import connection
from django.utils import timezone

from openadmit.catalogue.models import Intake, Programme, RequirementSet
from openadmit.catalogue.search import SearchRequest
from openadmit.catalogue.service import programmes_in_order, search_programmes
from openadmit.eligibility import CompiledSet, Profile, Verdict, compile_document
from openadmit.selfcheck.constants import VerdictOutcome

__all__ = [
    "IntakeNotFound",
    "Match",
    "ProgrammeCheck",
    "ProgrammeNotFound",
    "WhereResult",
    "check_programme",
    "where_can_i_apply",
]

# Enough for every programme a search can match; the search caches its hits.
ALL_HITS = 1_000_000


class ProgrammeNotFound(LookupError):
    pass


class IntakeNotFound(LookupError):
    """No intake with that code; ``codes`` lists the programme's intakes."""

    def __init__(self, code: str, codes: list[str]):
        self.codes = codes
        super().__init__(f"no intake {code!r}; this programme has: {', '.join(codes) or 'none'}")


@dataclass(frozen=True)
class ProgrammeCheck:
    programme: Programme
    intake: Intake
    verdict: Verdict
    time_zone: str


def _compiled(stored: RequirementSet) -> CompiledSet:
    return compile_document(stored.sha256, lambda: stored.document)


def check_programme(
    slug: str,
    profile: Profile,
    *,
    intake: str | None = None,
    at: datetime | None = None,
    on: date | None = None,
) -> ProgrammeCheck:
    """The verdict for one programme: the intake named, else the first open at ``at``.

    ``on`` is a day of application instead of a moment: noon in the university's zone.
    """
    at = at or timezone.now()
    programme = Programme.objects.select_related("institution").filter(slug=slug).first()
    if programme is None:
        raise ProgrammeNotFound(slug)
    intakes = list(programme.intakes.select_related("requirement_set").order_by("starts_on"))
    if intake:
        chosen = next((i for i in intakes if i.code == intake), None)
        if chosen is None:
            raise IntakeNotFound(intake, [i.code for i in intakes])
    else:
        if not intakes:
            raise IntakeNotFound("", [])
        chosen = next((i for i in intakes if i.is_open and i.closes_at >= at), intakes[-1])
    compiled = _compiled(chosen.requirement_set)
    if on is not None:
        at = datetime.combine(on, time(12), tzinfo=compiled.requirement_set.zone)
    return ProgrammeCheck(
        programme=programme,
        intake=chosen,
        verdict=compiled.evaluate(profile, at),
        time_zone=compiled.requirement_set.time_zone,
    )


@dataclass(frozen=True)
class Match:
    programme: Programme
    intake_code: str
    verdict: Verdict


@dataclass
class WhereResult:
    at: datetime
    total: int
    counts: dict[str, int]
    groups: dict[str, list[Match]] = field(default_factory=dict)
    documents: int = 0


def _open_intakes(at: datetime) -> list[tuple[int, int, str, datetime]]:
    """(programme id, requirement set id, code, last deadline) of every intake open at ``at``."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT programme_id, requirement_set_id, code, closes_at FROM catalogue_intake"
            " WHERE is_open AND closes_at >= %s ORDER BY closes_at, programme_id",
            [connection.ops.adapt_datetimefield_value(at)],
        )
        return cursor.fetchall()


def _compiled_sets(ids: set[int]) -> dict[int, CompiledSet]:
    """Compiled sets by stored id; a document is read only when its hash is new."""
    stored = RequirementSet.objects.filter(pk__in=ids).values_list("pk", "sha256")
    return {pk: compile_document(sha, partial(_document, pk)) for pk, sha in stored}


def _document(pk: int) -> dict:
    return RequirementSet.objects.values_list("document", flat=True).get(pk=pk)


def where_can_i_apply(
    profile: Profile,
    *,
    at: datetime | None = None,
    on: date | None = None,
    search: SearchRequest | None = None,
    per_outcome: int = 20,
) -> WhereResult:
    """Every intake open at ``at`` (among the programmes the search matches), by outcome.

    ``groups`` lists up to ``per_outcome`` matches per outcome, soonest deadline first;
    ``counts`` counts them all. ``on`` is a day of application instead: noon UTC.
    """
    at = datetime.combine(on, time(12), tzinfo=UTC) if on else at or timezone.now()
    rows = _open_intakes(at)
    if search is not None and (search.words or search.filters):
        wanted = set(search_programmes(
            SearchRequest(q=search.q, filters=search.filters, per_page=ALL_HITS)
        ).programme_ids)  # fmt: skip
        rows = [row for row in rows if row[0] in wanted]
    compiled = _compiled_sets({row[1] for row in rows})
    outcomes = {pk: c.evaluate(profile, at) for pk, c in compiled.items()}
    counts = dict.fromkeys(VerdictOutcome.values, 0)
    listed: dict[str, list[tuple[int, str, Verdict]]] = {o: [] for o in VerdictOutcome.values}
    for programme_id, set_id, code, _closes_at in rows:
        verdict = outcomes[set_id]
        counts[verdict.outcome] += 1
        if len(listed[verdict.outcome]) < per_outcome:
            listed[verdict.outcome].append((programme_id, code, verdict))
    programmes = {
        p.pk: p
        for p in programmes_in_order([pid for group in listed.values() for pid, _c, _v in group])
    }
    groups = {
        outcome: [Match(programmes[pid], code, verdict) for pid, code, verdict in group]
        for outcome, group in listed.items()
    }
    return WhereResult(
        at=at, total=len(rows), counts=counts, groups=groups, documents=len(compiled)
    )
