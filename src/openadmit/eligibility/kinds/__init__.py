"""Criterion kinds. Each module listed here registers one kind when imported."""

import importlib

from openadmit.eligibility.kinds.registry import KINDS, Kind, register_kind

KIND_MODULES = (
    "openadmit.eligibility.kinds.degree",
    "openadmit.eligibility.kinds.language",
    "openadmit.eligibility.kinds.deadline",
    "openadmit.eligibility.kinds.grade",
    "openadmit.eligibility.kinds.scholarship",
)

for _module in KIND_MODULES:
    importlib.import_module(_module)

__all__ = ["KINDS", "KIND_MODULES", "Kind", "register_kind"]
