"""Eligibility against the catalogue: one programme, or every open intake at once.

Nothing is stored: a profile comes in, verdicts go out. Stored requirement sets are
compiled once per process by their hash; a catalogue of many intakes shares a few
thousand documents, and each is evaluated once per profile, then fanned out to the
intakes that use it (a verdict depends only on the document, the profile and the moment).
"""

import gc
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from functools import partial
from itertools import islice

from django.db.models import Max
from django.utils import timezone

from openadmit.catalogue.models import Intake, Programme, RequirementSet, SearchIndexState
from openadmit.catalogue.search import SearchRequest
from openadmit.catalogue.service import programmes_in_order, search_programmes
from openadmit.eligibility import CompiledSet, Profile, Verdict, compile_document
from openadmit.verdicts.constants import VerdictOutcome

__all__ = [
    "IntakeNotFound",
    "Match",
    "ProgrammeCheck",
    "ProgrammeNotFound",
    "WhereResult",
    "check_programme",
    "OpenIntakes",
    "compiled_sets",
    "open_intakes",
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


@dataclass(frozen=True)
class OpenIntakes:
    """The intakes marked open, soonest last deadline first, as of one catalogue revision.

    Held in memory and shared by requests: "where can I apply?" then reads nothing from
    the database but the revision, cuts the intakes still open at a moment by bisection,
    and counts them per requirement set.
    """

    key: tuple
    closes: list[datetime]
    rows: list[tuple[int, int, str]]  # (programme id, requirement set id, intake code)
    closes_by_set: dict[int, list[datetime]]
    hashes: dict[int, str]

    def counts_at(self, at: datetime) -> dict[int, int]:
        """Requirement set id -> its intakes still open at ``at``."""
        counts = {}
        for pk, closes in self.closes_by_set.items():
            left = len(closes) - bisect_left(closes, at)
            if left:
                counts[pk] = left
        return counts


_open_intakes: list[OpenIntakes] = []


def open_intakes() -> OpenIntakes:
    """The open intakes, read again only when the catalogue's index revision changes."""
    revision = SearchIndexState.objects.filter(pk=1).values_list("revision", flat=True).first()
    key = (revision, Intake.objects.aggregate(last=Max("pk"))["last"])
    if _open_intakes and _open_intakes[0].key == key:
        return _open_intakes[0]
    rows = Intake.objects.filter(is_open=True).order_by("closes_at", "programme_id")
    listed = list(rows.values_list("closes_at", "programme_id", "requirement_set_id", "code"))
    closes_by_set: dict[int, list[datetime]] = {}
    for closes_at, _programme, set_id, _code in listed:
        closes_by_set.setdefault(set_id, []).append(closes_at)
    snapshot = OpenIntakes(
        key=key,
        closes=[row[0] for row in listed],
        rows=[row[1:] for row in listed],
        closes_by_set=closes_by_set,
        hashes=dict(
            RequirementSet.objects.filter(pk__in=closes_by_set).values_list("pk", "sha256")
        ),
    )
    _open_intakes[:] = [snapshot]
    # The snapshot lives until the catalogue changes: keep its many rows out of the cyclic
    # garbage collector's full passes, which would otherwise stall requests now and then.
    gc.freeze()
    return snapshot


def compiled_sets(hashes: dict[int, str]) -> dict[int, CompiledSet]:
    """Compiled sets by stored id. Documents are read (all at once) only when some hash is
    new to this process: a warm server reads none."""
    documents: dict[int, dict] = {}

    def load(pk: int) -> dict:
        if not documents:
            documents.update(
                RequirementSet.objects.filter(pk__in=hashes).values_list("pk", "document")
            )
        return documents[pk]

    return {pk: compile_document(sha, partial(load, pk)) for pk, sha in hashes.items()}


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
    ``counts`` counts them all. ``on`` is a day of application instead: noon UTC. Each
    distinct requirement set is evaluated once and its verdict counted for its intakes.
    """
    at = datetime.combine(on, time(12), tzinfo=UTC) if on else at or timezone.now()
    intakes = open_intakes()
    rows = islice(intakes.rows, bisect_left(intakes.closes, at), None)
    if search is not None and (search.words or search.filters):
        wanted = set(search_programmes(
            SearchRequest(q=search.q, filters=search.filters, per_page=ALL_HITS)
        ).programme_ids)  # fmt: skip
        rows = [row for row in rows if row[0] in wanted]
        per_set = Counter(row[1] for row in rows)
    else:
        per_set = intakes.counts_at(at)
    compiled = compiled_sets({pk: intakes.hashes[pk] for pk in per_set})
    shared: dict = {}  # criteria stated alike in many sets are evaluated once
    verdicts = {pk: c.evaluate(profile, at, shared) for pk, c in compiled.items()}
    counts = dict.fromkeys(VerdictOutcome.values, 0)
    for pk, verdict in verdicts.items():
        counts[verdict.outcome] += per_set[pk]
    # The soonest deadlines of each outcome: walk the intakes in deadline order until every
    # outcome has its share (or the intakes run out).
    listed: dict[str, list[tuple[int, int, str]]] = {o: [] for o in VerdictOutcome.values}
    wanting = sum(min(n, per_outcome) for n in counts.values())
    for row in rows:
        if not wanting:
            break
        group = listed[verdicts[row[1]].outcome]
        if len(group) < per_outcome:
            group.append(row)
            wanting -= 1
    programmes = {
        p.pk: p for p in programmes_in_order([row[0] for group in listed.values() for row in group])
    }
    groups = {
        outcome: [Match(programmes[pid], code, verdicts[set_id]) for pid, set_id, code in group]
        for outcome, group in listed.items()
    }
    return WhereResult(
        at=at, total=sum(per_set.values()), counts=counts, groups=groups, documents=len(compiled)
    )
