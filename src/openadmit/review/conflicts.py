"""Likely conflicts of interest, told before a reviewer is assigned to a file.

Pure: no Django import. Two signs, both from what the applicant wrote:

- the reviewer's home university awarded one of the applicant's degrees: the degree's
  institution, as typed, names the university (its full name, the name without a
  bracketed short form, or the short form: "Tallinn University of Technology (TalTech)"
  is named by "TalTech" and by "Tallinn University of Technology, School of IT");
- the applicant named the reviewer as a referee (by e-mail address, or by full name).

Names are compared without case, accents or punctuation. These are signs, not proof: the
reviewer still declares a conflict themselves when they know of one.
"""

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

__all__ = ["ConflictSign", "Reviewer", "likely_conflicts", "words"]


class ConflictSign(StrEnum):
    HOME_INSTITUTION = "home_institution"
    REFEREE = "referee"


@dataclass(frozen=True)
class Reviewer:
    email: str
    full_name: str
    institution_name: str = ""


def words(text: str) -> tuple[str, ...]:
    """``text`` as lower-case words without accents or punctuation."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return tuple(re.findall(r"[^\W_]+", plain))


def _names_of(institution: str) -> set[tuple[str, ...]]:
    names = {words(institution)}
    bracketed = re.match(r"^(.*?)\s*\(([^)]*)\)\s*$", institution)
    if bracketed:
        names |= {words(bracketed.group(1)), words(bracketed.group(2))}
    return {name for name in names if name}


def _contains(haystack: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    size = len(needle)
    return any(haystack[i : i + size] == needle for i in range(len(haystack) - size + 1))


def likely_conflicts(
    reviewer: Reviewer,
    degrees: Iterable[Mapping[str, Any]],
    referees: Iterable[Mapping[str, Any]],
) -> list[tuple[ConflictSign, str]]:
    """Each sign of a conflict with the words that show it (the degree's institution, the
    referee's name); empty when there is none."""
    signs: list[tuple[ConflictSign, str]] = []
    names = _names_of(reviewer.institution_name) if reviewer.institution_name else set()
    for degree in degrees:
        typed = str(degree.get("institution") or "")
        if typed and any(_contains(words(typed), name) for name in names):
            signs.append((ConflictSign.HOME_INSTITUTION, typed))
    email = reviewer.email.strip().casefold()
    full_name = words(reviewer.full_name)
    for referee in referees:
        same_email = email and str(referee.get("email") or "").strip().casefold() == email
        same_name = full_name and words(str(referee.get("name") or "")) == full_name
        if same_email or same_name:
            signs.append((ConflictSign.REFEREE, str(referee.get("name") or referee.get("email"))))
    return signs
