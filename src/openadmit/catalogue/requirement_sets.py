"""Storing intake requirement sets: the validated document, once per distinct content."""

from openadmit.catalogue.models import RequirementSet
from openadmit.eligibility.requirement_set import RequirementSet as Rules
from openadmit.eligibility.requirement_set import parse_requirement_set

__all__ = ["rules_of", "store_requirement_set"]


def store_requirement_set(rules: Rules) -> RequirementSet:
    """The stored row of these rules, created on first sight (keyed by their SHA-256)."""
    stored, _ = RequirementSet.objects.get_or_create(
        sha256=rules.sha256,
        defaults={"ruleset_id": rules.id, "version": rules.version, "document": rules.document()},
    )
    return stored


def rules_of(stored: RequirementSet) -> Rules:
    """The rules a stored requirement set holds, validated again on the way out."""
    return parse_requirement_set(stored.document)
