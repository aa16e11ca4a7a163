"""ISO codes the requirement sets and profiles use: countries, languages, the EEA."""

from functools import cache
from typing import Annotated

import pycountry
from pydantic import AfterValidator


@cache
def _country_codes() -> frozenset[str]:
    return frozenset(country.alpha_2 for country in pycountry.countries)


@cache
def _language_codes() -> frozenset[str]:
    return frozenset(lang.alpha_2 for lang in pycountry.languages if hasattr(lang, "alpha_2"))


def check_country(code: str) -> str:
    code = code.strip().upper()
    if code not in _country_codes():
        raise ValueError(f"{code!r} is not an ISO 3166-1 alpha-2 country code")
    return code


def check_language(code: str) -> str:
    code = code.strip().lower()
    if code not in _language_codes():
        raise ValueError(f"{code!r} is not an ISO 639-1 language code")
    return code


def country_name(code: str) -> str:
    """The English short name of a country, for explanations (translations: see pycountry)."""
    country = pycountry.countries.get(alpha_2=code)
    return getattr(country, "common_name", None) or country.name if country else code


def language_name(code: str) -> str:
    language = pycountry.languages.get(alpha_2=code)
    return language.name if language else code


CountryCode = Annotated[str, AfterValidator(check_country)]
"""An ISO 3166-1 alpha-2 country code, upper case (``BE``)."""

LanguageCode = Annotated[str, AfterValidator(check_language)]
"""An ISO 639-1 language code, lower case (``en``)."""

# The European Economic Area: the 27 EU member states, Iceland, Liechtenstein and Norway.
EEA_COUNTRIES: frozenset[str] = frozenset(
    "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split()
    + ["IS", "LI", "NO"]
)
