"""The hub's figures as people read them: plain sentences, charts and tables.

Shared by the dashboard's Statistics page and the report (`neighbourly report`
and its download): the words come from the message catalogue in the reader's
language, counts with their plural forms ("2 friendly phone calls"), and the
numbers from bot/services/coordinating/figures.py. Only counts, durations and postcode
districts are shown. This module says what to show; templates/figures.html draws it,
escaping every text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Callable

from bot.channels.charts import BarChart, Series, Table, measure_bar_chart, table, whole
from bot.dialogue.catalogue import counted, text
from bot.services.coordinating.figures import CATEGORIES, Figures, Period, Times, Week

HOURS_FROM = 120  # minutes: a duration chart with longer times counts in hours


@dataclass(frozen=True)
class FigureSection:
    """One chart with its table, or (chart None) a heading and the words for nothing."""

    section_id: str
    heading: str
    chart: BarChart | None
    table: Table | None
    nothing: str = ""


class Words:
    """The catalogue in one language, with the figures' own ways of writing things."""

    def __init__(self, language: str) -> None:
        self.language = language

    def __call__(self, key: str, **params: object) -> str:
        return text(self.language, key, **params)

    def count(self, key: str, number: int) -> str:
        return counted(self.language, key, number)

    def date(self, day: date) -> str:
        return self("figures.date", day_number=day.day, month=self(f"month.{day.month}"),
                    year=day.year)

    def day(self, day: date) -> str:
        """ "Wed 25 Nov": a day in a table."""
        return self("when.date", weekday=self(f"day_short.{day.weekday()}"),
                    day_number=day.day, month=self(f"month.{day.month}"))

    def day_month(self, day: date) -> str:
        return self("figures.day_month", day_number=day.day, month=self(f"month.{day.month}"))

    def week(self, week: Week) -> str:
        if week.first == week.last:
            return self.day_month(week.first)
        return self("figures.week", first=self.day_month(week.first),
                    last=self.day_month(week.last))

    def period(self, period: Period) -> str:
        if period.month:
            named = self("figures.period.month",
                         month_name=self(f"figures.month_name.{period.first.month}"),
                         year=period.first.year)
            return named if period.whole_month else self("figures.period.so_far",
                                                         period=named)
        return self("figures.period.days", first=self.date(period.first),
                    last=self.date(period.last))

    def duration(self, minutes: float) -> str:
        """ "45 min", "3 h", "5 h 20 min", "4 days"."""
        whole_minutes = round(minutes)
        if whole_minutes < 60:
            return self("figures.minutes", count=whole_minutes)
        if whole_minutes < 72 * 60:
            hours, rest = divmod(whole_minutes, 60)
            return (self("figures.hours", count=hours) if not rest
                    else self("figures.hours_minutes", count=hours, minutes=rest))
        return self.count("figures.days", round(whole_minutes / (24 * 60)))

    def change(self, now: int, before: int) -> str:
        if before == 0:
            return self("figures.change.from_none") if now else self("figures.change.same")
        percent = round(100 * (now - before) / before)
        if percent > 0:
            return self("figures.change.up", percent=percent)
        if percent < 0:
            return self("figures.change.down", percent=-percent)
        return self("figures.change.same")


# In plain words.

def brief_lines(current: Figures, previous: Figures, words: Words) -> list[str]:
    """The figures as a committee reads them, a sentence or two a topic, with the change
    from the period before: "412 requests, up 18%; 94% had a volunteer within a day."."""
    lines = []
    if current.requests:
        lines.append(words("figures.brief.requests",
                           figure=words.count("figures.requests", current.requests),
                           change=words.change(current.requests, previous.requests),
                           percent=current.within_a_day_percent))
        lines.append(words("figures.brief.kinds", kinds=kinds_line(current, words)))
        lines.append(words("figures.brief.outcomes", done_count=current.done,
                           closed=current.closed, still_open=current.still_open))
    else:
        lines.append(words("figures.brief.requests_none"))
    if current.waits.count:
        lines.append(words("figures.brief.waits", median=words.duration(current.waits.median),
                           p90=words.duration(current.waits.p90)))
    lines.append(words("figures.brief.volunteers",
                       joined=words.count("figures.volunteers_joined", current.joined),
                       change=words.change(current.joined, previous.joined),
                       helped=words.count("figures.volunteers_helped", current.helped)))
    standing = current.standing
    lines.append(words("figures.brief.standing", date=words.date(
        current.counted_at.astimezone(current.period.zone).date()),
        available=standing.available, resting=standing.paused,
        pending=standing.awaiting_checks))
    if current.calls_due or current.calls_escalated:
        lines.append(words("figures.brief.calls",
                           made=words.count("figures.calls_made", current.calls_made),
                           change=words.change(current.calls_made, previous.calls_made),
                           unanswered=current.calls_no_answer, missed=current.calls_missed,
                           escalated=current.calls_escalated))
    else:
        lines.append(words("figures.brief.calls_none"))
    if current.concerns_raised:
        lines.append(words("figures.brief.concerns",
                           raised=words.count("figures.concerns_raised",
                                              current.concerns_raised),
                           change=words.change(current.concerns_raised,
                                               previous.concerns_raised),
                           urgent_count=current.concerns_urgent))
        if current.acknowledged.count:
            lines.append(words("figures.brief.acknowledged",
                               median=words.duration(current.acknowledged.median),
                               p90=words.duration(current.acknowledged.p90)))
    else:
        lines.append(words("figures.brief.concerns_none"))
    return lines


