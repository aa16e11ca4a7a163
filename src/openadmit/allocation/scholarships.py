"""Scholarship allocation under a nationality cap (Erasmus Mundus, programme guide 2021-2027).

Candidates are taken in rank order; a candidate receives a scholarship when one is left
and the cap on every nationality the award counts against allows it. Those who do not
receive one form the reserve list in the same order. When a holder declines, the best
reserve candidate who keeps every cap moves up; every step is kept in the history and in
each candidate's reasons. `allocate_scholarships` is the entry point for the command line
and for the admissions office, which builds `ScholarshipInput` from its rankings.
"""

import hashlib
from decimal import Decimal
from fractions import Fraction
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from openadmit.allocation.base import Count, FrozenModel, Identifier, Share
from openadmit.allocation.errors import InputError, repeated, unknown
from openadmit.allocation.nationality_caps import Blocked, CapLedger, DualNationals

# ISO 3166-1 alpha-2, as on passports' country codes of issuing states.
Nationality = Annotated[str, Field(pattern=r"^[A-Z]{2}$")]

# What a result repeats of its input, besides the candidates, so it can be re-run.
SETTINGS = {
    "scholarships",
    "nationality_cap",
    "dual_nationals",
    "reserve_size",
    "tie_break_seed",
    "declines",
}

