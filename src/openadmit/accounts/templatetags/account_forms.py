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
    attrs = {"aria-describedby": " ".join(described_by)} if described_by else {}
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)
