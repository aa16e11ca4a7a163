"""Agreement, normalisation per reviewer, strong disagreement and balanced assignment:
properties on many generated intakes, and a worked example against its published value."""

from decimal import Decimal
from math import fsum, isclose, sqrt

from hypothesis import assume, given
from hypothesis import strategies as st

from openadmit.review.assigning import least_loaded
from openadmit.review.statistics import (
    Rating,
    krippendorff_alpha_interval,
    reviewer_summaries,
    strongly_disagree,
    z_scores,
)

# Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School for
# Communication, University of Pennsylvania, section E: four observers, twelve units, with
# missing values. Published: interval alpha = 0.849 (nominal 0.743, ordinal 0.815).
_ = None
KRIPPENDORFF_2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
    [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
]


def test_it_reproduces_krippendorffs_published_interval_alpha():
    units = {
        unit: [row[unit] for row in KRIPPENDORFF_2011 if row[unit] is not None]
        for unit in range(12)
    }
    assert round(krippendorff_alpha_interval(units), 3) == 0.849


score = st.integers(min_value=0, max_value=100).map(float)
units = st.lists(st.lists(score, min_size=1, max_size=4), min_size=1, max_size=25).map(
    lambda lists: dict(enumerate(lists))
)


def varied(values: dict) -> bool:
    pairable = [v for vs in values.values() if len(vs) >= 2 for v in vs]
    return len(set(pairable)) > 1


@given(units)
def test_alpha_is_at_most_one_and_undefined_without_variation(values):
    alpha = krippendorff_alpha_interval(values)
    if varied(values):
        assert alpha is not None and alpha <= 1 + 1e-9
    else:
        assert alpha is None


@given(st.lists(score, min_size=2, max_size=20, unique=True), st.integers(2, 4))
def test_reviewers_who_always_agree_have_an_alpha_of_one(truths, raters):
    assert krippendorff_alpha_interval({i: [t] * raters for i, t in enumerate(truths)}) == 1


@given(units, st.floats(0.1, 10), st.floats(-50, 50), st.booleans())
def test_alpha_does_not_depend_on_the_scales_unit_or_origin(values, factor, shift, flip):
    assume(varied(values))
    factor = -factor if flip else factor
    moved = {u: [v * factor + shift for v in vs] for u, vs in values.items()}
    assert isclose(
        krippendorff_alpha_interval(moved),
        krippendorff_alpha_interval(values),
        rel_tol=1e-6,
        abs_tol=1e-6,
    )


@given(units, st.randoms(use_true_random=False))
def test_alpha_does_not_depend_on_the_order_of_files_or_of_their_scores(values, rng):
    assume(varied(values))
    keys = list(values)
    rng.shuffle(keys)
    shuffled = {k: rng.sample(values[k], len(values[k])) for k in keys}
    assert isclose(
        krippendorff_alpha_interval(shuffled), krippendorff_alpha_interval(values), abs_tol=1e-9
    )


@given(units, st.lists(score, min_size=1, max_size=5))
def test_files_with_a_single_score_do_not_count(values, singles):
    assume(varied(values))
    more = dict(values) | {f"single-{i}": [v] for i, v in enumerate(singles)}
    assert krippendorff_alpha_interval(more) == krippendorff_alpha_interval(values)


# A reviewer scores a file once.
ratings = st.lists(
    st.tuples(st.integers(0, 30), st.sampled_from("abcde"), score),
    min_size=1,
    max_size=60,
    unique_by=lambda row: row[:2],
).map(lambda rows: [Rating(unit, rater, value) for unit, rater, value in rows])


@given(ratings)
def test_each_reviewers_z_scores_have_mean_zero_and_spread_one(rows):
    zs = z_scores(rows)
    summaries = reviewer_summaries(rows)
    for rater, summary in summaries.items():
        mine = [zs[(r.unit, r.rater)] for r in rows if r.rater == rater]
        if summary.count < 2 or summary.spread == 0:
            assert all(z is None for z in mine)
            continue
        mean = fsum(mine) / len(mine)
        assert isclose(mean, 0, abs_tol=1e-9)
        assert isclose(sqrt(fsum((z - mean) ** 2 for z in mine) / len(mine)), 1, rel_tol=1e-9)


@given(ratings, st.sampled_from("abcde"), st.floats(0.2, 5), st.floats(-40, 40))
def test_a_harsh_or_lenient_reviewer_gets_the_same_z_scores(rows, rater, factor, shift):
    harsher = [
        Rating(r.unit, r.rater, r.value * factor + shift) if r.rater == rater else r for r in rows
    ]
    before, after = z_scores(rows), z_scores(harsher)
    for key, z in before.items():
        if z is None:
            assert after[key] is None
        else:
            assert isclose(after[key], z, rel_tol=1e-6, abs_tol=1e-6)


decimals = st.integers(0, 10000).map(lambda n: Decimal(n) / 100)


@given(st.lists(decimals, max_size=4), st.integers(1, 100), st.integers(1, 100))
def test_strong_disagreement_is_the_range_against_a_share_of_the_maximum(scores, percent, other):
    flagged = strongly_disagree(scores, Decimal(100), percent)
    assert flagged == (len(scores) >= 2 and max(scores) - min(scores) >= percent)
    assert flagged == strongly_disagree(list(reversed(scores)), Decimal(100), percent)
    if flagged and other <= percent:
        assert strongly_disagree(scores, Decimal(100), other)


loads = st.dictionaries(st.integers(1, 40), st.integers(0, 20), max_size=12)


@given(loads, st.integers(0, 5), st.text(max_size=8))
def test_the_least_loaded_reviewers_are_chosen(current, count, key):
    chosen = least_loaded(current, count, file_key=key)
    assert len(chosen) == min(count, len(current)) == len(set(chosen))
    left = set(current) - set(chosen)
    assert all(current[c] <= current[o] for c in chosen for o in left)


@given(st.integers(2, 8), st.integers(1, 3), st.integers(1, 60))
def test_assigning_file_after_file_keeps_loads_within_one_of_each_other(people, per_file, files):
    per_file = min(per_file, people)
    current = dict.fromkeys(range(people), 0)
    pairs = set()
    for file in range(files):
        chosen = least_loaded(current, per_file, file_key=str(file))
        pairs.add(tuple(sorted(chosen)))
        for person in chosen:
            current[person] += 1
    assert max(current.values()) - min(current.values()) <= 1
    if per_file == 2 and people >= 4 and files >= 20:
        # Ties are broken per file, so reviewers are crossed rather than always paired alike.
        assert len(pairs) > people // 2
