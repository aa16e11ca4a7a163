"""Evaluating a `degree` criterion: listed degrees, accepted fields, other disciplines."""

from collections.abc import Callable
from datetime import datetime

from openadmit.eligibility.education_systems import SYSTEM_NAMES, education_system, normalise
from openadmit.eligibility.kinds.degree_models import LEVEL_RANK, DegreeCriterion
from openadmit.eligibility.messages import Message, join_words, message
from openadmit.eligibility.messages import gettext_noop as N_
from openadmit.eligibility.outcomes import Outcome, severity
from openadmit.eligibility.profile import LEVEL_NAMES, PriorDegree, Profile
from openadmit.eligibility.results import CriterionResult, result
from openadmit.eligibility.source import Source

Judgement = tuple[Outcome, Message, Source | None]


def describe(degree: PriorDegree) -> str:
    """How an explanation names the applicant's degree."""
    if degree.title:
        return f"“{degree.title}”"
    if degree.field:
        return f"{LEVEL_NAMES[degree.level]} in {degree.field}"
    return f"{LEVEL_NAMES[degree.level]}"


def compile_degree(
    criterion: DegreeCriterion, _rs
) -> Callable[[Profile, datetime], CriterionResult]:
    listed = {}
    for degree_list in criterion.listed_degrees:
        # Normalised title -> normalised city -> the city as published.
        titles: dict[str, dict[str, str]] = {}
        for accepted in degree_list.degrees:
            titles.setdefault(normalise(accepted.title), {}).update(
                {normalise(city): city for city in accepted.cities}
            )
        listed[degree_list.education_system] = (degree_list, titles)
    fields = criterion.accepted_fields
    field_names: dict[str, str] = {}
    if fields:
        for field in fields.fields:
            for name in (field.name, *field.also):
                field_names[normalise(name)] = field.name
    accepted_fields_text = ""
    if fields:
        names = [f.name for f in fields.fields]
        accepted_fields_text = join_words(
            names + (["an equivalent field"] if fields.or_equivalent else [])
        )
    minimum_rank = LEVEL_RANK[criterion.minimum_level]
    minimum_name = LEVEL_NAMES[criterion.minimum_level]
    final_year = criterion.final_year_students
    other = criterion.other_disciplines

    def other_discipline(degree: PriorDegree, profile: Profile) -> Judgement:
        field = degree.field or "your field"
        if other is None:
            return (
                Outcome.INELIGIBLE,
                message(
                    N_("Your {degree} in {field} is not in an accepted field: {accepted}."),
                    degree=describe(degree),
                    field=field,
                    accepted=accepted_fields_text,
                ),
                fields.source if fields else None,
            )
        months = profile.relevant_experience_months
        if months >= other.minimum_experience_months:
            return (
                other.with_experience,
                message(
                    N_(
                        "Your {degree} in {field} is not in an accepted field ({accepted}), but "
                        "you "
                        "report {months} months of relevant professional experience: an admissions "
                        "officer will judge whether it makes up for the different discipline."
                    ),
                    degree=describe(degree),
                    field=field,
                    accepted=accepted_fields_text,
                    months=months,
                ),
                other.source,
            )
        return (
            other.without_experience,
            message(
                N_(
                    "Your {degree} in {field} is not in an accepted field ({accepted}). A degree "
                    "in "
                    "another discipline is only considered with professional experience in the "
                    "field of study; you reported none. If you have such experience, add it."
                ),
                degree=describe(degree),
                field=field,
                accepted=accepted_fields_text,
            ),
            other.source,
        )

    def by_field(degree: PriorDegree, profile: Profile) -> Judgement:
        if fields is None:
            return other_discipline(degree, profile)
        if not degree.field:
            return (
                Outcome.INCOMPLETE,
                message(
                    N_(
                        "Tell us the field of study of your {degree}, so it can be compared with "
                        "the "
                        "accepted fields: {accepted}."
                    ),
                    degree=describe(degree),
                    accepted=accepted_fields_text,
                ),
                fields.source,
            )
        canonical = field_names.get(normalise(degree.field))
        if canonical is None:
            return other_discipline(degree, profile)
        return (
            Outcome.ELIGIBLE,
            message(
                N_("Your {degree} in {field} is in an accepted field of study ({canonical})."),
                degree=describe(degree),
                field=degree.field,
                canonical=canonical,
            ),
            fields.source,
        )

    def by_list(degree: PriorDegree, profile: Profile, system: str) -> Judgement:
        degree_list, titles = listed[system]
        system_name = SYSTEM_NAMES.get(system, degree_list.education_system_name)
        if not degree.title:
            return (
                Outcome.INCOMPLETE,
                message(
                    N_(
                        "Tell us the title of your {degree} as it appears on your diploma, so it "
                        "can "
                        "be matched with the degrees of {system} that give access."
                    ),
                    degree=describe(degree),
                    system=system_name,
                ),
                degree_list.source,
            )
        cities = titles.get(normalise(degree.title))
        if cities is None:
            if degree.field and normalise(degree.field) in field_names:
                return (
                    degree_list.similar_degrees,
                    message(
                        N_(
                            "{degree} is not on the list of degrees of {system} that give access, "
                            "but "
                            "its field ({field}) is close to them: an admissions officer will "
                            "judge "
                            "whether it is similar to a listed degree."
                        ),
                        degree=describe(degree),
                        system=system_name,
                        field=degree.field,
                    ),
                    degree_list.source,
                )
            if not degree.field:
                return (
                    Outcome.INCOMPLETE,
                    message(
                        N_(
                            "{degree} is not on the list of degrees of {system} that give access. "
                            "Tell us its field of study so it can be compared with similar degrees."
                        ),
                        degree=describe(degree),
                        system=system_name,
                    ),
                    degree_list.source,
                )
            return other_discipline(degree, profile)
        listed_cities = join_words(sorted(cities.values()))
        if not degree.city:
            return (
                Outcome.INCOMPLETE,
                message(
                    N_(
                        "{degree} gives access when taught in {cities}. Tell us the city where you "
                        "studied."
                    ),
                    degree=describe(degree),
                    cities=listed_cities,
                ),
                degree_list.source,
            )
        if normalise(degree.city) in cities:
            return (
                Outcome.ELIGIBLE,
                message(
                    N_(
                        "{degree} ({city}) is on the list of degrees of {system} that give access "
                        "({admission})."
                    ),
                    degree=describe(degree),
                    city=degree.city,
                    system=system_name,
                    admission=degree_list.admission.lower(),
                ),
                degree_list.source,
            )
        return (
            degree_list.similar_degrees,
            message(
                N_(
                    "{degree} is listed for {cities}, not for {city}: as a similar degree, an "
                    "admissions officer will judge it."
                ),
                degree=describe(degree),
                cities=listed_cities,
                city=degree.city,
            ),
            degree_list.source,
        )

    def judge(degree: PriorDegree, profile: Profile) -> Judgement:
        rank = LEVEL_RANK[degree.level]
        if rank < minimum_rank:
            if degree.level == "other":
                return (
                    Outcome.REVIEW,
                    message(
                        N_(
                            "Your {degree} is not a {minimum}: an admissions officer will judge "
                            "whether it counts as one."
                        ),
                        degree=describe(degree),
                        minimum=minimum_name,
                    ),
                    None,
                )
            return (
                Outcome.INELIGIBLE,
                message(
                    N_("This programme needs at least a {minimum}; your {degree} is a {level}."),
                    minimum=minimum_name,
                    degree=describe(degree),
                    level=LEVEL_NAMES[degree.level],
                ),
                None,
            )
        system = education_system(degree)
        if system is None and listed:
            return (
                Outcome.INCOMPLETE,
                message(
                    N_(
                        "Tell us where your {degree} was awarded (the country and, in Belgium, the "
                        "Community: Flemish, French or German-speaking), so it can be matched with "
                        "the accepted degrees."
                    ),
                    degree=describe(degree),
                ),
                None,
            )
        if system in listed:
            return by_list(degree, profile, system)
        return by_field(degree, profile)

    def evaluate(profile: Profile, _at: datetime) -> CriterionResult:
        if not profile.degrees:
            return result(
                criterion,
                Outcome.INELIGIBLE,
                message(
                    N_(
                        "This programme needs a {minimum}; you listed no prior degree. If you are "
                        "in "
                        "the final year of one, add it and mark it as not yet completed."
                    ),
                    minimum=minimum_name,
                ),
            )
        best: tuple[Judgement, PriorDegree] | None = None
        for degree in profile.degrees:
            judgement = judge(degree, profile)
            if not degree.completed and judgement[0] != Outcome.INELIGIBLE:
                if final_year is None or not final_year.allowed:
                    judgement = (
                        Outcome.INELIGIBLE,
                        message(
                            N_(
                                "Your {degree} is not yet completed, and this programme only "
                                "admits "
                                "holders of a completed degree."
                            ),
                            degree=describe(degree),
                        ),
                        final_year.source if final_year else None,
                    )
            if best is None or severity(judgement[0]) < severity(best[0][0]):
                best = (judgement, degree)
        (outcome, explanation, source), degree = best
        condition = None
        if not degree.completed and outcome != Outcome.INELIGIBLE:
            condition = message(
                N_("You are in the final year of your {degree}. {condition}"),
                degree=describe(degree),
                condition=final_year.condition,
            )
        return result(criterion, outcome, explanation, source, condition)

    return evaluate
