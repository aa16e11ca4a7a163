"""Place allocation: applicants' choices, programmes' rankings and quotas in; places out.

`allocate_places` is the entry point for the command line and for the admissions office,
which builds `PlacesInput` from its own rankings. A joint programme's mobility tracks are
programmes like any other here.
"""

from typing import Literal

import numpy as np
from pydantic import Field, model_validator

from openadmit.allocation.base import Count, FrozenModel, Identifier, Share
from openadmit.allocation.deferred_acceptance import Preferences, deferred_acceptance
from openadmit.allocation.errors import InputError, repeated, unknown
from openadmit.allocation.quotas import call_order

ALGORITHM = "applicant-proposing deferred acceptance"


class Quota(FrozenModel):
    category: str = Field(min_length=1)
    min_share: Share


class Programme(FrozenModel):
    id: Identifier
    capacity: Count
    ranking: tuple[str, ...] = Field(description="applicant ids, best first")
    quotas: tuple[Quota, ...] = ()


class Applicant(FrozenModel):
    id: Identifier
    choices: tuple[str, ...] = Field(description="programme ids, most wanted first")
    categories: tuple[str, ...] = ()


class PlacesInput(FrozenModel):
    programmes: tuple[Programme, ...]
    applicants: tuple[Applicant, ...]

    @model_validator(mode="after")
    def _references_resolve(self) -> "PlacesInput":
        problems: list[tuple[str, str]] = []
        problems += repeated([p.id for p in self.programmes], "programmes[{}].id")
        problems += repeated([a.id for a in self.applicants], "applicants[{}].id")
        programme_ids = {p.id for p in self.programmes}
        applicant_ids = {a.id for a in self.applicants}
        for i, programme in enumerate(self.programmes):
            field = f"programmes[{i}].ranking[{{}}]"
            problems += repeated(programme.ranking, field)
            problems += unknown(programme.ranking, applicant_ids, field, "applicant")
            categories = [q.category for q in programme.quotas]
            problems += repeated(categories, f"programmes[{i}].quotas[{{}}].category")
        for i, applicant in enumerate(self.applicants):
            field = f"applicants[{i}].choices[{{}}]"
            problems += repeated(applicant.choices, field)
            problems += unknown(applicant.choices, programme_ids, field, "programme")
        if problems:
            raise InputError(problems)
        return self


class ProgrammeResult(FrozenModel):
    id: str
    capacity: Count
    ranking: tuple[str, ...]
    quotas: tuple[Quota, ...] = ()
    call_order: tuple[str, ...] = Field(description="the ranking after quotas, best first")
    admitted: tuple[str, ...] = Field(description="admitted applicants in call order")


class ApplicantResult(FrozenModel):
    id: str
    choices: tuple[str, ...]
    categories: tuple[str, ...] = ()
    admitted_to: str | None
    choice_number: Count | None = Field(description="1 = their first choice")
    not_ranked_by: tuple[str, ...] = Field(
        default=(), description="choices whose programme did not rank them: never offered"
    )


class PlacesResult(FrozenModel):
    kind: Literal["places"] = "places"
    algorithm: str = Field(
        default=ALGORITHM,
        description="how the result was made; this engine's results are also checked for"
        " being the applicant-optimal stable allocation",
    )
    programmes: tuple[ProgrammeResult, ...]
    applicants: tuple[ApplicantResult, ...]

    def as_input(self) -> PlacesInput:
        """The input this result claims to come from, to re-run or check it."""
        return PlacesInput(
            programmes=tuple(
                Programme(id=p.id, capacity=p.capacity, ranking=p.ranking, quotas=p.quotas)
                for p in self.programmes
            ),
            applicants=tuple(
                Applicant(id=a.id, choices=a.choices, categories=a.categories)
                for a in self.applicants
            ),
        )


def call_orders(places: PlacesInput) -> list[list[str]]:
    """Every programme's call order: its ranking re-ordered by its quotas."""
    quoted = {q.category for p in places.programmes for q in p.quotas}
    categories = {
        a.id: frozenset(a.categories) & quoted for a in places.applicants if quoted and a.categories
    }
    return [
        call_order(p.ranking, categories, [(q.category, q.min_share) for q in p.quotas])
        for p in places.programmes
    ]


def allocate_places(places: PlacesInput) -> PlacesResult:
    orders = call_orders(places)
    programme_index = {p.id: i for i, p in enumerate(places.programmes)}
    position = [{applicant: k for k, applicant in enumerate(order)} for order in orders]

    choice_start = [0]
    choice_programme: list[int] = []
    choice_rank: list[int] = []
    choice_number: list[int] = []
    not_ranked_by: list[tuple[str, ...]] = []
    for applicant in places.applicants:
        refused = []
        for number, programme_id in enumerate(applicant.choices, start=1):
            p = programme_index[programme_id]
            rank = position[p].get(applicant.id)
            if rank is None:
                refused.append(programme_id)
                continue
            choice_programme.append(p)
            choice_rank.append(rank)
            choice_number.append(number)
        choice_start.append(len(choice_programme))
        not_ranked_by.append(tuple(refused))

    prefs = Preferences(
        choice_start=np.array(choice_start, dtype=np.int64),
        choice_programme=np.array(choice_programme, dtype=np.int32),
        choice_rank=np.array(choice_rank, dtype=np.int64),
        capacity=np.array([p.capacity for p in places.programmes], dtype=np.int64),
    )
    admitted_on = deferred_acceptance(prefs).tolist()

    admitted: list[list[str]] = [[] for _ in places.programmes]
    applicants = []
    for a, applicant in enumerate(places.applicants):
        choice = admitted_on[a]
        programme = places.programmes[choice_programme[choice]] if choice >= 0 else None
        if programme is not None:
            admitted[choice_programme[choice]].append(applicant.id)
        applicants.append(
            ApplicantResult(
                id=applicant.id,
                choices=applicant.choices,
                categories=applicant.categories,
                admitted_to=programme.id if programme else None,
                choice_number=choice_number[choice] if programme else None,
                not_ranked_by=not_ranked_by[a],
            )
        )
    programmes = tuple(
        ProgrammeResult(
            id=p.id,
            capacity=p.capacity,
            ranking=p.ranking,
            quotas=p.quotas,
            call_order=tuple(orders[i]),
            admitted=tuple(sorted(admitted[i], key=position[i].__getitem__)),
        )
        for i, p in enumerate(places.programmes)
    )
    return PlacesResult(programmes=programmes, applicants=tuple(applicants))
