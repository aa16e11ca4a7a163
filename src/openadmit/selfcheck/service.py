"""Eligibility against the catalogue: one programme, or every open intake at once.

Nothing is stored: a profile comes in, verdicts go out. A catalogue of many intakes
shares a few thousand requirement sets; a worker compiles every open intake's set once
per catalogue revision (its threads share them, and wait for the one compiling), by the
stored hashes, and each set is evaluated once per profile, then fanned out to the intakes
that use it (a verdict depends only on the document, the profile and the moment).
"""

import gc
import threading
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time

import numpy as np
from django.db.models import Max
from django.db.models.fields.json import KT
from django.utils import timezone

from openadmit.catalogue.models import Intake, Programme, RequirementSet, SearchIndexState
from openadmit.catalogue.search import SearchRequest
from openadmit.catalogue.search import snapshot as snapshots
from openadmit.catalogue.search.snapshot import moment
from openadmit.catalogue.service import matching_programme_ids, programmes_in_order
from openadmit.eligibility import CompiledSet, Profile, Verdict, compile_document
from openadmit.eligibility.engine import StoredDocument, compile_stored
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

    Held in memory and shared by a worker's threads: "where can I apply?" then reads
    nothing from the database but the revision, cuts the intakes still open at a moment
    by bisection, and counts them per requirement set with one `bincount`.
    """

    key: tuple
    closes: np.ndarray  # each intake's last deadline, microseconds since the epoch
    programmes: np.ndarray  # each intake's programme id
    sets: np.ndarray  # each intake's requirement set, as an index into `set_ids`
    codes: np.ndarray  # each intake's code, as an index into `code_names`
    code_names: list[str]
    set_ids: list[int]
    hashes: dict[int, str]  # requirement set id -> its stored SHA-256

    def first_open(self, at: datetime) -> int:
        """The first intake whose last deadline is not before ``at``."""
        return int(np.searchsorted(self.closes, moment(at), side="left"))

    def counts_at(self, at: datetime) -> dict[int, int]:
        """Requirement set id -> its intakes still open at ``at``."""
        return self.per_set(self.sets[self.first_open(at) :])

    def per_set(self, sets: np.ndarray) -> dict[int, int]:
        """Requirement set id -> how many of these intakes (set indexes) use it."""
        counts = np.bincount(sets, minlength=len(self.set_ids))
        return {self.set_ids[i]: int(counts[i]) for i in np.flatnonzero(counts)}


class _PerRevision:
    """One value per catalogue revision, built once by whichever thread asks first while
    the worker's other threads wait for it (a lock), then shared."""

    def __init__(self, build) -> None:
        self.build = build
        self.lock = threading.Lock()
        self.held: tuple | None = None

    def get(self, key: tuple, *args):
        held = self.held
        if held is not None and held[0] == key:
            return held[1]
        with self.lock:
            if self.held is None or self.held[0] != key:
                self.held = None  # let the old one go before building the new one
                self.held = (key, self.build(*args))
            return self.held[1]


def _revision_key() -> tuple:
    revision = SearchIndexState.objects.filter(pk=1).values_list("revision", flat=True).first()
    return (revision, Intake.objects.aggregate(last=Max("pk"))["last"])


def _read_open_intakes(key: tuple) -> OpenIntakes:
    # Those of the revision's stored snapshot, unless intakes were added since.
    held = snapshots.current(key[0]).intakes
    if held.last_intake != (key[1] or 0):
        held = snapshots.read_open_intakes()
    set_ids, index = np.unique(held.sets, return_inverse=True)
    return OpenIntakes(
        key=key,
        closes=held.closes,
        programmes=held.programmes,
        sets=index.astype(np.int64),
        codes=held.codes,
        code_names=held.code_names,
        set_ids=set_ids.tolist(),
        hashes=dict(RequirementSet.objects.filter(pk__in=set_ids).values_list("pk", "sha256")),
    )


_open_intakes = _PerRevision(_read_open_intakes)


def open_intakes() -> OpenIntakes:
    """The open intakes, read again only when the catalogue's index revision changes."""
    key = _revision_key()
    return _open_intakes.get(key, key)