# Whole numbers from an exact fraction: down, up, or to the nearest with halves up.
ROUNDING = {
    "down": lambda exact: exact.numerator // exact.denominator,
    "up": lambda exact: -(-exact.numerator // exact.denominator),
    "nearest": lambda exact: (2 * exact.numerator + exact.denominator) // (2 * exact.denominator),
}


class Candidate(FrozenModel):
    id: Identifier
    rank: Count = Field(ge=1, description="1 = best; equal ranks are split by the tie-break")
    nationalities: tuple[Nationality, ...] = Field(min_length=1)

    @field_validator("nationalities")
    @classmethod
    def _distinct(cls, nationalities: tuple[str, ...]) -> tuple[str, ...]:
        if len(set(nationalities)) != len(nationalities):
            raise ValueError("a nationality is listed twice")
        return nationalities


class NationalityCap(FrozenModel):
    """At most `share` of the scholarships (rounded as said, never below 1) or `count`."""

    share: Share | None = None
    count: Count | None = Field(default=None, ge=1)
    rounding: Literal["down", "up", "nearest"] = "down"

    @model_validator(mode="after")
    def _one_of_share_or_count(self) -> "NationalityCap":
        if (self.share is None) == (self.count is None):
            raise ValueError("give either share or count, not both or neither")
        return self

    def per_nationality(self, scholarships: int) -> int:
        if self.count is not None:
            return self.count
        # Exact for any share and count: a Decimal product would round at 28 digits.
        exact = Fraction(self.share) * scholarships
        return max(1, ROUNDING[self.rounding](exact))

    def explain(self, scholarships: int) -> str:
        cap = self.per_nationality(scholarships)
        if self.count is not None:
            return f"at most {cap} per nationality"
        return (
            f"{(self.share * 100).normalize():f}% of {scholarships} scholarships,"
            f" rounded {self.rounding}"
            f" (at least 1): at most {cap} per nationality"
        )


class ScholarshipInput(FrozenModel):
    scholarships: Count = Field(ge=1, description="how many scholarships are awarded")
    nationality_cap: NationalityCap = NationalityCap(share=Decimal("0.1"))
    dual_nationals: DualNationals = "first_listed"
    reserve_size: Count | None = Field(
        default=None, description="length of the reserve list; none = every candidate left"
    )
    tie_break_seed: str | None = Field(
        default=None,
        description="equal ranks: by SHA-256 of 'seed:id' when set, else by id",
    )
    candidates: tuple[Candidate, ...]
    declines: tuple[str, ...] = Field(
        default=(), description="candidate ids, in the order they declined"
    )

    @model_validator(mode="after")
    def _ids_resolve(self) -> "ScholarshipInput":
        ids = [c.id for c in self.candidates]
        problems = repeated(ids, "candidates[{}].id")
        problems += unknown(self.declines, set(ids), "declines[{}]", "candidate")
        problems += repeated(self.declines, "declines[{}]")
        if problems:
            raise InputError(problems)
        return self

    def tie_break(self, candidate: Candidate) -> str:
        if self.tie_break_seed is None:
            return candidate.id
        return hashlib.sha256(f"{self.tie_break_seed}:{candidate.id}".encode()).hexdigest()

    def in_order(self) -> list[Candidate]:
        """The candidates in allocation order: rank, then the tie-break."""
        return sorted(self.candidates, key=lambda c: (c.rank, self.tie_break(c)))


ReasonCode = Literal[
    "awarded", "cap_reached", "scholarships_taken", "beyond_reserve", "declined", "moved_up"
]


class Reason(FrozenModel):
    step: Count = Field(description="0 = the first allocation, k = after the k-th decline")
    code: ReasonCode
    message: str
    nationalities: tuple[str, ...] = Field(default=(), description="caps that blocked")
    holders: tuple[str, ...] = Field(default=(), description="holders counted against them")


Status = Literal["awarded", "reserve", "not_selected", "declined"]


class CandidateOutcome(FrozenModel):
    id: str
    rank: Count
    nationalities: tuple[str, ...]
    position: Count = Field(description="place in allocation order (rank, then tie-break), from 1")
    status: Status
    counted_as: tuple[str, ...] = Field(default=(), description="caps a holder counts against")
    reserve_position: Count | None = None
    reasons: tuple[Reason, ...]


class DeclineEvent(FrozenModel):
    step: Count
    declined: str
    had: Literal["scholarship", "reserve place"]
    moved_up: tuple[str, ...] = Field(default=(), description="in the order they moved up")
    passed_over: tuple[str, ...] = Field(
        default=(), description="reserve candidates a cap held back"
    )


class ScholarshipResult(FrozenModel):
    kind: Literal["scholarships"] = "scholarships"
    scholarships: Count
    nationality_cap: NationalityCap
    dual_nationals: DualNationals
    reserve_size: Count | None
    tie_break_seed: str | None
    declines: tuple[str, ...]
    cap_per_nationality: Count
    cap_rule: str
    main_list: tuple[str, ...] = Field(description="holders, in allocation order")
    reserve_list: tuple[str, ...]
    candidates: tuple[CandidateOutcome, ...] = Field(description="in allocation order")
    history: tuple[DeclineEvent, ...]

    def as_input(self) -> ScholarshipInput:
        """The input this result claims to come from, to re-run or check it."""
        return ScholarshipInput(
            **self.model_dump(include=SETTINGS),
            candidates=tuple(
                Candidate(id=c.id, rank=c.rank, nationalities=c.nationalities)
                for c in self.candidates
            ),
        )


def _cap_reason(step: int, blocked: Blocked, cap: int) -> Reason:
    caps = ", ".join(blocked.nationalities)
    return Reason(
        step=step,
        code="cap_reached",
        message=(
            f"the cap of {cap} per nationality is reached for {caps}, by"
            f" {', '.join(blocked.holders)}"
        ),
        nationalities=blocked.nationalities,
        holders=blocked.holders,
    )


def allocate_scholarships(round_: ScholarshipInput) -> ScholarshipResult:
    cap = round_.nationality_cap.per_nationality(round_.scholarships)
    ledger = CapLedger(cap, round_.dual_nationals)
    order = round_.in_order()
    position = {c.id: p for p, c in enumerate(order, start=1)}
    reasons: dict[str, list[Reason]] = {c.id: [] for c in order}
    holders: list[str] = []
    waiting: list[Candidate] = []

    for candidate in order:
        if len(holders) < round_.scholarships:
            blocked = ledger.add(candidate.id, candidate.nationalities)
            if blocked is None:
                holders.append(candidate.id)
                reasons[candidate.id].append(
                    Reason(
                        step=0,
                        code="awarded",
                        message=f"awarded at rank {candidate.rank}"
                        f" (position {position[candidate.id]})",
                    )
                )
                continue
            reasons[candidate.id].append(_cap_reason(0, blocked, cap))
        else:
            reasons[candidate.id].append(
                Reason(
                    step=0,
                    code="scholarships_taken",
                    message=f"all {round_.scholarships} scholarships went to candidates"
                    " placed before",
                )
            )
        waiting.append(candidate)

    reserve = waiting if round_.reserve_size is None else waiting[: round_.reserve_size]
    for candidate in waiting[len(reserve) :]:
        reasons[candidate.id].append(
            Reason(
                step=0,
                code="beyond_reserve",
                message=f"not on the reserve list of {round_.reserve_size}",
            )
        )

    declined: set[str] = set()
    history = []
    for step, candidate_id in enumerate(round_.declines, start=1):
        event = _decline(step, candidate_id, round_.scholarships, holders, reserve, ledger, reasons)
        if event is None:
            raise InputError(
                [
                    (
                        f"declines[{step - 1}]",
                        f"{candidate_id!r} holds neither a scholarship nor a reserve place",
                    )
                ]
            )
        declined.add(candidate_id)
        history.append(event)

    holders.sort(key=position.__getitem__)
    reserve_ids = [c.id for c in reserve]
    held = set(holders)

    def status(candidate_id: str) -> Status:
        if candidate_id in declined:
            return "declined"
        if candidate_id in held:
            return "awarded"
        return "reserve" if candidate_id in reserve_ids else "not_selected"

    outcomes = tuple(
        CandidateOutcome(
            id=c.id,
            rank=c.rank,
            nationalities=c.nationalities,
            position=position[c.id],
            status=status(c.id),
            counted_as=ledger.counted_as.get(c.id, ()),
            reserve_position=reserve_ids.index(c.id) + 1 if c.id in reserve_ids else None,
            reasons=tuple(reasons[c.id]),
        )
        for c in order
    )
    return ScholarshipResult(
        **round_.model_dump(include=SETTINGS),
        cap_per_nationality=cap,
        cap_rule=round_.nationality_cap.explain(round_.scholarships),
        main_list=tuple(holders),
        reserve_list=tuple(reserve_ids),
        candidates=outcomes,
        history=tuple(history),
    )


def _decline(
    step: int,
    candidate_id: str,
    scholarships: int,
    holders: list[str],
    reserve: list[Candidate],
    ledger: CapLedger,
    reasons: dict[str, list[Reason]],
) -> DeclineEvent | None:
    """Record a decline, then give every free scholarship to the best reserve who fits.

    A scholarship left free at an earlier step because a cap blocked every reserve
    candidate is filled as soon as a decline frees that cap.
    """
    on_reserve = next((c for c in reserve if c.id == candidate_id), None)
    if on_reserve is not None:
        reserve.remove(on_reserve)
        reasons[candidate_id].append(
            Reason(step=step, code="declined", message="declined the reserve place")
        )
        return DeclineEvent(step=step, declined=candidate_id, had="reserve place")
    if candidate_id not in holders:
        return None
    holders.remove(candidate_id)
    ledger.remove(candidate_id)
    reasons[candidate_id].append(
        Reason(step=step, code="declined", message="declined the scholarship")
    )
    moved_up: list[str] = []
    blocks: dict[str, Blocked] = {}
    while len(holders) < scholarships:
        for k, candidate in enumerate(reserve, start=1):
            blocked = ledger.add(candidate.id, candidate.nationalities)
            if blocked is not None:
                blocks[candidate.id] = blocked
                continue
            reserve.remove(candidate)
            holders.append(candidate.id)
            moved_up.append(candidate.id)
            reasons[candidate.id].append(
                Reason(
                    step=step,
                    code="moved_up",
                    message=f"moved up from reserve position {k} when {candidate_id} declined",
                )
            )
            break
        else:
            break
    passed_over = tuple(c for c in blocks if c not in moved_up)
    for candidate in passed_over:
        reasons[candidate].append(_cap_reason(step, blocks[candidate], ledger.cap))
    return DeclineEvent(
        step=step,
        declined=candidate_id,
        had="scholarship",
        moved_up=tuple(moved_up),
        passed_over=passed_over,
    )
