"""Invalid allocation input, reported field by field."""

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
