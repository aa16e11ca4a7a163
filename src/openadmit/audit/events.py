"""The vocabulary of audit events: each domain declares its own in its ``constants.py``.

A domain's events are a ``TextChoices`` whose values read like ``application:submit``
(``domain:object:verb``) and whose labels say what happened in words ("Application
submitted"); the domain registers the class when its app is ready. ``record_event``
accepts only a registered member, so a misspelt event name cannot reach the trail.
"""

from django.db import models

__all__ = ["event_label", "is_registered", "register_event_types"]

_labels: dict[str, str] = {}
_classes: set[type[models.TextChoices]] = set()


def register_event_types(choices: type[models.TextChoices]) -> None:
    if choices in _classes:
        return
    for member in choices:
        if member.value in _labels:
            raise ValueError(f"audit event {member.value!r} is declared twice")
        _labels[member.value] = member.label
    _classes.add(choices)


def is_registered(event) -> bool:
    return isinstance(event, models.TextChoices) and type(event) in _classes


def event_label(value: str) -> str:
    """What happened, in words, for a stored event name (the name itself if unknown)."""
    return str(_labels.get(value, value))
