"""Bar charts drawn as SVG on the server, and the data tables that go beside them.

No JavaScript and no library: a chart is a few rectangles and labels, readable
in any browser, printable, and pasted whole into a self-contained report. Each
chart is an image with a title and a description for screen readers
(role="img", aria-labelledby), and each bar has a tooltip (<title>) with its
label, series and value; the table beside it carries the same figures for
anyone who cannot see the chart. Every text is escaped.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, Sequence

from bot.channels.html_text import h

# Okabe and Ito's palette: told apart with any colour vision, and dark enough on white.
PALETTE = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#555555")
WIDTH, HEIGHT = 640, 280
RIGHT, BOTTOM = 12, 40
WIDEST_BAR = 56
LEGEND_ROW = 20
MOST_LABELS = 14  # x-axis labels shown at most; the others are in the tooltips and table


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float | None, ...]  # one per label; None: nothing to draw


def whole(value: float) -> str:
    return f"{value:g}" if value != int(value) else str(int(value))


def bar_chart(chart_id: str, title: str, description: str, labels: Sequence[str],
              series: Sequence[Series], *, stacked: bool = False,
              value_text: Callable[[float], str] = whole,
              tick_labels: Sequence[str] | None = None) -> str:
    """Bars for each label: side by side, or stacked, one colour per series.

    `value_text` writes a value (and the y-axis ticks) in words; `tick_labels` are
    shorter labels for the x-axis (default: the labels)."""
    ticks_x = list(tick_labels or labels)
    totals = [sum(s.values[n] or 0 for s in series) if stacked
              else max((s.values[n] or 0 for s in series), default=0)
              for n in range(len(labels))]
    top_value, step = _scale(max(totals, default=0), whole_numbers=value_text is whole)
    ticks_y = [step * n for n in range(round(top_value / step) + 1)]
    # Room on the left for the longest value on the axis, at about 7 pixels a letter.
    left_edge = max(40, 14 + 7 * max(len(value_text(tick)) for tick in ticks_y))
    legend, legend_height = _legend(series, left_edge)
    top = 12 + legend_height
    plot_width, plot_height = WIDTH - left_edge - RIGHT, HEIGHT - top - BOTTOM

    def y(value: float) -> float:
        return top + plot_height - plot_height * value / top_value

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{h(chart_id)}" '
        f'role="img" aria-labelledby="{h(chart_id)}-title {h(chart_id)}-desc" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" preserveAspectRatio="xMidYMid meet" '
        'font-family="system-ui, sans-serif" font-size="13">',
        f'<title id="{h(chart_id)}-title">{h(title)}</title>',
        f'<desc id="{h(chart_id)}-desc">{h(description)}</desc>',
        legend,
    ]
    # Grid lines and the values they stand for.
    for tick in ticks_y:
        parts.append(f'<line x1="{left_edge}" x2="{WIDTH - RIGHT}" y1="{y(tick):.1f}" '
                     f'y2="{y(tick):.1f}" stroke="#d0d0d0" stroke-width="1"/>'
                     f'<text x="{left_edge - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" '
                     f'fill="#1b1b1b">{h(value_text(tick))}</text>')
    count = max(len(labels), 1)
    slot = plot_width / count
    every = math.ceil(count / MOST_LABELS)
    for n, label in enumerate(labels):
        left = left_edge + n * slot
        if stacked:
            bar_width, base = min(slot * 0.7, WIDEST_BAR), 0.0
            for index, one in enumerate(series):
                value = one.values[n]
                if value:
                    parts.append(_bar(left + (slot - bar_width) / 2, y(base + value), bar_width,
                                      y(base) - y(base + value), index,
                                      f"{label}, {one.name}: {value_text(value)}"))
                    base += value
        else:
            bar_width = min(slot * 0.8 / max(len(series), 1), WIDEST_BAR)
            start = left + (slot - bar_width * len(series)) / 2
            for index, one in enumerate(series):
                value = one.values[n]
                if value:
                    parts.append(_bar(start + index * bar_width, y(value),
                                      bar_width, y(0) - y(value), index,
                                      f"{label}, {one.name}: {value_text(value)}"))
        if n % every == 0:
            parts.append(f'<text x="{left + slot / 2:.1f}" y="{HEIGHT - BOTTOM + 16}" '
                         f'text-anchor="middle" fill="#1b1b1b">{h(ticks_x[n])}</text>')
    parts.append(f'<line x1="{left_edge}" x2="{WIDTH - RIGHT}" y1="{y(0):.1f}" y2="{y(0):.1f}" '
                 'stroke="#1b1b1b" stroke-width="1"/></svg>')
    return "".join(parts)


def _bar(x: float, y: float, width: float, height: float, colour: int, tooltip: str) -> str:
    return (f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(width, 1):.1f}" '
            f'height="{max(height, 0.5):.1f}" fill="{PALETTE[colour % len(PALETTE)]}">'
            f"<title>{h(tooltip)}</title></rect>")


def _legend(series: Sequence[Series], left_edge: int) -> tuple[str, int]:
    """A key of coloured squares and names along the top, wrapped onto more rows."""
    parts, x, row = [], left_edge, 0
    for index, one in enumerate(series):
        width = 18 + 7 * len(one.name) + 16  # about 7 pixels a letter at 13px
        if x + width > WIDTH - RIGHT and x > left_edge:
            x, row = left_edge, row + 1
        top = 6 + row * LEGEND_ROW
        parts.append(f'<rect x="{x}" y="{top}" width="12" height="12" '
                     f'fill="{PALETTE[index % len(PALETTE)]}"/>'
                     f'<text x="{x + 18}" y="{top + 11}" fill="#1b1b1b">{h(one.name)}</text>')
        x += width
    return "".join(parts), (row + 1) * LEGEND_ROW if series else 0


def _scale(largest: float, whole_numbers: bool) -> tuple[float, float]:
    """The axis top and tick step: 1, 2 or 5 times a power of ten, about four ticks."""
    if largest <= 0:
        return 1.0, 1.0
    rough = largest / 4
    power = 10 ** math.floor(math.log10(rough))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= rough)
    if whole_numbers:
        step = max(step, 1)
    return step * math.ceil(largest / step - 1e-9), step


def data_table(table_id: str, caption: str, columns: Sequence[str],
               rows: Sequence[Sequence[str]]) -> str:
    """A table of the chart's figures: a header row, and each row's first cell heads it."""
    number = ' class="number"'
    head = "".join(f'<th scope="col"{number if n else ""}>{h(column)}</th>'
                   for n, column in enumerate(columns))
    body = "".join(
        "<tr>" + "".join(f'<th scope="row">{h(cell)}</th>' if n == 0
                         else f'<td class="number">{h(cell)}</td>'
                         for n, cell in enumerate(row)) + "</tr>"
        for row in rows)
    return (f'<table id="{h(table_id)}" class="figures"><caption>{h(caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")


def chart_with_table(section_id: str, heading: str, chart: str, table: str,
                     heading_level: int = 2) -> str:
    """A section: its heading, the chart, and the table beside it (below, when narrow)."""
    return (f'<section class="figure-section" aria-labelledby="{h(section_id)}-heading">'
            f'<h{heading_level} id="{h(section_id)}-heading">{h(heading)}</h{heading_level}>'
            f'<div class="chart-and-table"><figure class="chart">{chart}</figure>'
            f'<div class="chart-data" tabindex="0" role="region" '
            f'aria-label="{h(heading)}">{table}</div></div></section>')
