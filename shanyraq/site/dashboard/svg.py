"""Charts as inline SVG drawn on the server: no JavaScript, no build step, readable by screen
readers (`role="img"` with <title> and <desc>; the same numbers follow as a <table>).

One drawing serves every chart: stacked vertical bars, one bar per row of the chart's table,
one colour per drawn series, with a legend and three gridlines. Every text is escaped.
"""

from __future__ import annotations

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from shanyraq.site.dashboard.selectors import Chart

# Colour-blind-safe (Okabe-Ito), dark enough on white for bars.
COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"]
HEIGHT, TOP, BOTTOM, LEFT, RIGHT = 260, 40, 50, 48, 32
MAX_BAR = 56
MIN_BAR = 40


def _f(value: float) -> str:
    return f"{value:.1f}"


def _number(value) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _nice(peak: float) -> int:
    """The top of the axis: an even whole number at or above the highest bar, so the middle
    gridline is a whole number of people too."""
    top = int(-(-peak // 1))
    return top + top % 2


def description(chart: Chart) -> str:
    """One sentence for <desc>: what is counted, the total and the highest bar."""
    if not chart.rows:
        return f"{chart.description} {_('Nothing to show.')}"
    sums = [(sum(row[i] for i in chart.series), row[0]) for row in chart.rows]
    top, label = max(sums, key=lambda pair: pair[0])
    text = f"{chart.description} "
    if not chart.unit:
        text += _("Total: %(total)s.") % {"total": _number(chart.total)} + " "
    return text + _("Highest: %(label)s (%(value)s%(unit)s).") % {
        "label": label,
        "value": _number(top),
        "unit": chart.unit,
    }


def render(chart: Chart) -> SafeString:
    series = chart.series
    width = max(480, LEFT + RIGHT + MIN_BAR * max(1, len(chart.rows)))
    plot_h = HEIGHT - TOP - BOTTOM
    stacks = [sum(row[i] for i in series) for row in chart.rows]
    peak = 100 if chart.unit == "%" else _nice(max([*stacks, 1]))
    step = (width - LEFT - RIGHT) / max(1, len(chart.rows))
    ident = f"chart-{chart.slug}"
    parts = [
        format_html(
            '<svg class="chart" role="img" aria-labelledby="{0}-title {0}-desc" viewBox="0 0 {1} {2}"'
            ' width="100%" style="max-width:48rem" preserveAspectRatio="xMinYMin meet"'
            ' xmlns="http://www.w3.org/2000/svg">'
            '<title id="{0}-title">{3}</title><desc id="{0}-desc">{4}</desc>',
            ident,
            width,
            HEIGHT,
            chart.title,
            description(chart),
        )
    ]
    for fraction in (0, 0.5, 1):
        y = TOP + plot_h * (1 - fraction)
        value = peak * fraction
        parts.append(
            format_html(
                '<line x1="{0}" x2="{1}" y1="{2}" y2="{2}" stroke="#bbb" stroke-width="1"/>'
                '<text x="{3}" y="{4}" text-anchor="end" font-size="11">{5}{6}</text>',
                LEFT,
                width - RIGHT,
                _f(y),
                LEFT - 4,
                _f(y + 4),
                _number(round(value, 1) if value % 1 else int(value)),
                chart.unit,
            )
        )
    for n, row in enumerate(chart.rows):
        bar = min(step * 0.7, MAX_BAR)
        x = LEFT + n * step + (step - bar) / 2
        bottom = TOP + plot_h
        for k, i in enumerate(series):
            h = plot_h * row[i] / peak if peak else 0
            if h > 0:
                bottom -= h
                parts.append(
                    format_html(
                        '<rect x="{0}" y="{1}" width="{2}" height="{3}" fill="{4}">'
                        "<title>{5} · {6}: {7}{8}</title></rect>",
                        _f(x),
                        _f(bottom),
                        _f(bar),
                        _f(h),
                        COLOURS[k % len(COLOURS)],
                        row[0],
                        chart.columns[i],
                        _number(row[i]),
                        chart.unit,
                    )
                )
        parts.append(
            format_html(
                '<text x="{0}" y="{1}" text-anchor="middle" font-size="11">{2}</text>',
                _f(LEFT + n * step + step / 2),
                HEIGHT - BOTTOM + 16 + (12 if n % 2 and len(chart.rows) > 8 else 0),
                row[0],
            )
        )
    if len(series) > 1:
        # One legend entry per series, in rows above the plot; a name is guessed at 8 units a
        # character, and an entry that would leave the drawing starts a new row.
        x, y = LEFT, 0
        for k, i in enumerate(series):
            label = str(chart.columns[i])
            needed = 24 + 8 * len(label)
            if x + needed > width and x > LEFT:
                x, y = LEFT, y + 16
            parts.append(
                format_html(
                    '<rect x="{0}" y="{1}" width="12" height="12" fill="{2}"/>'
                    '<text x="{3}" y="{4}" font-size="12">{5}</text>',
                    x,
                    2 + y,
                    COLOURS[k % len(COLOURS)],
                    x + 16,
                    12 + y,
                    label,
                )
            )
            x += needed
    return format_html("{}</svg>", format_html_join("", "{}", ((part,) for part in parts)))
