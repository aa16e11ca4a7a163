"""The eligibility engine: admission requirements as explainable, versioned rules.

Pure Python (no Django). A programme intake's requirement set is a YAML document checked
by pydantic; every clause carries its published source. This module is the public API.
"""

from openadmit.eligibility.cases import Case, CaseFailure, load_cases, run_cases
from openadmit.eligibility.engine import (
    CompiledSet,
    compile_document,
    compile_requirement_set,
    evaluate,
    find_conflicts,
)
from openadmit.eligibility.errors import RequirementSetError
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
from openadmit.eligibility.kinds.scholarship_rules import NOT_REQUESTED
from openadmit.eligibility.language_tests import LANGUAGE_TESTS
from openadmit.eligibility.messages import Message
from openadmit.eligibility.moments import MomentError, format_moment, parse_moment
from openadmit.eligibility.outcomes import Outcome
from openadmit.eligibility.profile import (
    Grade,
    LanguageTestResult,
    PriorDegree,
    Profile,
    ProfileError,
    SecondarySchool,
    parse_profile,
)
from openadmit.eligibility.programme_files import (
    PROGRAMMES_DIR,
    UnknownProgramme,
    all_requirement_files,
    intake_dirs,
    requirement_file,
)
from openadmit.eligibility.publishing import (
    NotPublishable,
    check_publishable,
    publishable_requirement_set,
)
from openadmit.eligibility.requirement_set import (
    RequirementSet,
    load_requirement_set,
    parse_requirement_set,
)
from openadmit.eligibility.results import CriterionResult, DeadlineInfo
from openadmit.eligibility.source import Clause, Source
from openadmit.eligibility.verdict import RulesetRef, Verdict

__all__ = [
    "LANGUAGE_TESTS",
    "NOT_REQUESTED",
    "PROGRAMMES_DIR",
    "AcceptedDegree",
    "AcceptedField",
    "AcceptedFields",
    "Case",
    "CaseFailure",
    "Clause",
    "CompiledSet",
    "CriterionResult",
    "Deadline",
    "DeadlineCriterion",
    "DeadlineInfo",
    "DegreeCriterion",
    "DegreeList",
    "ExemptCountry",
    "FinalYearStudents",
    "Grade",
    "GradeCriterion",
    "LanguageCriterion",
    "LanguageExemption",
    "LanguageTestResult",
    "Message",
    "MomentError",
    "NotPublishable",
    "OtherDisciplines",
    "Outcome",
    "PriorDegree",
    "Profile",
    "ProfileError",
    "RequirementSet",
    "RequirementSetError",
    "RulesetRef",
    "Scale",
    "ScholarshipCriterion",
    "SecondarySchool",
    "Source",
    "TestMinimum",
    "UnknownProgramme",
    "Verdict",
    "all_requirement_files",
    "check_publishable",
    "compile_document",
    "compile_requirement_set",
    "evaluate",
    "find_conflicts",
    "format_moment",
    "intake_dirs",
    "load_cases",
    "load_requirement_set",
    "parse_moment",
    "parse_profile",
    "parse_requirement_set",
    "publishable_requirement_set",
    "requirement_file",
    "run_cases",
]
