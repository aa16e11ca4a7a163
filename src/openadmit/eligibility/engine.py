"""Evaluating a requirement set against a profile at a moment.

A set is compiled once (lookups built, deadlines placed in the university's time zone)
and kept by its hash, so a server or a benchmark pays only for the evaluation itself.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from openadmit.eligibility.kinds import KINDS
from openadmit.eligibility.moments import check_moment, require_aware
from openadmit.eligibility.outcomes import SEVERITY, Outcome
from openadmit.eligibility.profile import Profile
from openadmit.eligibility.requirement_set import RequirementSet, parse_requirement_set
from openadmit.eligibility.results import CriterionResult
from openadmit.eligibility.verdict import RulesetRef, Verdict

Evaluator = Callable[[Profile, datetime], CriterionResult]


@dataclass(frozen=True, slots=True)
class CompiledSet:
    requirement_set: RequirementSet
    programme: str
    intake: str
    ruleset: RulesetRef
    admission: tuple[Evaluator, ...]
    scholarship: Evaluator | None

    def evaluate(
        self, profile: Profile, at: datetime, shared: dict[Evaluator, Any] | None = None
    ) -> Verdict:
        """The verdict at the aware moment ``at`` (the caller checked it is aware); a
        moment outside the engine's years (see `moments`) raises MomentError.

        Sets that state a criterion identically share its evaluator; a caller evaluating
        many sets for one profile at one moment passes the same ``shared`` dict, and each
        shared criterion is then evaluated once for all of them.
        """
        check_moment(at)
        if shared is None:
            results = tuple([evaluate(profile, at) for evaluate in self.admission])
        else:
            results = tuple([_shared(e, profile, at, shared) for e in self.admission])
        # One pass for the overall outcome (the most severe) and the applicant's deadline.
        outcome = Outcome.ELIGIBLE
        worst = 0
        deadline = None
        for r in results:
            if SEVERITY[r.outcome] > worst:
                outcome, worst = r.outcome, SEVERITY[r.outcome]
            if deadline is None:
                deadline = r.deadline
        scholarship = None
        if self.scholarship is not None:
            scholarship = (
                self.scholarship(profile, at)
                if shared is None
                else _shared(self.scholarship, profile, at, shared)
            )
        return Verdict(
            self.programme, self.intake, at, outcome, results, deadline, scholarship, self.ruleset
        )


def _shared(evaluator: Evaluator, profile: Profile, at: datetime, shared: dict) -> Any:
    result = shared.get(evaluator)
    if result is None:
        result = shared[evaluator] = evaluator(profile, at)
    return result


_compiled: dict[str, CompiledSet] = {}
# Evaluators by the criterion's content (and, for kinds that read the set, its time zone
# and deadlines): sets that state a criterion alike share one evaluator and its memos.
_evaluators: dict[str, Evaluator] = {}


def _evaluator(criterion: Any, rs: RequirementSet) -> Evaluator:
    kind = KINDS[criterion.kind]
    key = criterion.model_dump_json()
    if kind.reads_set:
        deadlines = [d.model_dump(mode="json") for d in rs.deadlines()]
        key += json.dumps([rs.time_zone, deadlines], sort_keys=True)
    evaluator = _evaluators.get(key)
    if evaluator is None:
        evaluator = _evaluators[key] = kind.compile(criterion, rs)
    return evaluator


def compile_requirement_set(rs: RequirementSet) -> CompiledSet:
    """The set's evaluators, built once per distinct document (keyed by its hash)."""
    compiled = _compiled.get(rs.sha256)
    if compiled is None:
        admission = []
        scholarship = None
        for criterion in rs.criteria:
            evaluator = _evaluator(criterion, rs)
            if KINDS[criterion.kind].decides == "scholarship":
                scholarship = evaluator
            else:
                admission.append(evaluator)
        compiled = CompiledSet(
            requirement_set=rs,
            programme=rs.programme,
            intake=rs.intake,
            ruleset=RulesetRef(rs.id, rs.version, rs.sha256),
            admission=tuple(admission),
            scholarship=scholarship,
        )
        _compiled[rs.sha256] = compiled
    return compiled


def compile_document(sha256: str, load: Callable[[], dict[str, Any]]) -> CompiledSet:
    """The compiled set of a stored document: ``load`` reads it only the first time its hash
    is seen, so a server pays for reading and parsing each distinct document once."""
    compiled = _compiled.get(sha256)
    if compiled is None:
        # Kept under the stored hash too, should it ever differ from a fresh computation.
        compiled = _compiled[sha256] = compile_requirement_set(parse_requirement_set(load()))
    return compiled


def evaluate(rs: RequirementSet, profile: Profile, at: datetime | None = None) -> Verdict:
    """Decide whether ``profile`` may apply under ``rs`` at ``at`` (default: now)."""
    moment = datetime.now(UTC) if at is None else require_aware(at)
    return compile_requirement_set(rs).evaluate(profile, moment)


def find_conflicts(rs: RequirementSet) -> list[str]:
    """Clauses of the set that conclude differently about the same case; empty when none."""
    problems = []
    for criterion in rs.criteria:
        problems.extend(KINDS[criterion.kind].conflicts(criterion, rs))
    return problems
