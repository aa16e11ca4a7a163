"""Errors about requirement sets, apart so that kinds can raise them without import cycles."""


class RequirementSetError(ValueError):
    """A requirement set that cannot be read, validated or compiled; names the field."""
