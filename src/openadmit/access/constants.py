"""Staff roles, what each allows, and the audit events of granting them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PROGRAMME_ADMIN = "programme_admin", _("Programme administrator")
    ADMISSIONS_OFFICER = "admissions_officer", _("Admissions officer")
    REVIEWER = "reviewer", _("Reviewer")
    COMMITTEE_CHAIR = "committee_chair", _("Committee chair")
    PARTNER_VIEWER = "partner_viewer", _("Partner viewer")


class Scope(models.TextChoices):
    PROGRAMME = "programme", _("Programme")
    INSTITUTION = "institution", _("Institution")
    CONSORTIUM = "consortium", _("Consortium")


class Permission(models.TextChoices):
    """What a role allows on the applications of the programmes it is granted on."""

    VIEW_APPLICATIONS = "view_applications", _("See the queue and open files")
    DOWNLOAD_DOCUMENTS = "download_documents", _("Open and download documents")
    SCREEN = "screen", _("Confirm or override eligibility")
    CORRESPOND = "correspond", _("Write to applicants and ask for information")
    RECORD_FEE = "record_fee", _("Record application fees")
    MOVE_FILES = "move_files", _("Move files through the procedure")
    ASSIGN_REVIEWERS = "assign_reviewers", _("Assign reviewers")
    REVIEW = "review", _("Score files")
    SEE_ALL_SCORES = "see_all_scores", _("See every reviewer's scores")
    MANAGE_RUBRIC = "manage_rubric", _("Publish the review rubric")
    DECIDE = "decide", _("Decide on applications")
    VIEW_AUDIT = "view_audit", _("See who did what")
    EXPORT = "export", _("Export applications")


P = Permission
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.PROGRAMME_ADMIN: frozenset(
        {
            P.VIEW_APPLICATIONS,
            P.DOWNLOAD_DOCUMENTS,
            P.ASSIGN_REVIEWERS,
            P.SEE_ALL_SCORES,
            P.MANAGE_RUBRIC,
            P.VIEW_AUDIT,
            P.EXPORT,
        }
    ),
    Role.ADMISSIONS_OFFICER: frozenset(
        {
            P.VIEW_APPLICATIONS,
            P.DOWNLOAD_DOCUMENTS,
            P.SCREEN,
            P.CORRESPOND,
            P.RECORD_FEE,
            P.MOVE_FILES,
            P.ASSIGN_REVIEWERS,
            P.SEE_ALL_SCORES,
            P.VIEW_AUDIT,
            P.EXPORT,
        }
    ),
    # A reviewer's permissions hold only on the files assigned to them (ASSIGNED_ONLY).
    Role.REVIEWER: frozenset({P.VIEW_APPLICATIONS, P.DOWNLOAD_DOCUMENTS, P.REVIEW}),
    Role.COMMITTEE_CHAIR: frozenset(
        {
            P.VIEW_APPLICATIONS,
            P.DOWNLOAD_DOCUMENTS,
            P.ASSIGN_REVIEWERS,
            P.SEE_ALL_SCORES,
            P.DECIDE,
            P.VIEW_AUDIT,
            P.EXPORT,
        }
    ),
    Role.PARTNER_VIEWER: frozenset({P.VIEW_APPLICATIONS, P.DOWNLOAD_DOCUMENTS, P.SEE_ALL_SCORES}),
}
ASSIGNED_ONLY = frozenset({Role.REVIEWER})


class AccessEvent(models.TextChoices):
    ROLE_GRANT = "access:role:grant", _("Staff role granted")
    ROLE_REVOKE = "access:role:revoke", _("Staff role revoked")
    TOKEN_CREATE = "access:token:create", _("API token created")
    TOKEN_REVOKE = "access:token:revoke", _("API token revoked")
