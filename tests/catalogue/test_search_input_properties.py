"""Whatever a reader types or puts in the address, search answers or names the problem."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openadmit.catalogue.search import SearchRequestError, get_backend, parse_search_request
from openadmit.catalogue.search.request import SEARCH_PARAMETERS


@pytest.mark.django_db
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.dictionaries(
        st.sampled_from(SEARCH_PARAMETERS),
        st.lists(st.text(max_size=300), min_size=1, max_size=3),
        max_size=5,
    )
)
def test_it_answers_any_parameters_or_names_the_bad_ones(demo, params):
    try:
        result = get_backend().search(parse_search_request(params))
    except SearchRequestError as error:
        assert error.errors and set(error.errors) <= set(SEARCH_PARAMETERS)
    else:
        assert result.total >= 0
        assert len(result.programme_ids) <= result.request.per_page
