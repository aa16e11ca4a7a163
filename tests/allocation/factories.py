"""Hypothesis strategies for allocation inputs: small, so that properties can be checked
against brute force, and varied: ties, dual nationals, unranked choices, quotas."""

from decimal import Decimal

from hypothesis import settings
from hypothesis import strategies as st

from openadmit.allocation.places import Applicant, PlacesInput, Programme, Quota
from openadmit.allocation.scholarships import Candidate, NationalityCap, ScholarshipInput

# Timing belongs to the benchmark: on a shared 2-core machine a per-example deadline is noise.
no_deadline = settings(deadline=None)

NATIONALITIES = ["BR", "IN", "PT", "IT", "NG"]
SHARES = [Decimal("0.1"), Decimal("0.2"), Decimal("0.25"), Decimal("0.5")]


@st.composite
def candidates(draw, max_size: int = 16) -> tuple[Candidate, ...]:
    size = draw(st.integers(1, max_size))
    return tuple(
        Candidate(
            id=f"c{i:02d}",
            rank=draw(st.integers(1, max(1, size // 2 + 1))),
            nationalities=tuple(
                draw(st.lists(st.sampled_from(NATIONALITIES), min_size=1, max_size=2, unique=True))
            ),
        )
        for i in range(size)
    )


@st.composite
def scholarship_inputs(draw, max_candidates: int = 16) -> ScholarshipInput:
    cap = draw(
        st.one_of(
            st.builds(NationalityCap, count=st.integers(1, 3)),
            st.builds(
                NationalityCap,
                share=st.sampled_from(SHARES),
                rounding=st.sampled_from(["down", "up", "nearest"]),
            ),
        )
    )
    return ScholarshipInput(
        scholarships=draw(st.integers(1, 10)),
        nationality_cap=cap,
        dual_nationals=draw(st.sampled_from(["first_listed", "all", "most_favourable"])),
        reserve_size=draw(st.one_of(st.none(), st.integers(0, 6))),
        tie_break_seed=draw(st.one_of(st.none(), st.sampled_from(["2026", "pioneer"]))),
        candidates=draw(candidates(max_candidates)),
    )


@st.composite
def places_inputs(draw, max_programmes: int = 5, max_applicants: int = 12) -> PlacesInput:
    programme_ids = [f"P{i}" for i in range(draw(st.integers(1, max_programmes)))]
    applicant_ids = [f"a{i:02d}" for i in range(draw(st.integers(0, max_applicants)))]
    applicants = tuple(
        Applicant(
            id=a,
            choices=tuple(
                draw(st.permutations(programme_ids))[: draw(st.integers(0, len(programme_ids)))]
            ),
            categories=("bursary",) if draw(st.booleans()) else (),
        )
        for a in applicant_ids
    )
    choosers = {p: [a.id for a in applicants if p in a.choices] for p in programme_ids}
    programmes = []
    for p in programme_ids:
        # A programme ranks most of those who chose it (some not: never offered) and
        # sometimes applicants who did not choose it (harmless).
        ranked = [a for a in draw(st.permutations(choosers[p])) if draw(st.integers(0, 5))]
        extra = draw(st.lists(st.sampled_from(applicant_ids), unique=True)) if applicant_ids else []
        ranking = tuple(dict.fromkeys(ranked + extra))
        quotas = (
            (Quota(category="bursary", min_share=draw(st.sampled_from(SHARES))),)
            if draw(st.booleans())
            else ()
        )
        programmes.append(
            Programme(id=p, capacity=draw(st.integers(0, 4)), ranking=ranking, quotas=quotas)
        )
    return PlacesInput(programmes=tuple(programmes), applicants=applicants)
