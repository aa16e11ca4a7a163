"""Display names of country and language codes, in the reader's language (pycountry's)."""

import gettext
from functools import lru_cache

import pycountry
from django.utils.translation import get_language


@lru_cache(maxsize=16)
def _translations(domain: str, language: str) -> gettext.NullTranslations:
    return gettext.translation(domain, pycountry.LOCALES_DIR, languages=[language], fallback=True)


@lru_cache(maxsize=4096)
def _name(domain: str, code: str, language: str) -> str:
    database = pycountry.countries if domain == "iso3166-1" else pycountry.languages
    record = database.get(alpha_2=code.upper() if domain == "iso3166-1" else code.lower())
    if record is None:
        return code
    name = getattr(record, "common_name", None) or record.name
    return _translations(domain, language).gettext(name)


def country_name(code: str) -> str:
    return _name("iso3166-1", code, get_language() or "en")


def language_name(code: str) -> str:
    return _name("iso639-3", code, get_language() or "en")
