"""A search facet's choices as list items: the same markup the template loop gave, built
in one pass (a facet can have dozens of values, and the page shows nine facets)."""

from django import template
from django.utils.formats import localize
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

register = template.Library()

ITEM = (
    "\n              <li>"
    '\n                <input type="checkbox" id="f-{0}-{1}" name="{0}" value="{2}"{3}>'
    '\n                <label for="f-{0}-{1}">{4} <span class="count">({5})</span></label>'
    "\n              </li>\n            "
)


@register.simple_tag
def facet_choices(param: str, values) -> str:
    """One checkbox per value (``FacetCount``), checked when selected, with its count."""
    return format_html_join(
        "",
        ITEM,
        (
            (
                param,
                number,
                item.value,
                mark_safe(" checked") if item.selected else "",
                item.label,
                localize(item.count),
            )
            for number, item in enumerate(values, start=1)
        ),
    )
