"""The catalogue's JSON API: programmes (search with the pages' filters), institutions."""

import math
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.decorators import decorate_view
from ninja.errors import ValidationError

from openadmit.api.responses import NOT_FOUND, answers
from openadmit.catalogue.caching import cached_for_readers
from openadmit.catalogue.constants import SortOrder, StudyLevel, StudyMode
from openadmit.catalogue.models import Institution, Programme
from openadmit.catalogue.search import SearchRequestError, get_backend, parse_search_request
from openadmit.catalogue.search.request import (
    MAX_NUMBER_DIGITS,
    MAX_PAGE,
    MAX_PER_PAGE,
    MAX_QUERY_LENGTH,
    MAX_VALUE_LENGTH,
    MAX_VALUES_PER_FILTER,
    PER_PAGE,
    SEARCH_PARAMETERS,
)
from openadmit.catalogue.service import programmes_in_order
from openadmit.consortia.service import organisers_of

router = Router(tags=["catalogue"])
MAX_INSTITUTIONS_PER_PAGE = 100


class InstitutionOut(Schema):
    slug: str
    name: str
    country: str
    city: str
    education_system: str
    website: str
    time_zone: str
    url: str
    published_postgraduate_programmes: int | None

    @staticmethod
    def resolve_url(obj: Institution) -> str:
        return obj.get_absolute_url()


class IntakeSummary(Schema):
    code: str
    starts_on: date
    is_open: bool
    last_deadline: datetime


class ProgrammeSummary(Schema):
    slug: str
    title: str
    short_name: str
    institution: InstitutionOut
    degree: str
    study_level: StudyLevel
    study_mode: StudyMode
    subject_area: str
    subject: str
    duration_months: int
    ects: int
    languages: list[str]
    url: str
    intakes: list[IntakeSummary]

    @staticmethod
    def resolve_url(obj: Programme) -> str:
        return obj.get_absolute_url()

    @staticmethod
    def resolve_intakes(obj: Programme) -> list[dict[str, Any]]:
        intakes = getattr(obj, "listed_intakes", None)
        if intakes is None:
            intakes = list(obj.intakes.all())
        return [
            {
                "code": i.code,
                "starts_on": i.starts_on,
                "is_open": i.is_open,
                "last_deadline": i.closes_at,
            }
            for i in intakes
        ]


class FacetValueOut(Schema):
    value: str
    label: str
    count: int
    selected: bool


class ProgrammeList(Schema):
    total: int
    page: int
    per_page: int
    pages: int
    open_count: int
    facets: dict[str, list[FacetValueOut]]
    items: list[ProgrammeSummary]


# A filter's values, as the search page checks them: at most 20, each at most 200 long.
FilterValues = Annotated[
    list[Annotated[str, Field(max_length=MAX_VALUE_LENGTH)]],
    Field(max_length=MAX_VALUES_PER_FILTER),
]
NumberValues = Annotated[
    list[Annotated[int, Field(ge=0, lt=10**MAX_NUMBER_DIGITS)]],
    Field(max_length=MAX_VALUES_PER_FILTER),
]


class SearchFilters(Schema):
    """The search page's text and filters; repeat a filter for several values. A value
    no programme has is refused (422) naming the filter."""

    q: str = Field("", max_length=MAX_QUERY_LENGTH)
    subject: FilterValues = []
    degree: FilterValues = []
    level: FilterValues = []
    mode: FilterValues = []
    country: FilterValues = []
    institution: FilterValues = []
    language: FilterValues = []
    ects: NumberValues = []
    duration: NumberValues = []


class ProgrammeFilters(SearchFilters):
    """The same parameters as the search page, with its order and paging."""

    open: bool = Field(False, description="Only programmes whose last deadline has not passed")
    sort: SortOrder | None = None
    # Bounded as on the search page: an absurd number is refused before it reaches an OFFSET.
    page: int = Field(1, ge=1, le=MAX_PAGE, description="A page past the last is refused (422)")
    per_page: int = Field(PER_PAGE, ge=1, le=MAX_PER_PAGE)


class OrganiserOut(Schema):
    institution: InstitutionOut
    role: str


class ScholarshipOut(Schema):
    name: str
    funder: str
    monthly_amount: Decimal | None
    currency: str
    months: int | None
    description: str
    url: str


class RequirementSetOut(Schema):
    id: str
    version: str
    sha256: str
    document: dict[str, Any]


