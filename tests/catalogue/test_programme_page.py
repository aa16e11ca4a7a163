import json

import pytest
from pyld import jsonld

from openadmit.eligibility.programme_files import requirement_file
from openadmit.eligibility.requirement_set import load_requirement_set

pytestmark = pytest.mark.django_db

# schema.org's published context maps every term into its vocabulary; the test serves
# that mapping itself rather than fetching it over the network.
SCHEMA_CONTEXT = {"@context": {"@vocab": "https://schema.org/"}}


def _schema_loader(url, options=None):
    assert url.rstrip("/") in ("https://schema.org", "http://schema.org"), url
    return {
        "contentType": "application/ld+json",
        "contextUrl": None,
        "documentUrl": url,
        "document": SCHEMA_CONTEXT,
    }


def _jsonld(html: str) -> dict:
    start = html.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">'
    )
    return json.loads(html[start : html.index("</script>", start)])


def test_it_shows_every_fact_of_the_seed_page(client, demo):
    html = client.get("/programmes/pioneer/").content.decode()
    for fact in [
        "Erasmus Mundus Master of Science in Public Sector Innovation and eGovernance",
        "24 months",
        "1 July 2026",
        "Public Policy",
        "MSc",
        "Masters",
        "On campus",
        "120 ECTS",
        "English",
        "September 2026",
        "EUR 90",
        "KU Leuven",
        "University of Münster",
        "Tallinn University of Technology (TalTech)",
        "Semester 4",
        "After admissions procedure",
        "IELTS Academic",
        "7+",
        "TOEFL iBT",
        "100+",
        "PTE Academic",
        "84+",
        "English-speaking Canada",
        "the United States of America",
        "Erasmus Mundus Joint Master scholarship",
        "EUR 1,400 per month, up to 24 months",
        "Check my eligibility",
        "/programmes/pioneer/eligibility/",
    ]:
        assert fact in html, fact


def test_it_lists_all_39_accepted_degrees_with_their_cities(client, demo):
    html = client.get("/programmes/pioneer/").content.decode()
    rules = load_requirement_set(requirement_file("pioneer", "2026-09"))
    degrees = rules.degree.listed_degrees[0].degrees
    assert len(degrees) == 39
    for degree in degrees:
        assert f"{degree.title} ({', '.join(degree.cities)})".replace("'", "&#x27;") in html
    assert "Bachelor in de rechten (Brussel, Kortrijk, Leuven)" in html


def test_it_shows_the_english_exemption_and_its_exception(client, demo):
    html = client.get("/programmes/pioneer/").content.decode()
    assert "A diploma from any other country does not exempt" in html
    assert "secondary school diploma" in html


def test_it_shows_each_deadline_in_the_university_time_zone(client, demo):
    html = client.get("/programmes/pioneer/").content.decode()
    assert "1 March 2026" in html
    assert "31 August 2026, 23:59:59 (Europe/Brussels)" in html
    assert "1 July 2026, 23:59:59 (Europe/Brussels)" in html


def test_it_counts_more_programmes_from_the_university_honestly(client, demo):
    html = client.get("/programmes/pioneer/").content.decode()
    assert "This catalogue lists 0 more programmes from KU Leuven." in html
    assert "KU Leuven itself publishes 105 postgraduate programmes." in html
    assert 'href="/institutions/ku-leuven/"' in html


def test_its_json_ld_parses_as_an_educational_programme(client, demo):
    document = _jsonld(client.get("/programmes/pioneer/").content.decode())
    expanded = jsonld.expand(document, {"documentLoader": _schema_loader})
    [programme] = expanded
    assert programme["@type"] == ["https://schema.org/EducationalOccupationalProgram"]
    assert programme["https://schema.org/applicationDeadline"] == [{"@value": "2026-07-01"}]
    assert programme["https://schema.org/startDate"] == [{"@value": "2026-09-01"}]
    assert programme["https://schema.org/timeToComplete"] == [{"@value": "P24M"}]
    assert programme["https://schema.org/educationalCredentialAwarded"] == [{"@value": "MSc"}]
    providers = [
        p["https://schema.org/name"][0]["@value"] for p in programme["https://schema.org/provider"]
    ]
    assert providers == [
        "KU Leuven",
        "University of Münster",
        "Tallinn University of Technology (TalTech)",
    ]
    for term in [
        "name",
        "numberOfCredits",
        "educationalProgramMode",
        "programPrerequisites",
        "inLanguage",
        "url",
    ]:
        assert f"https://schema.org/{term}" in programme, term


def test_it_answers_an_unknown_programme_with_a_helpful_404(client, db):
    response = client.get("/programmes/no-such-programme/")
    assert response.status_code == 404
    assert b"Search all programmes" in response.content


def test_it_shows_an_institution_with_its_programmes(client, demo):
    html = client.get("/institutions/ku-leuven/").content.decode()
    assert "KU Leuven" in html and "Belgium" in html
    assert "1 programme in this catalogue." in html
    assert "The university itself publishes 105 postgraduate programmes." in html
    assert 'href="/programmes/pioneer/"' in html
    assert client.get("/institutions/no-such-place/").status_code == 404
    assert (
        "Joint programmes it takes part in" in client.get("/institutions/taltech/").content.decode()
    )
