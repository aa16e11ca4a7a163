"""Form fields whose hints and errors are tied to the input, for screen-reader users."""

from django import template
from django.forms import BoundField

register = template.Library()


@register.simple_tag
def described_widget(field: BoundField) -> str:
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}_helptext")
    if field.errors:
        described_by.append(f"{field.auto_id}_error")
    attrs: dict[str, str | bool] = {}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if field.errors:
        attrs["aria-invalid"] = "true"
    # allauth repeats each label as a placeholder; a placeholder is no label and vanishes
    # while typing, so the visible label alone names the field.
    attrs["placeholder"] = False
    return field.as_widget(attrs=attrs)
