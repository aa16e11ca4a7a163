"""What the accounts app itself holds about a person, for "download my data" and deletion."""

from allauth.account.models import EmailAddress
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Q

from openadmit.accounts.service import PersonalData
from openadmit.audit.models import AuditEvent


def _logins(user: AbstractBaseUser) -> list[str]:
    addresses = set(EmailAddress.objects.filter(user=user).values_list("email", flat=True))
    addresses.add(user.email)
    return sorted({address.lower() for address in addresses if address})


def export_account(user: AbstractBaseUser) -> PersonalData:
    target = Q(target_type=user._meta.label_lower, target_id=str(user.pk))
    return PersonalData(
        data={
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "email_addresses": [
                {"email": a.email, "verified": a.verified, "primary": a.primary}
                for a in EmailAddress.objects.filter(user=user).order_by("email")
            ],
            "failed_sign_ins": [
                {
                    "login": a.username,
                    "ip_address": a.ip_address,
                    "user_agent": a.user_agent,
                    "failures": a.failures_since_start,
                    "last_attempt": a.attempt_time,
                }
                for a in AccessAttempt.objects.filter(username__in=_logins(user))
            ],
            "history": [
                {"at": e.at, "event": e.event, "target": f"{e.target_type}:{e.target_id}"}
                for e in AuditEvent.objects.filter(Q(actor=user) | target).order_by("at", "id")
            ],
        }
    )


def erase_account(user: AbstractBaseUser) -> dict[str, int]:
    # Audit rows stay (they keep the record of what happened, and lose the actor link when
    # the user goes); the lockout records name the person and go with the account.
    logins = _logins(user)
    attempts, _ = AccessAttempt.objects.filter(username__in=logins).delete()
    logs, _ = AccessLog.objects.filter(username__in=logins).delete()
    failures, _ = AccessFailureLog.objects.filter(username__in=logins).delete()
    addresses, _ = EmailAddress.objects.filter(user=user).delete()
    return {"email_addresses": addresses, "sign_in_records": attempts + logs + failures}
