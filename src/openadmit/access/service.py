"""The access domain's public face: staff roles, API tokens, and the policy's questions."""

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from openadmit.access.constants import AccessEvent, Permission, Role
from openadmit.access.models import ApiToken, StaffMember, StaffRole
from openadmit.access.policy import (
    AccessDenied,
    allowed,
    applications_visible,
    is_staff_member,
    own_application,
    programmes_with,
    register_assignment_source,
    require,
    require_own,
)
from openadmit.audit.service import record_event

__all__ = [
    "AccessDenied",
    "Permission",
    "Role",
    "TOKEN_PREFIX",
    "allowed",
    "applications_visible",
    "authenticate_token",
    "do_create_token",
    "do_grant_role",
    "do_revoke_role",
    "do_revoke_token",
    "home_institution_id",
    "is_staff_member",
    "own_application",
    "programmes_with",
    "register_assignment_source",
    "require",
    "require_own",
]

TOKEN_PREFIX = "oa_"  # nosec B105 # the visible prefix of every token, not a secret
TOKEN_LIFETIME = timedelta(days=365)


def do_grant_role(
    user, role: Role, *, actor, programme=None, institution=None, consortium=None
) -> StaffRole:
    """Grant ``role`` on exactly one scope; granting it again changes nothing."""
    with transaction.atomic():
        grant, created = StaffRole.objects.get_or_create(
            user=user,
            role=role,
            programme=programme,
            institution=institution,
            consortium=consortium,
        )
        if created:
            record_event(
                AccessEvent.ROLE_GRANT,
                actor=actor,
                target=grant,
                payload={"user": user.pk, "role": role, "scope": str(grant.scope_object)},
            )
    return grant


def do_revoke_role(grant: StaffRole, *, actor) -> None:
    with transaction.atomic():
        record_event(
            AccessEvent.ROLE_REVOKE,
            actor=actor,
            target=grant,
            payload={"user": grant.user_id, "role": grant.role, "scope": str(grant.scope_object)},
        )
        grant.delete()


def home_institution_id(user) -> int | None:
    return StaffMember.objects.filter(user=user).values_list("institution_id", flat=True).first()


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def do_create_token(user, name: str, *, actor) -> tuple[ApiToken, str]:
    """A new token for a staff member's machine client; the clear token is shown once."""
    if not is_staff_member(user):
        raise AccessDenied("API tokens are for staff members")
    clear = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            name=name.strip()[:100],
            prefix=clear[:10],
            sha256=_digest(clear),
            expires_at=timezone.now() + TOKEN_LIFETIME,
        )
        record_event(AccessEvent.TOKEN_CREATE, actor=actor, target=token, payload={"name": name})
    return token, clear


def do_revoke_token(token: ApiToken, *, actor) -> None:
    if token.user_id != actor.pk:
        raise AccessDenied("only its owner revokes a token")
    with transaction.atomic():
        ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        record_event(AccessEvent.TOKEN_REVOKE, actor=actor, target=token)


def authenticate_token(clear: str):
    """The active staff member a bearer token belongs to, or None."""
    if not clear.startswith(TOKEN_PREFIX):
        return None
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("user")
        .filter(sha256=_digest(clear), revoked_at__isnull=True, expires_at__gt=now)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