STORED_FIELDS = ("id", "version", "programme", "intake", "title", "time_zone")


def _compile(set_ids: list[int]) -> dict[int, CompiledSet]:
    # The stored documents in parts, split by the database: sets that share their criteria
    # are parsed once, and no hash is computed again.
    rows = RequirementSet.objects.filter(pk__in=set_ids).values_list(
        "pk",
        "sha256",
        *(KT(f"document__{name}") for name in STORED_FIELDS),
        KT("document__criteria"),
    )
    documents = {
        pk: StoredDocument(sha, dict(zip(STORED_FIELDS, fields, strict=True)), criteria)
        for pk, sha, *fields, criteria in rows
    }
    compiled = compile_stored(documents.values())
    # They live until the catalogue changes: keep their many objects out of the cyclic
    # garbage collector's full passes, which would otherwise stall requests now and then.
    gc.freeze()
    return {pk: compiled[document.sha256] for pk, document in documents.items()}


class _CompiledSets:
    """The compiled requirement sets of one catalogue revision, by stored id: each set is
    compiled the first time a request needs it, under a lock the worker's threads share
    (a thread needing a set another is compiling waits for it), and then kept until the
    revision changes."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.key: tuple | None = None
        self.sets: dict[int, CompiledSet] = {}

    def get(self, key: tuple, set_ids) -> dict[int, CompiledSet]:
        sets = self.sets if self.key == key else {}
        if sets and all(pk in sets for pk in set_ids):
            return sets
        with self.lock:
            if self.key != key:
                self.key, self.sets = key, {}
            missing = [pk for pk in set_ids if pk not in self.sets]
            if missing:
                # A new dict, so that a thread reading the old one never sees it change.
                self.sets = {**self.sets, **_compile(missing)}
            return self.sets


_compiled_sets = _CompiledSets()


def compiled_sets(intakes: OpenIntakes, set_ids=None) -> dict[int, CompiledSet]:
    """Compiled requirement sets by stored id (every open intake's, or these), each built
    once per catalogue revision and shared by the worker's threads."""
    return _compiled_sets.get(intakes.key, intakes.set_ids if set_ids is None else set_ids)


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
    The search part asks only which programmes match: no ranking, no counts.
    """
    at = datetime.combine(on, time(12), tzinfo=UTC) if on else at or timezone.now()
    intakes = open_intakes()
    start = intakes.first_open(at)
    rows = np.arange(start, len(intakes.closes))
    if search is not None and (search.words or search.filters):
        wanted = matching_programme_ids(SearchRequest(q=search.q, filters=search.filters))
        rows = rows[np.isin(intakes.programmes[rows], wanted, kind="table")]
    per_set = intakes.per_set(intakes.sets[rows])
    every = compiled_sets(intakes, per_set)
    shared: dict = {}  # criteria stated alike in many sets are evaluated once
    verdicts = {pk: every[pk].evaluate(profile, at, shared) for pk in per_set}
    counts = dict.fromkeys(VerdictOutcome.values, 0)
    for pk, verdict in verdicts.items():
        counts[verdict.outcome] += per_set[pk]
    # The soonest deadlines of each outcome: the first rows of each, in deadline order.
    outcome_of_set = np.array(
        [verdicts[pk].outcome if pk in verdicts else "" for pk in intakes.set_ids], dtype=object
    )
    outcomes = outcome_of_set[intakes.sets[rows]] if len(rows) else np.empty(0, dtype=object)
    listed = {
        outcome: rows[np.flatnonzero(outcomes == outcome)[:per_outcome]].tolist()
        for outcome in VerdictOutcome.values
    }
    programmes = {
        p.pk: p
        for p in programmes_in_order(
            [int(intakes.programmes[row]) for group in listed.values() for row in group]
        )
    }
    groups = {
        outcome: [
            Match(
                programmes[int(intakes.programmes[row])],
                intakes.code_names[intakes.codes[row]],
                verdicts[intakes.set_ids[intakes.sets[row]]],
            )
            for row in group
        ]
        for outcome, group in listed.items()
    }
    return WhereResult(
        at=at, total=len(rows), counts=counts, groups=groups, documents=len(verdicts)
    )
