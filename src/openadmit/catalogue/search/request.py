"""A search as asked for: parsed and checked from URL parameters, shared by page and API."""

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext

from openadmit.catalogue.constants import SortOrder
from openadmit.catalogue.search.facets import FACETS, FACETS_BY_PARAM
from openadmit.core.middleware import NUL

MAX_QUERY_LENGTH = 200
MAX_VALUES_PER_FILTER = 20
MAX_VALUE_LENGTH = 200
# Numeric filters (ECTS, months) take whole numbers of at most five digits.
MAX_NUMBER_DIGITS = 5
MAX_PAGE = 500
PER_PAGE = 20
MAX_PER_PAGE = 100
# Every parameter a search reads, for the page cache to tell a search from other input.
SEARCH_PARAMETERS = ("q", "open", "sort", "page", "per_page", *FACETS_BY_PARAM)
# The page's checkbox sends 1; the API's open is a boolean, true or false.
OPEN_VALUES = frozenset({"1", "true", "on"})
NOT_OPEN_VALUES = frozenset({"0", "false", "off"})
WORD = re.compile(r"\w+")
MAX_WORDS = 12
# PostgreSQL cannot hold NUL in text; the web refuses it in middleware, the CLI here.
_NUL_MESSAGE = _lazy("The value of “%(name)s” contains a NUL character, which is not allowed.")


class SearchRequestError(ValueError):
    """Parameters that cannot be searched for, each with a message naming it."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{name}: {message}" for name, message in errors.items()))
        self.errors = errors


@dataclass(frozen=True)
class SearchRequest:
    q: str = ""
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    open_only: bool = False
    sort: str = ""
    page: int = 1
    per_page: int = PER_PAGE

    @property
    def words(self) -> list[str]:
        return WORD.findall(self.q)[:MAX_WORDS]

    @property
    def order(self) -> str:
        if self.sort:
            return self.sort
        return SortOrder.RELEVANCE if self.words else SortOrder.TITLE

    def selected(self, param: str) -> tuple[str, ...]:
        return self.filters.get(param, ())


def _ascii_digits(raw: str) -> bool:
    # "²" and "٣" are digits to str.isdigit, but int() refuses them.
    return raw.isascii() and raw.isdigit()


def _positive_int(raw: str, name: str, maximum: int, errors: dict[str, str]) -> int | None:
    significant = raw.lstrip("0")
    if not _ascii_digits(raw) or not significant:
        errors[name] = _("%(name)s must be a whole number of 1 or more.") % {"name": name}
        return None
    # Compared by length first: an absurdly long number is never converted.
    if len(significant) > len(str(maximum)) or int(significant) > maximum:
        errors[name] = _("%(name)s must be at most %(maximum)d.") % {
            "name": name,
            "maximum": maximum,
        }
        return None
    return int(significant)


def parse_search_request(
    params: Mapping[str, Sequence[str]] | Callable[[str], Sequence[str]],
) -> SearchRequest:
    """Read a search from URL parameters (a QueryDict's `getlist` or a mapping of lists).

    Raises SearchRequestError naming each parameter that is malformed; whether a filter
    value exists in the catalogue is checked by the engine, which has the database.
    """
    getlist = params if callable(params) else (lambda name: params.get(name, ()))
    errors: dict[str, str] = {}

    q = " ".join(v.strip() for v in getlist("q") if v.strip())
    if len(q) > MAX_QUERY_LENGTH:
        errors["q"] = ngettext(
            "The search text is %(length)d character long; at most %(maximum)d are allowed.",
            "The search text is %(length)d characters long; at most %(maximum)d are allowed.",
            len(q),
        ) % {"length": len(q), "maximum": MAX_QUERY_LENGTH}

    if NUL in q:
        errors["q"] = _NUL_MESSAGE % {"name": "q"}

    filters: dict[str, tuple[str, ...]] = {}
    for facet in FACETS:
        values = tuple(dict.fromkeys(v.strip() for v in getlist(facet.param) if v.strip()))
        if not values:
            continue
        if len(values) > MAX_VALUES_PER_FILTER:
            errors[facet.param] = _("Choose at most %(maximum)d values for %(name)s.") % {
                "maximum": MAX_VALUES_PER_FILTER,
                "name": facet.param,
            }
        elif facet.numeric and not all(
            _ascii_digits(v) and len(v) <= MAX_NUMBER_DIGITS for v in values
        ):
            errors[facet.param] = _("%(name)s takes whole numbers.") % {"name": facet.param}
        elif any(NUL in v for v in values):
            errors[facet.param] = _NUL_MESSAGE % {"name": facet.param}
        elif any(len(v) > MAX_VALUE_LENGTH for v in values):
            errors[facet.param] = _("A value of %(name)s is too long.") % {"name": facet.param}
        else:
            filters[facet.param] = values

    open_values = [v for v in getlist("open") if v]
    if open_values and open_values[-1].lower() not in OPEN_VALUES | NOT_OPEN_VALUES:
        errors["open"] = _("open takes 1 to show programmes whose deadline has not passed.")
    open_only = bool(open_values) and open_values[-1].lower() in OPEN_VALUES

    sort = (list(getlist("sort")) or [""])[-1]
    if sort and sort not in SortOrder.values:
        errors["sort"] = _("Unknown sort order %(value)s; choose one of: %(choices)s.") % {
            "value": f"“{sort[:40]}”",
            "choices": ", ".join(SortOrder.values),
        }

    page = 1
    raw_page = (list(getlist("page")) or [""])[-1]
    if raw_page:
        page = _positive_int(raw_page, "page", MAX_PAGE, errors) or 1
    per_page = PER_PAGE
    raw_per_page = (list(getlist("per_page")) or [""])[-1]
    if raw_per_page:
        per_page = _positive_int(raw_per_page, "per_page", MAX_PER_PAGE, errors) or PER_PAGE

    if errors:
        raise SearchRequestError(errors)
    return SearchRequest(
        q=q, filters=filters, open_only=open_only, sort=sort, page=page, per_page=per_page
    )


def unknown_filter_message(param: str, values: Sequence[str]) -> str:
    facet = FACETS_BY_PARAM[param]
    return ngettext(
        "No programme has %(label)s %(values)s.",
        "No programme has %(label)s %(values)s.",
        len(values),
    ) % {"label": str(facet.label).lower(), "values": ", ".join(f"“{v[:60]}”" for v in values)}
