"""What evaluating one criterion gives: an outcome, its explanation, the clause behind it."""

from collections.abc import Callable
from datetime import datetime
from typing import Any, NamedTuple

from openadmit.eligibility.messages import Message
from openadmit.eligibility.source import Source


class DeadlineInfo(NamedTuple):
    """The deadline that applies to this applicant: its category and its last moment."""

    category: str
    label: str
    closes_at: datetime

    def to_dict(self) -> dict[str, Any]:
        return {
            "category": self.category,
            "label": self.label,
            "closes_at": self.closes_at.isoformat(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "DeadlineInfo":
        return cls(data["category"], data["label"], datetime.fromisoformat(data["closes_at"]))


class CriterionResult(NamedTuple):
    """One criterion's outcome for one applicant (a named tuple: cheap to build in bulk).

    ``explanation`` is the English rendering of ``message``; a translating layer renders
    ``message`` (and ``condition``, a condition attached to a positive outcome) itself.
    """

    id: str
    kind: str
    title: str
    outcome: str
    message: Message
    explanation: str
    source: Source
    condition: Message | None = None
    deadline: DeadlineInfo | None = None

    def explain(self, translate: Callable[[str], str] | None = None) -> str:
        return self.message.render(translate)

    def to_dict(self) -> dict[str, Any]:
        """As JSON: the English sentences, and the message templates with their parameters,
        so that a stored result can be shown again in any language with its source."""
        data: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "title": self.title,
            "outcome": self.outcome,
            "explanation": self.explanation,
            "message": self.message.to_dict(),
            "source": self.source.model_dump(exclude_none=True),
        }
        if self.condition is not None:
            data["condition"] = self.condition.render()
            data["condition_message"] = self.condition.to_dict()
        if self.deadline is not None:
            data["closes_at"] = self.deadline.closes_at.isoformat()
            data["deadline"] = self.deadline.to_dict()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "CriterionResult":
        """A result as ``to_dict`` stored it. Verdicts stored before messages were kept
        carry only the English sentence, which then stands as its own template."""
        explanation = data["explanation"]
        stored = data.get("message")
        condition = data.get("condition_message")
        if condition is None and data.get("condition"):
            condition = {"template": data["condition"], "params": {}}
        deadline = data.get("deadline")
        return cls(
            data["id"],
            data["kind"],
            data["title"],
            data["outcome"],
            Message.from_dict(stored) if stored else Message(_literal(explanation), {}),
            explanation,
            Source(**data["source"]),
            Message.from_dict(condition) if condition else None,
            DeadlineInfo.from_dict(deadline) if deadline else None,
        )


def _literal(text: str) -> str:
    # A sentence used as a template must not read its own braces as placeholders.
    return text.replace("{", "{{").replace("}", "}}")


def result(
    criterion: Any,
    outcome: str,
    message: Message,
    source: Source | None = None,
    condition: Message | None = None,
    deadline: DeadlineInfo | None = None,
) -> CriterionResult:
    """A criterion's result, its explanation rendered in English."""
    return CriterionResult(
        criterion.id,
        criterion.kind,
        criterion.title,
        outcome,
        message,
        message.template.format_map(message.params),
        criterion.source if source is None else source,
        condition,
        deadline,
    )
