"""Charts drawn on the server as SVG, so they show without JavaScript; each page puts the
same numbers in a table beside the chart for screen readers and for reading exactly."""

from dataclasses import dataclass
from datetime import date
from html import escape

__all__ = ["Bar", "Marker", "bars_svg", "columns_svg"]

INK, ACCENT, MUTED, LINE, WARN = "#1b1f24", "#0b5cad", "#4a5360", "#c9d1db", "#7a4a00"


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    limit: int | None = None  # a cap drawn across the bar


@dataclass(frozen=True)
class Marker:
    day: date
    label: str


def bars_svg(bars: list[Bar], *, title: str, width: int = 640) -> str:
    """Horizontal bars, one per row, with the value at the end (and a cap where given)."""
    row, label_width = 26, 190
    height = row * max(len(bars), 1) + 10
    top = max([b.value for b in bars] + [b.limit or 0 for b in bars] + [1])
    scale = (width - label_width - 50) / top
    parts = [_open(width, height, title)]
    for i, bar in enumerate(bars):
        y = 5 + i * row
        length = bar.value * scale
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 16}" text-anchor="end" fill="{INK}" '
            f'font-size="13">{escape(bar.label[:28])}</text>'
            f'<rect x="{label_width}" y="{y + 3}" width="{length:.1f}" height="{row - 8}" '
            f'fill="{ACCENT}"/>'
            f'<text x="{label_width + length + 6:.1f}" y="{y + 16}" fill="{INK}" '
            f'font-size="13">{bar.value}</text>'
        )
        if bar.limit is not None:
            x = label_width + bar.limit * scale
            parts.append(
                f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y}" y2="{y + row - 2}" stroke="{WARN}" '
                'stroke-width="3" stroke-dasharray="4 2"/>'
            )
    parts.append("</svg>")
    return "".join(parts)


def columns_svg(
    counts: dict[date, int],
    *,
    first: date,
    last: date,
    markers: list[Marker],
    title: str,
    width: int = 720,
) -> str:
    """One column per day from ``first`` to ``last``, with the deadlines marked."""
    height, bottom, left = 220, 30, 36
    days = (last - first).days + 1
    step = (width - left - 10) / max(days, 1)
    top = max(list(counts.values()) + [1])
    scale = (height - bottom - 20) / top
    parts = [_open(width, height, title)]
    parts.append(
        f'<line x1="{left}" x2="{width - 10}" y1="{height - bottom}" y2="{height - bottom}" '
        f'stroke="{LINE}"/><text x="4" y="20" fill="{MUTED}" font-size="12">{top}</text>'
    )
    for day, value in counts.items():
        if first <= day <= last and value:
            x = left + (day - first).days * step
            h = value * scale
            parts.append(
                f'<rect x="{x:.1f}" y="{height - bottom - h:.1f}" width="{max(step - 1, 1):.1f}" '
                f'height="{h:.1f}" fill="{ACCENT}"/>'
            )
    for marker in markers:
        if first <= marker.day <= last:
            x = left + (marker.day - first).days * step
            parts.append(
                f'<line x1="{x:.1f}" x2="{x:.1f}" y1="10" y2="{height - bottom}" stroke="{WARN}" '
                f'stroke-width="2" stroke-dasharray="5 3"/><text x="{x + 3:.1f}" y="{height - 8}" '
                f'fill="{WARN}" font-size="11">{escape(marker.label)}</text>'
            )
    parts.append(
        f'<text x="{left}" y="{height - bottom + 14}" fill="{MUTED}" font-size="11">'
        f'{first.isoformat()}</text><text x="{width - 10}" y="{height - bottom + 14}" '
        f'text-anchor="end" fill="{MUTED}" font-size="11">{last.isoformat()}</text></svg>'
    )
    return "".join(parts)


def _open(width: int, height: int, title: str) -> str:
    # Decorative for assistive technology: the table beside it carries the same numbers.
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'class="chart" role="img" aria-label="{escape(title)}" focusable="false">'
    )