def kinds_line(figures: Figures, words: Words) -> str:
    by_kind = figures.by_kind
    ranked = sorted((kind for kind in CATEGORIES if by_kind[kind]),
                    key=lambda kind: (-by_kind[kind], CATEGORIES.index(kind)))
    return ", ".join(words.count(f"figures.kind.{kind}", by_kind[kind]) for kind in ranked)


def key_figures_table(current: Figures, previous: Figures, words: Words,
                      table_id: str = "key-figures") -> Table:
    """This period beside the one before: the numbers the sentences are made of."""
    def percent(figures: Figures) -> str:
        share = figures.within_a_day_percent
        return "-" if share is None else f"{share}%"

    def median(times: Times) -> str:
        return "-" if times.median is None else words.duration(times.median)

    counts = (("figures.row.requests", lambda f: f.requests),
              ("figures.row.done", lambda f: f.done),
              ("figures.row.joined", lambda f: f.joined),
              ("figures.row.helped", lambda f: f.helped),
              ("figures.row.calls_made", lambda f: f.calls_made),
              ("figures.row.calls_missed", lambda f: f.calls_missed),
              ("figures.row.concerns", lambda f: f.concerns_raised))
    rows = [[words(key), str(value(current)), str(value(previous)),
             words.change(value(current), value(previous))] for key, value in counts]
    rows.insert(1, [words("figures.row.within_day"), percent(current), percent(previous), ""])
    rows.insert(2, [words("figures.row.median_wait"), median(current.waits),
                    median(previous.waits), ""])
    rows.append([words("figures.row.median_ack"), median(current.acknowledged),
                 median(previous.acknowledged), ""])
    return table(table_id, words("figures.heading.key_figures"),
                      (words("figures.column.figure"), words.period(current.period),
                  words.period(previous.period), words("figures.column.change")), rows)


# Charts, each with its table.

def figure_sections(figures: Figures, words: Words, *, now_too: bool,
                    prefix: str = "fig") -> list[FigureSection]:
    """Every chart for the period with its table. `now_too`: the districts chart shows
    open requests and available volunteers now beside the requests of the period."""
    sections = (requests_section, waits_section, districts_section, volunteers_section,
                standing_section, calls_section, concerns_section, acknowledged_section)
    return [draw(figures, words, f"{prefix}-{draw.__name__.split('_')[0]}", now_too)
            for draw in sections]


def section(figures: Figures, words: Words, section_id: str, heading: str, labels: list[str], series: list[Series], columns: list[str],
            rows: list[list[str]], *, stacked: bool = False,
            value_text: Callable[[float], str] = whole,
            tick_labels: list[str] | None = None) -> FigureSection:
    chart = measure_bar_chart(f"{section_id}-chart", heading, words("figures.chart_note"),
                              labels, series, stacked=stacked, value_text=value_text,
                              tick_labels=tick_labels)
    return FigureSection(section_id, heading, chart,
                         table(f"{section_id}-table", heading, columns, rows))


def nothing(section_id: str, heading: str, words: Words) -> FigureSection:
    return FigureSection(section_id, heading, None, None, words("figures.nothing"))


def requests_section(figures, words, section_id, now_too) -> FigureSection:
    names = [words(f"category.{kind}") for kind in CATEGORIES]
    shown = [n for n in range(len(CATEGORIES)) if any(day.by_kind[n] for day in figures.days)]
    series = [Series(names[n], tuple(day.by_kind[n] for day in figures.days))
              for n in shown or range(len(CATEGORIES))]
    rows = [[words.day(day.day), *(str(count) for count in day.by_kind), str(day.total)]
            for day in figures.days]
    return section(figures, words, section_id,
                   words("figures.heading.requests"),
                   [words.day(day.day) for day in figures.days], series,
                   [words("figures.column.day"), *names, words("figures.column.total")], rows,
                   stacked=True, tick_labels=[str(day.day.day) for day in figures.days])


