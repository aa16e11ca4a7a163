"""Invalid allocation input, reported field by field."""

from collections.abc import Sequence

from pydantic import ValidationError


class InputError(Exception):
    """The input cannot be allocated; `problems` pairs a field path with what is wrong."""

    def __init__(self, problems: list[tuple[str, str]]):
        self.problems = problems
        super().__init__("; ".join(f"{field}: {message}" for field, message in problems))

    @classmethod
    def from_validation_error(cls, error: ValidationError) -> "InputError":
        return cls([(field_path(e["loc"]), e["msg"]) for e in error.errors()])


def field_path(location: tuple[str | int, ...]) -> str:
    """`("candidates", 3, "id")` -> `candidates[3].id`, as a person reading the JSON sees it."""
    path = ""
    for part in location:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path or "(input)"


def repeated(values: Sequence[str], field: str) -> list[tuple[str, str]]:
    """Each value met again, at `field` formatted with its index, naming the first one."""
    seen: dict[str, int] = {}
    problems = []
    for i, value in enumerate(values):
        if value in seen:
            problems.append((field.format(i), f"{value!r} repeats {field.format(seen[value])}"))
        else:
            seen[value] = i
    return problems


def unknown(values: Sequence[str], known: set[str], field: str, what: str) -> list[tuple[str, str]]:
    """Each value that is not one of `known`, at `field` formatted with its index."""
    return [
        (field.format(i), f"unknown {what} {value!r}")
        for i, value in enumerate(values)
        if value not in known
    ]
