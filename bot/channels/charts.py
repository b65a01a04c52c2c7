"""Bar charts drawn as SVG on the server, and the data tables that go beside them.

No JavaScript and no chart library: a chart is a few rectangles and labels,
measured out here and drawn by templates/figures.html, readable in any browser,
printable, and pasted whole into a self-contained report. Each
chart is an image with a title and a description for screen readers
(role="img", aria-labelledby), and each bar has a tooltip (<title>) with its
label, series and value; the table beside it carries the same figures for
anyone who cannot see the chart. Every text is escaped (the templates autoescape).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, Sequence

from bot.channels.templating import environment

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


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    colour: str
    tooltip: str  # "Tue, Shopping: 3": its label, series and value


@dataclass(frozen=True)
class GridLine:
    y: float
    text: str  # the value it stands for, in words


@dataclass(frozen=True)
class AxisLabel:
    x: float
    text: str


@dataclass(frozen=True)
class KeyItem:
    x: float
    top: float
    colour: str
    name: str


@dataclass(frozen=True)
class BarChart:
    """A chart measured out: where each bar, line and label goes. templates/figures.html
    (`bar_chart`) draws it as SVG."""

    chart_id: str
    title: str
    description: str
    left: float  # the plot's left edge
    right: float
    baseline: float  # the y of the value 0
    label_y: float  # the x-axis labels' line
    key: tuple[KeyItem, ...]
    grid: tuple[GridLine, ...]
    bars: tuple[Bar, ...]
    labels: tuple[AxisLabel, ...]
    width: int = WIDTH
    height: int = HEIGHT


@dataclass(frozen=True)
class Table:
    """A table of a chart's figures: a header row, and each row's first cell heads it."""

    table_id: str
    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def figures_macro(name: str):
    """A macro of templates/figures.html, to draw one piece outside a page (the tests, the
    report's parts)."""
    return getattr(environment().get_template("figures.html").module, name)


def measure_bar_chart(chart_id: str, title: str, description: str, labels: Sequence[str],
                      series: Sequence[Series], *, stacked: bool = False,
                      value_text: Callable[[float], str] = whole,
                      tick_labels: Sequence[str] | None = None) -> BarChart:
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
    key, legend_height = _legend(series, left_edge)
    top = 12 + legend_height
    plot_width, plot_height = WIDTH - left_edge - RIGHT, HEIGHT - top - BOTTOM

    def y(value: float) -> float:
        return top + plot_height - plot_height * value / top_value

    def bar(x: float, top_y: float, width: float, height: float, index: int,
            tooltip: str) -> Bar:
        return Bar(x, top_y, max(width, 1), max(height, 0.5), PALETTE[index % len(PALETTE)],
                   tooltip)

    bars, axis_labels = [], []
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
                    bars.append(bar(left + (slot - bar_width) / 2, y(base + value), bar_width,
                                    y(base) - y(base + value), index,
                                    f"{label}, {one.name}: {value_text(value)}"))
                    base += value
        else:
            bar_width = min(slot * 0.8 / max(len(series), 1), WIDEST_BAR)
            start = left + (slot - bar_width * len(series)) / 2
            for index, one in enumerate(series):
                value = one.values[n]
                if value:
                    bars.append(bar(start + index * bar_width, y(value), bar_width,
                                    y(0) - y(value), index,
                                    f"{label}, {one.name}: {value_text(value)}"))
        if n % every == 0:
            axis_labels.append(AxisLabel(left + slot / 2, ticks_x[n]))
    return BarChart(chart_id, title, description, left_edge, WIDTH - RIGHT, y(0),
                    HEIGHT - BOTTOM + 16, key,
                    tuple(GridLine(y(tick), value_text(tick)) for tick in ticks_y),
                    tuple(bars), tuple(axis_labels))


def bar_chart(chart_id: str, title: str, description: str, labels: Sequence[str],
              series: Sequence[Series], **how) -> str:
    """The chart as SVG text (`measure_bar_chart` for its arguments)."""
    return figures_macro("bar_chart")(measure_bar_chart(chart_id, title, description,
                                                        labels, series, **how))


def _legend(series: Sequence[Series], left_edge: int) -> tuple[tuple[KeyItem, ...], int]:
    """A key of coloured squares and names along the top, wrapped onto more rows."""
    items, x, row = [], left_edge, 0
    for index, one in enumerate(series):
        width = 18 + 7 * len(one.name) + 16  # about 7 pixels a letter at 13px
        if x + width > WIDTH - RIGHT and x > left_edge:
            x, row = left_edge, row + 1
        items.append(KeyItem(x, 6 + row * LEGEND_ROW, PALETTE[index % len(PALETTE)], one.name))
        x += width
    return tuple(items), (row + 1) * LEGEND_ROW if series else 0


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


def table(table_id: str, caption: str, columns: Sequence[str],
          rows: Sequence[Sequence[str]]) -> Table:
    return Table(table_id, caption, tuple(columns), tuple(tuple(row) for row in rows))


def data_table(table_id: str, caption: str, columns: Sequence[str],
               rows: Sequence[Sequence[str]]) -> str:
    """The table as HTML text."""
    return figures_macro("data_table")(table(table_id, caption, columns, rows))