class ProgrammeIntakeOut(IntakeSummary):
    requirement_set: RequirementSetOut

    @staticmethod
    def resolve_requirement_set(obj) -> dict[str, Any]:
        stored = obj.requirement_set
        return {
            "id": stored.ruleset_id,
            "version": stored.version,
            "sha256": stored.sha256,
            "document": stored.document,
        }

    @staticmethod
    def resolve_last_deadline(obj) -> datetime:
        return obj.closes_at


class FeeOut(Schema):
    amount: Decimal
    currency: str
    refundable: bool


class ProgrammeDetail(ProgrammeSummary):
    overview: str
    strengths: list[str]
    funding: str
    mobility: list[dict[str, Any]]
    application_fee: FeeOut | None
    organisers: list[OrganiserOut]
    scholarships: list[ScholarshipOut]
    intakes: list[ProgrammeIntakeOut]

    @staticmethod
    def resolve_application_fee(obj: Programme) -> dict[str, Any] | None:
        if obj.application_fee is None:
            return None
        return {
            "amount": obj.application_fee,
            "currency": obj.application_fee_currency,
            "refundable": obj.application_fee_refundable,
        }

    @staticmethod
    def resolve_organisers(obj: Programme) -> list:
        return organisers_of(obj)

    @staticmethod
    def resolve_scholarships(obj: Programme) -> list:
        return list(obj.scholarships.all())

    @staticmethod
    def resolve_intakes(obj: Programme) -> list:
        return list(obj.intakes.select_related("requirement_set"))


class InstitutionList(Schema):
    total: int
    page: int
    per_page: int
    pages: int
    items: list[InstitutionOut]


def _past_last_page(page: int, pages: int) -> ValidationError:
    return _invalid(
        {
            "page": _("page %(page)d is past the last page, %(pages)d")
            % {"page": page, "pages": pages}
        }
    )


def _invalid(errors: dict[str, str]) -> ValidationError:
    return ValidationError(
        [
            {"type": "value_error", "loc": ["query", name], "msg": message}
            for name, message in errors.items()
        ]
    )


@router.get("/programmes", response=answers(ProgrammeList), summary="Search and list programmes")
@decorate_view(cached_for_readers(*SEARCH_PARAMETERS))
def list_programmes(request: HttpRequest, filters: Query[ProgrammeFilters]) -> dict[str, Any]:
    """Ranked full-text search (`q`) with the search page's filters, counts and paging."""
    try:
        search = parse_search_request(request.GET.getlist)
        result = get_backend().search(search)
    except SearchRequestError as error:
        raise _invalid(error.errors) from None
    if search.page > result.pages:
        raise _past_last_page(search.page, result.pages)
    return {
        "total": result.total,
        "page": search.page,
        "per_page": search.per_page,
        "pages": result.pages,
        "open_count": result.open_count,
        "facets": result.facets,
        "items": programmes_in_order(result.programme_ids),
    }


@router.get(
    "/programmes/{slug}",
    response=answers(ProgrammeDetail, NOT_FOUND),
    summary="One programme with all its facts",
)
@decorate_view(cached_for_readers())
def get_programme(request: HttpRequest, slug: str) -> Programme:
    """Every fact of the programme, and each intake with its validated requirement set."""
    return get_object_or_404(
        Programme.objects.select_related("institution").prefetch_related(
            "consortium__members__institution", "scholarships"
        ),
        slug=slug,
    )


@router.get("/institutions", response=answers(InstitutionList), summary="List institutions")
@decorate_view(cached_for_readers("country", "page", "per_page"))
def list_institutions(
    request: HttpRequest,
    country: str = Query(
        "", pattern=r"^([A-Za-z]{2})?$", description="Two-letter ISO 3166-1 code, e.g. BE"
    ),
    page: int = Query(1, ge=1, le=MAX_PAGE, description="A page past the last is refused (422)"),
    per_page: int = Query(50, ge=1, le=MAX_INSTITUTIONS_PER_PAGE),
) -> dict[str, Any]:
    institutions = Institution.objects.order_by("name", "pk")
    if country:
        institutions = institutions.filter(country=country.upper())
    total = institutions.count()
    pages = max(1, math.ceil(total / per_page))
    if page > pages:
        raise _past_last_page(page, pages)
    start = (page - 1) * per_page
    return {
        "total": total,
        "page": page,
        "per_page": per_page,
        "pages": pages,
        "items": list(institutions[start : start + per_page]),
    }


@router.get(
    "/institutions/{slug}", response=answers(InstitutionOut, NOT_FOUND), summary="One institution"
)
@decorate_view(cached_for_readers())
def get_institution(request: HttpRequest, slug: str) -> Institution:
    return get_object_or_404(Institution, slug=slug)