def times_section(figures, words, section_id, heading, weeks, counts,
                  count_columns) -> FigureSection:
    longest = max((t.p90 for _, t in weeks if t.p90 is not None), default=0)
    per_unit = 60.0 if longest > HOURS_FROM else 1.0
    labels = [words.week(week) for week, _ in weeks]
    series = [Series(words("figures.column.median"),
                     tuple(None if t.median is None else t.median / per_unit for _, t in weeks)),
              Series(words("figures.column.p90"),
                     tuple(None if t.p90 is None else t.p90 / per_unit for _, t in weeks))]

    def shown(minutes: float | None) -> str:
        return "-" if minutes is None else words.duration(minutes)

    rows = [[label, *(str(c) for c in row_counts), shown(t.median), shown(t.p90)]
            for label, row_counts, (_, t) in zip(labels, counts, weeks)]
    return section(figures, words, section_id, heading, labels, series,
                   [words("figures.column.week"), *count_columns,
                    words("figures.column.median"), words("figures.column.p90")], rows,
                   value_text=lambda value: words.duration(value * per_unit),
                   tick_labels=[words.day_month(week.first) for week, _ in weeks])


def waits_section(figures, words, section_id, now_too) -> FigureSection:
    weeks = [(w.week, w.matched) for w in figures.waits_by_week]
    counts = [(w.requests, w.matched.count) for w in figures.waits_by_week]
    return times_section(figures, words, section_id,
                         words("figures.heading.waits"), weeks, counts,
                         [words("figures.column.requests"), words("figures.column.matched")])


def acknowledged_section(figures, words, section_id, now_too) -> FigureSection:
    weeks = [(w.week, w.acknowledged) for w in figures.concerns_by_week]
    counts = [(w.raised, w.acknowledged.count) for w in figures.concerns_by_week]
    return times_section(figures, words, section_id,
                         words("figures.heading.acknowledged"), weeks, counts,
                         [words("figures.column.raised"), words("figures.column.acknowledged")])


def districts_section(figures, words, section_id, now_too) -> FigureSection:
    heading = words("figures.heading.districts")
    districts = [d for d in figures.districts if d.requests or now_too]
    if not districts:
        return nothing(section_id, heading, words)
    measures = [("figures.column.requests", lambda d: d.requests)]
    if now_too:
        measures += [("figures.column.open", lambda d: d.open_now),
                     ("figures.column.available", lambda d: d.volunteers_available)]
    series = [Series(words(key), tuple(value(d) for d in districts)) for key, value in measures]
    rows = [[d.district, *(str(value(d)) for _, value in measures)] for d in districts]
    return section(figures, words, section_id, heading,
                   [d.district for d in districts], series,
                   [words("figures.column.district"), *(words(key) for key, _ in measures)],
                   rows)


def weekly_section(figures, words, section_id, heading, weeks, measures
                   ) -> FigureSection:
    labels = [words.week(week.week) for week in weeks]
    series = [Series(words(key), tuple(getattr(week, name) for week in weeks))
              for key, name in measures]
    rows = [[label, *(str(getattr(week, name)) for _, name in measures)]
            for label, week in zip(labels, weeks)]
    return section(figures, words, section_id, heading, labels, series,
                   [words("figures.column.week"), *(words(key) for key, _ in measures)], rows,
                   tick_labels=[words.day_month(week.week.first) for week in weeks])


def volunteers_section(figures, words, section_id, now_too) -> FigureSection:
    return weekly_section(figures, words, section_id,
                          words("figures.heading.volunteers"), figures.volunteers_by_week,
                          (("figures.column.joined", "joined"),
                           ("figures.column.helped", "helped"),
                           ("figures.column.left", "left")))


def standing_section(figures, words, section_id, now_too) -> FigureSection:
    standing = figures.standing
    heading = words("figures.heading.standing", date=words.date(
        figures.counted_at.astimezone(figures.period.zone).date()))
    labels = [words("figures.row.available"), words("figures.row.paused"),
              words("figures.row.pending")]
    values = (standing.available, standing.paused, standing.awaiting_checks)
    return section(figures, words, section_id, heading, labels,
                   [Series(words("figures.column.volunteers"), values)],
                   [words("figures.column.volunteers"), words("figures.column.total")],
                   [[label, str(value)] for label, value in zip(labels, values)])


def calls_section(figures, words, section_id, now_too) -> FigureSection:
    return weekly_section(figures, words, section_id,
                          words("figures.heading.calls"), figures.calls_by_week,
                          (("figures.column.made", "made"),
                           ("figures.column.no_answer", "no_answer"),
                           ("figures.column.missed", "missed"),
                           ("figures.column.escalated", "escalated")))


def concerns_section(figures, words, section_id, now_too) -> FigureSection:
    return weekly_section(figures, words, section_id,
                          words("figures.heading.concerns"), figures.concerns_by_week,
                          (("figures.column.raised", "raised"),
                           ("figures.column.urgent", "urgent")))
