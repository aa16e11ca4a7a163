"""Who may do what: OpenAdmit's one authorisation policy.

- An applicant reaches their own applications and nothing else (``own_application``).
- A staff member holds a permission on a programme's applications through a role granted
  on the programme, on its consortium, or on an institution that lists it or is a member
  of its consortium (so a partner's staff see the joint programme and nothing else of the
  coordinator). Staff never see drafts: a draft and its files are the applicant's own
  (the one exception: recording a fee the programme wants paid before submission).
- A reviewer's permissions hold only on the files assigned to them (and not withdrawn
  from them by a declared conflict); the review domain tells which (``assignments``).
- Being a superuser gives nothing here: the Django admin is for configuration.

Every action function calls ``require`` itself; pages and API routes use the same
functions to decide what to list and show.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from openadmit.access.constants import ASSIGNED_ONLY, ROLE_PERMISSIONS, Permission, Role
from openadmit.access.models import StaffRole
from openadmit.applications.constants import Status
from openadmit.applications.models import Application
from openadmit.catalogue.models import Intake, Programme

__all__ = [
    "AccessDenied",
    "Grants",
    "allowed",
    "applications_visible",
    "grants_of",
    "is_staff_member",
    "own_application",
    "programmes_with",
    "register_assignment_source",
    "require",
    "require_own",
    "staff_holding",
]


class AccessDenied(PermissionDenied):
    """The actor lacks the permission on the target; pages answer 403 or 404."""


@dataclass(frozen=True)
class Grants:
    """Programme ids per permission: held outright, or only on files assigned to the user."""

    full: dict[Permission, frozenset[int]]
    assigned_only: dict[Permission, frozenset[int]]

    def programmes(self, permission: Permission) -> frozenset[int]:
        return self.full.get(permission, frozenset()) | self.assigned_only.get(
            permission, frozenset()
        )


NO_GRANTS = Grants(full={}, assigned_only={})
DRAFT_PERMISSIONS = frozenset({Permission.RECORD_FEE})


@dataclass(frozen=True)
class AssignmentSource:
    is_assigned: Callable[[int, int], bool]  # (user id, application id)
    assigned_ids: Callable[[int], QuerySet]  # user id -> application ids


_assignments: list[AssignmentSource] = []


def register_assignment_source(
    is_assigned: Callable[[int, int], bool], assigned_ids: Callable[[int], QuerySet]
) -> None:
    """The review domain tells the policy which files are assigned to whom."""
    _assignments[:] = [AssignmentSource(is_assigned, assigned_ids)]


def _programme_ids(role: StaffRole) -> set[int]:
    if role.programme_id:
        return {role.programme_id}
    if role.consortium_id:
        scope = Q(consortium_id=role.consortium_id)
    else:
        scope = Q(institution_id=role.institution_id) | Q(
            consortium__members__institution_id=role.institution_id
        )
    return set(Programme.objects.filter(scope).values_list("pk", flat=True))


def grants_of(user) -> Grants:
    if user is None or not user.is_authenticated or not user.is_active:
        return NO_GRANTS
    full: dict[Permission, set[int]] = {}
    assigned: dict[Permission, set[int]] = {}
    for role in StaffRole.objects.filter(user=user):
        programmes = _programme_ids(role)
        target = assigned if Role(role.role) in ASSIGNED_ONLY else full
        for permission in ROLE_PERMISSIONS[Role(role.role)]:
            target.setdefault(permission, set()).update(programmes)
    return Grants(
        full={p: frozenset(ids) for p, ids in full.items()},
        assigned_only={p: frozenset(ids - full.get(p, set())) for p, ids in assigned.items()},
    )


def is_staff_member(user) -> bool:
    return bool(user and user.is_authenticated and StaffRole.objects.filter(user=user).exists())


def programmes_with(user, permission: Permission) -> frozenset[int]:
    """The programmes on whose applications (some or all) the user holds ``permission``."""
    return grants_of(user).programmes(permission)


def _programme_of(target) -> int:
    if isinstance(target, Application):
        return target.intake.programme_id
    if isinstance(target, Intake):
        return target.programme_id
    if isinstance(target, Programme):
        return target.pk
    raise TypeError(f"no programme for {target!r}")


def _is_assigned(user, application: Application) -> bool:
    return any(source.is_assigned(user.pk, application.pk) for source in _assignments)


def allowed(user, permission: Permission, target) -> bool:
    """Whether ``user`` holds ``permission`` on an application, or on an intake or
    programme (for a reviewer: on the files assigned to them there)."""
    grants = grants_of(user)
    programme = _programme_of(target)
    if isinstance(target, Application):
        if target.status == Status.DRAFT:
            # A draft is the applicant's own; only a payment may be recorded against it,
            # where a programme takes submissions once the fee is paid.
            return permission in DRAFT_PERMISSIONS and programme in grants.full.get(permission, ())
        if programme in grants.full.get(permission, ()):
            return True
        return programme in grants.assigned_only.get(permission, ()) and _is_assigned(user, target)
    return programme in grants.programmes(permission)


def require(user, permission: Permission, target) -> None:
    if not allowed(user, permission, target):
        raise AccessDenied(f"{permission} is not allowed on {target}")


def applications_visible(
    user, permission: Permission = Permission.VIEW_APPLICATIONS, *, among: Iterable | None = None
) -> QuerySet[Application]:
    """The submitted applications on which ``user`` holds ``permission``."""
    grants = grants_of(user)
    full = grants.full.get(permission, frozenset())
    assigned_programmes = grants.assigned_only.get(permission, frozenset())
    scope = Q(intake__programme_id__in=full)
    if assigned_programmes and _assignments:
        scope |= Q(
            intake__programme_id__in=assigned_programmes,
            pk__in=_assignments[0].assigned_ids(user.pk),
        )
    if not full and not (assigned_programmes and _assignments):
        return Application.objects.none()
    visible = Application.objects.exclude(status=Status.DRAFT).filter(scope)
    return visible.filter(pk__in=among) if among is not None else visible


def own_application(user, public_id) -> Application:
    """The user's own application, or Application.DoesNotExist: others' are never found."""
    if not user.is_authenticated:
        raise Application.DoesNotExist
    return Application.objects.select_related("intake__programme__institution").get(
        public_id=public_id, applicant=user
    )


def require_own(user, application: Application) -> None:
    """The applicant's own actions: only they act on their application."""
    if not (user and user.is_authenticated and application.applicant_id == user.pk):
        raise AccessDenied("only the applicant acts on their application")


def staff_holding(permission: Permission, programme: Programme) -> QuerySet:
    """The people who hold ``permission`` on the programme's applications (reviewers: on
    those assigned to them), by name."""
    from django.contrib.auth import get_user_model

    roles = [role for role, permissions in ROLE_PERMISSIONS.items() if permission in permissions]
    institutions = {programme.institution_id}
    if programme.consortium_id:
        institutions |= set(programme.consortium.members.values_list("institution_id", flat=True))
    scope = Q(staff_roles__programme=programme) | Q(staff_roles__institution__in=institutions)
    if programme.consortium_id:
        scope |= Q(staff_roles__consortium_id=programme.consortium_id)
    return (
        get_user_model()
        .objects.filter(scope, staff_roles__role__in=roles, is_active=True)
        .distinct()
        .order_by("last_name", "first_name", "email")
    )
