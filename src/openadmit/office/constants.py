from django.db import models
from django.utils.translation import gettext_lazy as _


class OfficeEvent(models.TextChoices):
    FILE_OPEN = "office:file:open", _("File opened")
    DOCUMENT_VIEW = "office:document:view", _("Document opened")
    SCREEN = "office:screening:confirm", _("Eligibility screening confirmed")
    INFORMATION_REQUEST = "office:information:request", _("More information requested")
    MESSAGE = "office:message", _("Message sent to the applicant")
    FEE = "office:fee", _("Application fee recorded")
    START_REVIEW = "office:review:start", _("Moved to review")
    EXPORT = "office:export", _("Applications exported")


class OverrideReason(models.TextChoices):
    """Why an officer's reading of a criterion differs from the engine's."""

    SIMILAR_DEGREE = "similar_degree", _("The degree is similar to a listed one")
    PROFESSIONAL_EXPERIENCE = (
        "professional_experience",
        _("Professional experience in the field is demonstrated"),
    )
    EVIDENCE_IN_DOCUMENTS = "evidence_in_documents", _("The documents show what the answers do not")
    ANSWER_CORRECTED = "answer_corrected", _("The documents correct an answer")
    EQUIVALENT_TEST = "equivalent_test", _("An equivalent test or exemption applies")
    OTHER = "other", _("Another reason (explained)")


class ScreeningState(models.TextChoices):
    PENDING = "pending", _("To screen")
    CONFIRMED = "confirmed", _("Screened")
    OUTDATED = "outdated", _("To screen again (answers changed)")


class ReviewProgress(models.TextChoices):
    NONE = "none", _("No reviewer yet")
    WAITING = "waiting", _("Waiting for scores")
    PARTIAL = "partial", _("Some scores in")
    COMPLETE = "complete", _("All scores in")


class QueueSort(models.TextChoices):
    DEADLINE = "deadline", _("Deadline (soonest first)")
    SUBMITTED = "submitted", _("Submitted (oldest first)")
    SUBMITTED_DESC = "-submitted", _("Submitted (newest first)")
    SCORE = "-score", _("Score (highest first)")
    NAME = "name", _("Name (A to Z)")


class Checklist(models.TextChoices):
    DOCUMENTS = "documents", _("Documents complete")
    ELIGIBILITY = "eligibility", _("Eligibility confirmed")
    FEE = "fee", _("Fee settled")
    REFERENCES = "references", _("References received")
