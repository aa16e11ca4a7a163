"""What an applicant types into each step of the guided form, as the browser posts it.

Shared by the page tests and the load benchmark; it needs no Django.
"""

STEP_POSTS = {
    "personal": {"given_names": "Ana", "family_name": "Silva", "date_of_birth": "1999-04-02"},
    "nationalities": {"nationality_1": "IN", "nationality_2": "PT"},
    "education": {
        "secondary_country": "IN",
        "secondary_language": "en",
        "degree1-level": "bachelor",
        "degree1-title": "Bachelor of Laws",
        "degree1-field": "law",
        "degree1-institution": "University of Delhi",
        "degree1-city": "Delhi",
        "degree1-country": "IN",
        "degree1-language_of_instruction": "en",
        "degree1-completed": "yes",
    },
    "language": {
        "test1-test": "ielts_academic",
        "test1-overall": "7.5",
        "test1-taken_on": "2025-10-04",
    },
    "experience": {"relevant_experience_months": "12"},
    "scholarship": {"wants_scholarship": "no", "previous_erasmus_mundus_scholarship": "no"},
    "motivation": {"motivation": "Public services that work."},
}
