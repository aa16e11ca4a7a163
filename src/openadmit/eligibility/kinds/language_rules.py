"""Evaluating a `language` criterion: exemptions first, then any one accepted test."""

from collections.abc import Callable
from datetime import date, datetime

from openadmit.eligibility.codes import country_name, language_name
from openadmit.eligibility.kinds.language_models import LanguageCriterion, TestMinimum
from openadmit.eligibility.language_tests import LANGUAGE_TESTS
from openadmit.eligibility.memo import Memo
from openadmit.eligibility.messages import Message, gettext_noop, join_words, message
from openadmit.eligibility.outcomes import SEVERITY, Outcome
from openadmit.eligibility.profile import LEVEL_NAMES, Profile
from openadmit.eligibility.results import CriterionResult, result


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
    # test id -> {section: minimum}, named minimums and "every section" merged.
    required_sections: dict[str, dict[str, float]] = {}
    for minimum in accepted.values():
        required = dict(minimum.sections)
        if minimum.every_section is not None:
            for section in LANGUAGE_TESTS[minimum.test].sections:
                required[section] = max(required.get(section, 0), minimum.every_section)
        required_sections[minimum.test] = required
    # (diploma kind, country, language of instruction) -> the exemption's result. The
    # domain is finite (the listed countries), so every result is built once here.
    diploma_names = {"secondary_school": "secondary school diploma", "degree": "degree"}
    exempt_results: dict[tuple[str, str, str], CriterionResult] = {}
    for exempt in criterion.exemptions:
        for country in exempt.countries:
            for kind in exempt.diplomas:
                exempt_results.setdefault(
                    (kind, country.code, exempt.language_of_instruction),
                    result(
                        criterion,
                        Outcome.ELIGIBLE,
                        message(
                            gettext_noop("You do not need a {language} test: your {diploma} was "
                                         "taught in "
                               "{language} in {country}."),
                            language=language, diploma=diploma_names[kind], country=country.name,
                        ),
                        exempt.source,
                    ),
                )  # fmt: skip
    exempt_languages = {e.language_of_instruction for e in criterion.exemptions}
    no_other = criterion.no_other_exemption

    def exemption(profile: Profile) -> CriterionResult | None:
        school = profile.secondary_school
        if school is not None:
            key = ("secondary_school", school.country, school.language_of_instruction)
            if key in exempt_results:
                return exempt_results[key]
        for degree in profile.degrees:
            key = ("degree", degree.country, degree.language_of_instruction)
            if key in exempt_results:
                return exempt_results[key]
        return None

    def taught_in_language_elsewhere(profile: Profile) -> tuple[str, str] | None:
        """(diploma, country) of a diploma taught in an exempting language elsewhere."""
        school = profile.secondary_school
        if school is not None and school.language_of_instruction in exempt_languages:
            return "secondary school diploma", school.country
        for degree in profile.degrees:
            if degree.country and degree.language_of_instruction in exempt_languages:
                return degree.title or LEVEL_NAMES[degree.level], degree.country
        return None

    def judge(
        test_id: str, overall: float, sections: tuple, taken_on: date | None, expired: bool
    ) -> CriterionResult:
        """One accepted test's result; it depends only on its arguments, so it is memoised."""
        minimum = accepted[test_id]
        scale = LANGUAGE_TESTS[test_id]
        name = scale.name

        def judged(outcome: Outcome, explanation: Message) -> CriterionResult:
            return result(criterion, outcome, explanation, minimum.source)

        if minimum.valid_for_months and taken_on is None:
            return judged(
                Outcome.INCOMPLETE,
                message(
                    gettext_noop("Tell us when you took the {test}: a result counts for {months} "
                                 "months."),
                    test=name, months=minimum.valid_for_months,
                ),
            )  # fmt: skip
        if expired:
            return judged(
                Outcome.INCOMPLETE,
                message(
                    gettext_noop("Your {test} result of {taken_on} is older than {months} months. "
                                 "Take an "
                       "accepted test again: {menu}."),
                    test=name, taken_on=taken_on.isoformat(), months=minimum.valid_for_months,
                    menu=menu,
                ),
            )  # fmt: skip
        if overall < minimum.overall:
            return judged(
                Outcome.INELIGIBLE,
                message(
                    gettext_noop("Your {test} overall score {score} is below the minimum of "
                                 "{minimum}. To "
                       "apply, reach one of: {menu}."),
                    test=name, score=scale.format(overall), minimum=scale.format(minimum.overall),
                    menu=menu,
                ),
            )  # fmt: skip
        scores = dict(sections)
        missing = []
        for section, needed in required_sections[test_id].items():
            score = scores.get(section)
            if score is None:
                missing.append(section.replace("_", " "))
            elif score < needed:
                return judged(
                    Outcome.INELIGIBLE,
                    message(
                        gettext_noop("Your {test} {section} score {score} is below the minimum of "
                           "{minimum} for that section. To apply, reach one of: {menu}."),
                        test=name, section=section.replace("_", " "), score=scale.format(score),
                        minimum=scale.format(needed), menu=menu,
                    ),
                )  # fmt: skip
        if missing:
            return judged(
                Outcome.INCOMPLETE,
                message(
                    gettext_noop("Your {test} overall score is enough; add your section scores "
                       "({sections}), which have minimums too."),
                    test=name, sections=join_words(missing, "and"),
                ),
            )  # fmt: skip
        return judged(
            Outcome.ELIGIBLE,
            message(
                gettext_noop("Your {test} overall score {score} meets the minimum of {minimum}."),
                test=name, score=scale.format(overall), minimum=scale.format(minimum.overall),
            ),
        )  # fmt: skip

    judged_tests = Memo(judge)
    no_test = result(
        criterion,
        Outcome.INCOMPLETE,
        message(
            gettext_noop("Submit one of these {language} test results: {menu}."),
            language=language,
            menu=menu,
        ),
    )

    def taught_elsewhere(diploma: str, country: str) -> CriterionResult:
        return result(
            criterion,
            Outcome.INCOMPLETE,
            message(
                gettext_noop("Your {diploma} was taught in {language} in {country}, but only "
                             "diplomas from "
                   "the countries listed exempt you from a test. Submit one of: {menu}."),
                diploma=diploma, language=language, country=country_name(country), menu=menu,
            ),
            no_other.source,
        )  # fmt: skip

    def other_tests(*names: str) -> CriterionResult:
        return result(
            criterion,
            Outcome.INCOMPLETE,
            message(
                gettext_noop("{tests} is not accepted by this programme. Submit one of: {menu}."),
                tests=join_words(list(names), "and"), menu=menu,
            ),
        )  # fmt: skip

    not_exempt = Memo(taught_elsewhere)
    not_accepted = Memo(other_tests)

    def evaluate(profile: Profile, at: datetime) -> CriterionResult:
        exempt = exemption(profile)
        if exempt is not None:
            return exempt
        best = None
        unaccepted = []
        for test in profile.language_tests:
            minimum = accepted.get(test.test)
            if minimum is None:
                unaccepted.append(LANGUAGE_TESTS[test.test].name)
                continue
            # Only what the minimum looks at goes into the key.
            sections = tuple(sorted(test.sections.items())) if required_sections[test.test] else ()
            taken_on, expired = None, False
            if minimum.valid_for_months:
                taken_on = test.taken_on
                expired = taken_on is not None and (
                    months_later(taken_on, minimum.valid_for_months) < at.date()
                )
            judged = judged_tests[test.test, test.overall, sections, taken_on, expired]
            if best is None or SEVERITY[judged.outcome] < SEVERITY[best.outcome]:
                best = judged
                if judged.outcome == Outcome.ELIGIBLE:
                    break
        if best is not None:
            return best
        if unaccepted:
            return not_accepted[tuple(unaccepted)]
        elsewhere = taught_in_language_elsewhere(profile)
        if elsewhere is not None and no_other is not None:
            return not_exempt[elsewhere]
        return no_test

    return evaluate
