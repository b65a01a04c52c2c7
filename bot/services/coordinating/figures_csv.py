"""The figures of a period (and of the one before) as CSV, for a spreadsheet.

One value a row, so any figure can be filtered, summed or charted:
`section,from,to,group,measure,value`. `from` and `to` are the days counted
(the hub's own days); `group` is a kind of help or a postcode district where
the figure has one. Counts and minutes only: nobody's name, number, address or
words. Written through bot/services/shared/csv_cells.py, so no cell can be taken for a
formula.
"""

from __future__ import annotations

from datetime import date
from typing import Iterator, TextIO

from bot.services.shared.csv_cells import csv_writer, safe_cell
from bot.services.coordinating.figures import CATEGORIES, Figures, Times

HEADER = ("section", "from", "to", "group", "measure", "value")


def write_figures_csv(stream: TextIO, current: Figures, previous: Figures | None = None) -> int:
    """Every figure of `current` (and the totals of `previous`); returns the rows written."""
    writer = csv_writer(stream)
    writer.writerow(HEADER)
    count = 0
    for row in rows_of(current, previous):
        writer.writerow([safe_cell(cell) for cell in row])
        count += 1
    return count


def rows_of(current: Figures, previous: Figures | None) -> Iterator[tuple]:
    for figures in (current, previous) if previous is not None else (current,):
        yield from totals(figures)
    first, last = current.period.first, current.period.last
    for day in current.days:
        for kind, count in zip(CATEGORIES, day.by_kind):
            yield "requests_by_day", day.day, day.day, kind, "requests", count
    for week in current.waits_by_week:
        yield "waits_by_week", week.week.first, week.week.last, "", "requests", week.requests
        yield from times_rows("waits_by_week", week.week.first, week.week.last, week.matched,
                              "wait")
    for district in current.districts:
        yield "districts", first, last, district.district, "requests", district.requests
        now = current.counted_at.astimezone(current.period.zone).date()
        yield "districts", now, now, district.district, "open_requests_now", district.open_now
        yield ("districts", now, now, district.district, "volunteers_available_now",
               district.volunteers_available)
    for week in current.volunteers_by_week:
        for measure in ("joined", "helped", "left"):
            yield "volunteers_by_week", week.week.first, week.week.last, "", measure, getattr(
                week, measure)
    for week in current.calls_by_week:
        for measure in ("made", "no_answer", "missed", "escalated"):
            yield "calls_by_week", week.week.first, week.week.last, "", measure, getattr(
                week, measure)
    for week in current.concerns_by_week:
        yield "concerns_by_week", week.week.first, week.week.last, "", "raised", week.raised
        yield "concerns_by_week", week.week.first, week.week.last, "", "urgent", week.urgent
        yield from times_rows("concerns_by_week", week.week.first, week.week.last,
                              week.acknowledged, "ack")


def totals(figures: Figures) -> Iterator[tuple]:
    first, last = figures.period.first, figures.period.last
    counts = {
        "requests": figures.requests, "done": figures.done, "cancelled_or_expired":
        figures.closed, "still_open": figures.still_open,
        "had_a_volunteer_within_a_day": figures.within_a_day,
        "had_a_volunteer_within_a_day_percent": figures.within_a_day_percent,
        "volunteers_joined": figures.joined, "volunteers_helped": figures.helped,
        "volunteers_left": figures.left, "calls_made": figures.calls_made,
        "calls_no_answer": figures.calls_no_answer, "calls_missed": figures.calls_missed,
        "calls_escalated": figures.calls_escalated, "concerns_raised": figures.concerns_raised,
        "concerns_urgent": figures.concerns_urgent,
    }
    for measure, value in counts.items():
        yield "totals", first, last, "", measure, value
    for kind, count in figures.by_kind.items():
        yield "totals", first, last, kind, "requests", count
    yield from times_rows("totals", first, last, figures.waits, "wait")
    yield from times_rows("totals", first, last, figures.acknowledged, "ack")
    now = figures.counted_at.astimezone(figures.period.zone).date()
    standing = figures.standing
    for measure, value in (("volunteers_available", standing.available),
                           ("volunteers_paused", standing.paused),
                           ("volunteers_awaiting_checks", standing.awaiting_checks)):
        yield "standing", now, now, "", measure, value


def times_rows(section: str, first: date, last: date, times: Times, what: str
               ) -> Iterator[tuple]:
    """How many, and the median and 90th percentile of their minutes."""
    counted, minutes = {"wait": ("had_a_volunteer", "minutes_to_a_volunteer"),
                        "ack": ("acknowledged", "minutes_to_acknowledge")}[what]
    yield section, first, last, "", counted, times.count
    yield section, first, last, "", f"{minutes}_median", times.median
    yield section, first, last, "", f"{minutes}_p90", times.p90
