"""The eligibility engine: admission requirements as explainable, versioned rules.

Pure Python (no Django). A programme intake's requirement set is a YAML document checked
by pydantic; every clause carries its published source. This module is the public API.
"""

from openadmit.eligibility.kinds.deadline_models import Deadline, DeadlineCriterion
from openadmit.eligibility.kinds.degree_models import (
    AcceptedDegree,
    AcceptedField,
    AcceptedFields,
    DegreeCriterion,
    DegreeList,
    FinalYearStudents,
    OtherDisciplines,
)
from openadmit.eligibility.kinds.grade_models import GradeCriterion, Scale
from openadmit.eligibility.kinds.language_models import (
    ExemptCountry,
    LanguageCriterion,
    LanguageExemption,
    TestMinimum,
)
from openadmit.eligibility.kinds.scholarship_models import ScholarshipCriterion
from openadmit.eligibility.language_tests import LANGUAGE_TESTS
from openadmit.eligibility.outcomes import Outcome
from openadmit.eligibility.programme_files import (
    PROGRAMMES_DIR,
    UnknownProgramme,
    all_requirement_files,
    intake_dirs,
    requirement_file,
)
from openadmit.eligibility.requirement_set import (
    RequirementSet,
    RequirementSetError,
    load_requirement_set,
    parse_requirement_set,
)
from openadmit.eligibility.source import Clause, Source

__all__ = [
    "LANGUAGE_TESTS",
    "PROGRAMMES_DIR",
    "AcceptedDegree",
    "AcceptedField",
    "AcceptedFields",
    "Clause",
    "Deadline",
    "DeadlineCriterion",
    "DegreeCriterion",
    "DegreeList",
    "ExemptCountry",
    "FinalYearStudents",
    "GradeCriterion",
    "LanguageCriterion",
    "LanguageExemption",
    "OtherDisciplines",
    "Outcome",
    "RequirementSet",
    "RequirementSetError",
    "Scale",
    "ScholarshipCriterion",
    "Source",
    "TestMinimum",
    "UnknownProgramme",
    "all_requirement_files",
    "intake_dirs",
    "load_requirement_set",
    "parse_requirement_set",
    "requirement_file",
]
