"""Explanations kept translatable: an English template and its parameters, apart.

The engine renders English by default. A translating layer (Django's gettext) looks the
template up in its catalogue and formats the same parameters. Templates are marked with
``gettext_noop`` so ``makemessages`` finds them without this package importing Django.
"""

from collections.abc import Callable, Mapping
from typing import Any, NamedTuple


def gettext_noop(template: str) -> str:
    """Mark a template for translation catalogues; returns it unchanged."""
    return template


class Message(NamedTuple):
    # A named tuple: verdicts make several per applicant, and tuples are cheap to build.
    template: str
    params: Mapping[str, Any]

    def render(self, translate: Callable[[str], str] | None = None) -> str:
        template = translate(self.template) if translate else self.template
        return template.format_map(self.params)

    def to_dict(self) -> dict[str, Any]:
        return {"template": self.template, "params": dict(self.params)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Message":
        return cls(data["template"], dict(data["params"]))


def message(template: str, **params: Any) -> Message:
    return Message(template, params)


def join_words(items: list[str], conjunction: str = "or") -> str:
    """ "A, B or C" for explanations that list accepted values."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"
