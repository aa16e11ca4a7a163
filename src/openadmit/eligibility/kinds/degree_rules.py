"""Evaluating a `degree` criterion: listed degrees, accepted fields, other disciplines."""

from collections.abc import Callable
from datetime import datetime

from openadmit.eligibility.education_systems import SYSTEM_NAMES, education_system, normalise
from openadmit.eligibility.kinds.degree_models import LEVEL_RANK, DegreeCriterion
from openadmit.eligibility.memo import Memo
from openadmit.eligibility.messages import gettext_noop, join_words, message
from openadmit.eligibility.outcomes import SEVERITY, Outcome
from openadmit.eligibility.profile import LEVEL_NAMES, PriorDegree, Profile
from openadmit.eligibility.results import CriterionResult, result


def describe(degree: PriorDegree) -> str:
    """How an explanation names the applicant's degree."""
    if degree.title:
        return f"“{degree.title}”"
    if degree.field:
        return f"{LEVEL_NAMES[degree.level]} in {degree.field}"
    return LEVEL_NAMES[degree.level]


def compile_degree(
    criterion: DegreeCriterion, _rs
) -> Callable[[Profile, datetime], CriterionResult]:
    fields = criterion.accepted_fields
    field_names: dict[str, str] = {}
    accepted_text = ""
    if fields:
        for field in fields.fields:
            for name in (field.name, *field.also):
                field_names[normalise(name)] = field.name
        names = [f.name for f in fields.fields]
        accepted_text = join_words(
            names + (["an equivalent field"] if fields.or_equivalent else [])
        )
    minimum_rank = LEVEL_RANK[criterion.minimum_level]
    minimum_name = LEVEL_NAMES[criterion.minimum_level]
    final_year = criterion.final_year_students
    other = criterion.other_disciplines

    # Per education system with a published list: normalised title -> normalised city ->
    # the result for that listed degree, built once (the published names, no applicant text).
    listed: dict[str, tuple] = {}
    for degree_list in criterion.listed_degrees:
        system_name = SYSTEM_NAMES.get(
            degree_list.education_system, degree_list.education_system_name
        )
        titles: dict[str, dict[str, CriterionResult]] = {}
        for accepted in degree_list.degrees:
            for city in accepted.cities:
                titles.setdefault(normalise(accepted.title), {})[normalise(city)] = result(
                    criterion,
                    Outcome.ELIGIBLE,
                    message(
                        gettext_noop("“{title}” ({city}) is on the list of degrees of {system} "
                                     "that give "
                           "access ({admission})."),
                        title=accepted.title, city=city, system=system_name,
                        admission=degree_list.admission.lower(),
                    ),
                    degree_list.source,
                )  # fmt: skip
        cities_text = {
            title: join_words(sorted({r.message.params["city"] for r in by_city.values()}))
            for title, by_city in titles.items()
        }
        listed[degree_list.education_system] = (degree_list, system_name, titles, cities_text)

    no_degree = result(
        criterion,
        Outcome.INELIGIBLE,
        message(
            gettext_noop("This programme needs a {minimum}; you listed no prior degree. If you are "
                         "in the "
               "final year of one, add it and mark it as not yet completed."),
            minimum=minimum_name,
        ),
    )  # fmt: skip

    # Results that depend only on how the applicant's degree is named, built once each.
    def not_at_level(degree: str) -> CriterionResult:
        return result(
            criterion,
            Outcome.REVIEW,
            message(
                gettext_noop("Your {degree} is not a {minimum}: an admissions officer will judge "
                   "whether it counts as one."),
                degree=degree, minimum=minimum_name,
            ),
        )  # fmt: skip

    def unknown_system(degree: str) -> CriterionResult:
        return result(
            criterion,
            Outcome.INCOMPLETE,
            message(
                gettext_noop("Tell us where your {degree} was awarded (the country and, in "
                             "Belgium, the "
                   "Community: Flemish, French or German-speaking), so it can be matched with "
                   "the accepted degrees."),
                degree=degree,
            ),
        )  # fmt: skip

    def without_field(degree: str) -> CriterionResult:
        return result(
            criterion,
            Outcome.INCOMPLETE,
            message(
                gettext_noop("Tell us the field of study of your {degree}, so it can be compared "
                             "with "
                   "the accepted fields: {accepted}."),
                degree=degree, accepted=accepted_text,
            ),
            fields.source,
        )  # fmt: skip

    below_level = Memo(not_at_level)
    where_awarded = Memo(unknown_system)
    field_missing = Memo(without_field)

    def outside_fields(degree: str, field: str, months: int) -> CriterionResult:
        """A degree in another discipline; ``months`` is 0 below the experience minimum."""
        if other is None:
            return result(
                criterion,
                Outcome.INELIGIBLE,
                message(
                    gettext_noop("Your {degree} in {field} is not in an accepted field: "
                                 "{accepted}."),
                    degree=degree, field=field, accepted=accepted_text,
                ),
                fields.source if fields else None,
            )  # fmt: skip
        if months:
            return result(
                criterion,
                other.with_experience,
                message(
                    gettext_noop("Your {degree} in {field} is not in an accepted field "
                                 "({accepted}), but you "
                       "report {months} months of relevant professional experience: an "
                       "admissions officer will judge whether it makes up for the different "
                       "discipline."),
                    degree=degree, field=field, accepted=accepted_text, months=months,
                ),
                other.source,
            )  # fmt: skip
        return result(
            criterion,
            other.without_experience,
            message(
                gettext_noop("Your {degree} in {field} is not in an accepted field ({accepted}). A "
                             "degree in "
                   "another discipline is only considered with professional experience in the "
                   "field of study; you reported none. If you have such experience, add it."),
                degree=degree, field=field, accepted=accepted_text,
            ),
            other.source,
        )  # fmt: skip

    other_disciplines = Memo(outside_fields)

    def other_discipline(degree: PriorDegree, profile: Profile) -> CriterionResult:
        months = profile.relevant_experience_months
        if other is None or months < other.minimum_experience_months:
            months = 0
        return other_disciplines[describe(degree), degree.field or "your field", months]

    def accepted_field(level: str, field: str) -> CriterionResult:
        return result(
            criterion,
            Outcome.ELIGIBLE,
            message(
                gettext_noop("Your {level} in {field} is in an accepted field of study "
                             "({canonical})."),
                level=LEVEL_NAMES[level], field=field, canonical=field_names[field],
            ),
            fields.source,
        )  # fmt: skip

    in_accepted_field = Memo(accepted_field)

    def by_field(degree: PriorDegree, profile: Profile) -> CriterionResult:
        if fields is None:
            return other_discipline(degree, profile)
        if not degree.field:
            return field_missing[describe(degree)]
        field = normalise(degree.field)
        if field not in field_names:
            return other_discipline(degree, profile)
        return in_accepted_field[degree.level, field]

    def by_list(degree: PriorDegree, profile: Profile, system: str) -> CriterionResult:
        degree_list, system_name, titles, cities_text = listed[system]
        if not degree.title:
            return result(
                criterion,
                Outcome.INCOMPLETE,
                message(
                    gettext_noop("Tell us the title of your {degree} as it appears on your "
                                 "diploma, so it "
                       "can be matched with the degrees of {system} that give access."),
                    degree=describe(degree), system=system_name,
                ),
                degree_list.source,
            )  # fmt: skip
        title = normalise(degree.title)
        by_city = titles.get(title)
        if by_city is None:
            if degree.field and normalise(degree.field) in field_names:
                return result(
                    criterion,
                    degree_list.similar_degrees,
                    message(
                        gettext_noop("{degree} is not on the list of degrees of {system} that give "
                                     "access, "
                           "but its field ({field}) is close to them: an admissions officer will "
                           "judge whether it is similar to a listed degree."),
                        degree=describe(degree), system=system_name, field=degree.field,
                    ),
                    degree_list.source,
                )  # fmt: skip
            if not degree.field:
                return result(
                    criterion,
                    Outcome.INCOMPLETE,
                    message(
                        gettext_noop("{degree} is not on the list of degrees of {system} that give "
                                     "access. "
                           "Tell us its field of study so it can be compared with similar "
                           "degrees."),
                        degree=describe(degree), system=system_name,
                    ),
                    degree_list.source,
                )  # fmt: skip
            return other_discipline(degree, profile)
        if not degree.city:
            return result(
                criterion,
                Outcome.INCOMPLETE,
                message(
                    gettext_noop("{degree} gives access when taught in {cities}. Tell us the city "
                                 "where you "
                       "studied."),
                    degree=describe(degree), cities=cities_text[title],
                ),
                degree_list.source,
            )  # fmt: skip
        listed_result = by_city.get(normalise(degree.city))
        if listed_result is not None:
            return listed_result
        return other_cities[system, describe(degree), title, degree.city]

    def elsewhere_taught(system: str, degree: str, title: str, city: str) -> CriterionResult:
        degree_list, _name, _titles, cities_text = listed[system]
        return result(
            criterion,
            degree_list.similar_degrees,
            message(
                gettext_noop("{degree} is listed for {cities}, not for {city}: as a similar "
                             "degree, an "
                   "admissions officer will judge it."),
                degree=degree, cities=cities_text[title], city=city,
            ),
            degree_list.source,
        )  # fmt: skip

    other_cities = Memo(elsewhere_taught)

    def judge(degree: PriorDegree, profile: Profile) -> CriterionResult:
        if LEVEL_RANK[degree.level] < minimum_rank:
            if degree.level == "other":
                return below_level[describe(degree)]
            return result(
                criterion,
                Outcome.INELIGIBLE,
                message(
                    gettext_noop("This programme needs at least a {minimum}; your {degree} is a "
                                 "{level}."),
                    minimum=minimum_name, degree=describe(degree), level=LEVEL_NAMES[degree.level],
                ),
            )  # fmt: skip
        system = education_system(degree)
        if system in listed:
            return by_list(degree, profile, system)
        if system is None and listed:
            return where_awarded[describe(degree)]
        return by_field(degree, profile)

    def unfinished(degree: PriorDegree, judged: CriterionResult) -> CriterionResult:
        """A final-year student: a condition on a positive result, or no access at all."""
        if judged.outcome == Outcome.INELIGIBLE:
            return judged
        if final_year is None or not final_year.allowed:
            return result(
                criterion,
                Outcome.INELIGIBLE,
                message(
                    gettext_noop("Your {degree} is not yet completed, and this programme only "
                                 "admits "
                       "holders of a completed degree."),
                    degree=describe(degree),
                ),
                final_year.source if final_year else None,
            )  # fmt: skip
        condition = message(
            gettext_noop("You are in the final year of your {degree}. {condition}"),
            degree=describe(degree), condition=final_year.condition,
        )  # fmt: skip
        return judged._replace(condition=condition)

    def evaluate(profile: Profile, _at: datetime) -> CriterionResult:
        best = no_degree
        best_severity = 4
        for degree in profile.degrees:
            judged = judge(degree, profile)
            if not degree.completed:
                judged = unfinished(degree, judged)
            if SEVERITY[judged.outcome] < best_severity:
                best, best_severity = judged, SEVERITY[judged.outcome]
        return best

    return evaluate
