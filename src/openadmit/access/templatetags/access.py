from django import template

from openadmit.access.policy import is_staff_member

register = template.Library()


@register.filter
def works_in_the_office(user) -> bool:
    """Whether to offer the admissions office in the header."""
    return is_staff_member(user)
