"""The consortia's public face for other apps."""

from openadmit.consortia.models import Consortium, ConsortiumMember

__all__ = ["Consortium", "organisers_of"]


def organisers_of(programme) -> list[ConsortiumMember]:
    """The universities that run the programme jointly, coordinator first; none when it is
    not a joint programme. Prefetch ``consortium__members__institution`` for lists."""
    if programme.consortium_id is None:
        return []
    return list(programme.consortium.members.all())
