"""The verdict in the JSON API: the same shape as ``Verdict.to_dict`` stores it."""

from datetime import datetime

from ninja import Schema

__all__ = ["CriterionOut", "DeadlineOut", "RulesetOut", "SourceOut", "VerdictOut"]


class SourceOut(Schema):
    title: str
    url: str
    clause: str | None = None
    quote: str | None = None
    assumption: str | None = None


class CriterionOut(Schema):
    id: str
    kind: str
    title: str
    outcome: str
    explanation: str
    source: SourceOut
    condition: str | None = None
    closes_at: datetime | None = None


class DeadlineOut(Schema):
    category: str
    label: str
    closes_at: datetime


class RulesetOut(Schema):
    id: str
    version: str
    sha256: str


class VerdictOut(Schema):
    programme: str
    intake: str
    at: datetime
    outcome: str
    criteria: list[CriterionOut]
    deadline: DeadlineOut | None
    scholarship: CriterionOut | None
    ruleset: RulesetOut
