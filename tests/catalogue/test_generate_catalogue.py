import pytest

from openadmit.catalogue.models import Institution, Intake, Programme, RequirementSet
from openadmit.catalogue.requirement_sets import rules_of
from openadmit.catalogue.search import get_backend, parse_search_request
from openadmit.catalogue.synthetic.generate import CatalogueNotEmpty, generate_catalogue
from openadmit.cli import main
from openadmit.consortia.models import Consortium

pytestmark = pytest.mark.django_db


def test_it_generates_a_plausible_searchable_catalogue():
    counts = generate_catalogue(programmes=600, seed=7)
    assert counts["programmes"] == Programme.objects.count() == 600
    assert Institution.objects.count() == counts["institutions"] == 18
    assert Intake.objects.count() == 600
    levels = {
        level: Programme.objects.filter(study_level=level).count()
        for level in ("masters", "bachelor", "doctorate")
    }
    assert levels["masters"] > levels["bachelor"] > levels["doctorate"] > 0
    result = get_backend().search(parse_search_request({}))
    assert result.total == 600
    assert len(result.facets["subject"]) >= 10


def test_its_intakes_carry_valid_requirement_sets_and_their_last_deadline():
    generate_catalogue(programmes=200, seed=3)
    assert 1 < RequirementSet.objects.count() < 200
    for intake in Intake.objects.select_related("requirement_set")[:50]:
        assert intake.closes_at == rules_of(intake.requirement_set).latest_deadline()


def test_it_is_reproducible_from_its_seed():
    generate_catalogue(programmes=150, seed=11)
    first = list(
        Programme.objects.order_by("pk").values_list("slug", "title", "institution__name", "ects")
    )
    Programme.objects.all().delete()
    Consortium.objects.all().delete()
    Institution.objects.all().delete()
    generate_catalogue(programmes=150, seed=11)
    assert (
        list(
            Programme.objects.order_by("pk").values_list(
                "slug", "title", "institution__name", "ects"
            )
        )
        == first
    )


def test_it_never_mixes_with_an_existing_catalogue(demo, capsys):
    with pytest.raises(CatalogueNotEmpty):
        generate_catalogue(programmes=10, seed=1)
    assert main(["generate-catalogue", "--programmes", "10"]) == 2
    assert "already holds programmes" in capsys.readouterr().err
    assert Programme.objects.count() == 1
