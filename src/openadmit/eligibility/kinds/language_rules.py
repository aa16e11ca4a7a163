"""Evaluating a `language` criterion: exemptions first, then any one accepted test."""

from collections.abc import Callable
from datetime import date, datetime

from openadmit.eligibility.codes import country_name, language_name
from openadmit.eligibility.kinds.language_models import LanguageCriterion, TestMinimum
from openadmit.eligibility.language_tests import LANGUAGE_TESTS
from openadmit.eligibility.messages import Message, join_words, message
from openadmit.eligibility.messages import gettext_noop as N_
from openadmit.eligibility.outcomes import Outcome, severity
from openadmit.eligibility.profile import LEVEL_NAMES, LanguageTestResult, Profile
from openadmit.eligibility.results import CriterionResult, result
from openadmit.eligibility.source import Source


def months_later(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last_day in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=last_day)
        except ValueError:
            continue
    raise AssertionError("every month has 28 days")


def compile_language(
    criterion: LanguageCriterion, _rs
) -> Callable[[Profile, datetime], CriterionResult]:
    accepted: dict[str, TestMinimum] = {}
    for minimum in criterion.tests:
        accepted.setdefault(minimum.test, minimum)
    menu = join_words(
        [f"{m.name} {LANGUAGE_TESTS[m.test].format(m.overall)}" for m in criterion.tests]
    )
    language = language_name(criterion.language)
    # (country codes, {code: published name}, language, diplomas, source) per exemption.
    exemptions = [
        (
            frozenset(c.code for c in e.countries),
            {c.code: c.name for c in e.countries},
            e.language_of_instruction,
            frozenset(e.diplomas),
            e.source,
        )
        for e in criterion.exemptions
    ]
    exempt_languages = {e.language_of_instruction for e in criterion.exemptions}
    no_other = criterion.no_other_exemption

    def diplomas(profile: Profile):
        """(kind, description, country, language of instruction) of each diploma."""
        school = profile.secondary_school
        if school is not None:
            yield (
                "secondary_school",
                "secondary school diploma",
                school.country,
                school.language_of_instruction,
            )
        for degree in profile.degrees:
            yield (
                "degree",
                degree.title or LEVEL_NAMES[degree.level],
                degree.country,
                degree.language_of_instruction,
            )

    def exemption(profile: Profile) -> CriterionResult | None:
        for kind, what, country, taught_in in diplomas(profile):
            for codes, names, lang, kinds, source in exemptions:
                if kind in kinds and country in codes and taught_in == lang:
                    return result(
                        criterion,
                        Outcome.ELIGIBLE,
                        message(
                            N_(
                                "You do not need a {language} test: your {diploma} was taught in "
                                "{language} in {country}."
                            ),
                            language=language,
                            diploma=what,
                            country=names[country],
                        ),
                        source,
                    )
        return None

    def taught_in_language_elsewhere(profile: Profile) -> tuple[str, str] | None:
        for _kind, what, country, taught_in in diplomas(profile):
            if country and taught_in in exempt_languages:
                return what, country
        return None

    def judge(test: LanguageTestResult, minimum: TestMinimum, on: date) -> tuple[Outcome, Message]:
        scale = LANGUAGE_TESTS[test.test]
        params = {"test": scale.name}
        if minimum.valid_for_months:
            if test.taken_on is None:
                return Outcome.INCOMPLETE, message(
                    N_("Tell us when you took the {test}: a result counts for {months} months."),
                    months=minimum.valid_for_months,
                    **params,
                )
            expires = months_later(test.taken_on, minimum.valid_for_months)
            if expires < on:
                return Outcome.INCOMPLETE, message(
                    N_(
                        "Your {test} result of {taken_on} is older than {months} months. Take an "
                        "accepted test again: {menu}."
                    ),
                    taken_on=test.taken_on.isoformat(),
                    months=minimum.valid_for_months,
                    menu=menu,
                    **params,
                )
        if test.overall < minimum.overall:
            return Outcome.INELIGIBLE, message(
                N_(
                    "Your {test} overall score {score} is below the minimum of {minimum}. To "
                    "apply, "
                    "reach one of: {menu}."
                ),
                score=scale.format(test.overall),
                minimum=scale.format(minimum.overall),
                menu=menu,
                **params,
            )
        required = dict(minimum.sections)
        if minimum.every_section is not None:
            for section in scale.sections:
                required[section] = max(required.get(section, 0), minimum.every_section)
        missing = []
        for section, needed in required.items():
            score = test.sections.get(section)
            if score is None:
                missing.append(section)
            elif score < needed:
                return Outcome.INELIGIBLE, message(
                    N_(
                        "Your {test} {section} score {score} is below the minimum of {minimum} for "
                        "that section. To apply, reach one of: {menu}."
                    ),
                    section=section.replace("_", " "),
                    score=scale.format(score),
                    minimum=scale.format(needed),
                    menu=menu,
                    **params,
                )
        if missing:
            return Outcome.INCOMPLETE, message(
                N_(
                    "Your {test} overall score is enough; add your section scores ({sections}), "
                    "which have minimums too."
                ),
                sections=join_words([s.replace("_", " ") for s in missing], "and"),
                **params,
            )
        return Outcome.ELIGIBLE, message(
            N_("Your {test} overall score {score} meets the minimum of {minimum}."),
            score=scale.format(test.overall),
            minimum=scale.format(minimum.overall),
            **params,
        )

    def evaluate(profile: Profile, at: datetime) -> CriterionResult:
        exempt = exemption(profile)
        if exempt is not None:
            return exempt
        best: tuple[Outcome, Message, Source] | None = None
        unaccepted = []
        for test in profile.language_tests:
            minimum = accepted.get(test.test)
            if minimum is None:
                unaccepted.append(LANGUAGE_TESTS[test.test].name)
                continue
            outcome, explanation = judge(test, minimum, at.date())
            if best is None or severity(outcome) < severity(best[0]):
                best = (outcome, explanation, minimum.source)
                if outcome == Outcome.ELIGIBLE:
                    break
        if best is not None:
            return result(criterion, *best)
        elsewhere = taught_in_language_elsewhere(profile)
        if elsewhere is not None and no_other is not None:
            what, country = elsewhere
            return result(
                criterion,
                Outcome.INCOMPLETE,
                message(
                    N_(
                        "Your {diploma} was taught in {language} in {country}, but only diplomas "
                        "from the countries listed exempt you from a test. Submit one of: {menu}."
                    ),
                    diploma=what,
                    language=language,
                    country=country_name(country),
                    menu=menu,
                ),
                no_other.source,
            )
        if unaccepted:
            return result(
                criterion,
                Outcome.INCOMPLETE,
                message(
                    N_("{tests} is not accepted by this programme. Submit one of: {menu}."),
                    tests=join_words(unaccepted, "and"),
                    menu=menu,
                ),
            )
        return result(
            criterion,
            Outcome.INCOMPLETE,
            message(
                N_("Submit one of these {language} test results: {menu}."),
                language=language,
                menu=menu,
            ),
        )

    return evaluate
