"""The dashboard's Statistics page: today at a glance, then the figures of a period as
charts with their tables, and the same as a report to print and as CSV.

    GET /dashboard/stats                  ?period=week | 4weeks (the default)
                                          | month&month=2026-11 | custom&from=…&to=…
    GET /dashboard/stats/report.html      the report for that period (a download)
    GET /dashboard/stats/figures.csv      its figures as CSV (a download)

The period is chosen with links and plain GET forms: no JavaScript. Mixed into
`Dashboard`; the figures come from bot/services/figures.py and the words from
the catalogue, in the coordinator's language.
"""

from __future__ import annotations

import io
import re
from datetime import date, datetime
from typing import Mapping
from urllib.parse import urlencode

from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.responses import Response

from bot.channels.figures_view import (
    Words,
    brief_lines,
    brief_list,
    figure_sections,
    key_figures_table,
)
from bot.channels.html_text import h
from bot.channels.report_page import report_html
from bot.services import audit
from bot.services.figures import (
    Figures,
    Period,
    PeriodError,
    days_between,
    figures_for,
    last_four_weeks,
    month_of,
    previous_period,
    this_week,
    today_in,
)
from bot.services.figures_csv import write_figures_csv

CHANNEL = "dashboard"
MONTH = re.compile(r"(\d{4})-(\d{1,2})")


def period_asked(query: Mapping[str, str], now: datetime, zone_name: str
                 ) -> tuple[Period, dict[str, str], bool]:
    """The period the page's links and forms ask for, the query that names it, and whether
    what was asked could not be read (then: the last 4 weeks)."""
    asked = query.get("period", "4weeks")
    try:
        if asked == "week":
            return this_week(now, zone_name), {"period": "week"}, False
        if asked == "month":
            found = MONTH.fullmatch(query.get("month", "").strip())
            if found is None:
                raise PeriodError("a month is written 2026-11")
            year, month = int(found[1]), int(found[2])
            return (month_of(year, month, now, zone_name),
                    {"period": "month", "month": f"{year:04d}-{month:02d}"}, False)
        if asked == "custom":
            first = date.fromisoformat(query.get("from", "").strip())
            last = date.fromisoformat(query.get("to", "").strip())
            period = days_between(first, last, now, zone_name)
            return period, {"period": "custom", "from": period.first.isoformat(),
                            "to": period.last.isoformat()}, False
        unreadable = asked != "4weeks"
    except (PeriodError, ValueError):
        unreadable = True
    return last_four_weeks(now, zone_name), {"period": "4weeks"}, unreadable


def period_file_name(period: Period) -> str:
    if period.month:
        return f"{period.first:%Y-%m}"
    return f"{period.first.isoformat()}-to-{period.last.isoformat()}"


class StatisticsPages:
    """Needs from the host: hub, _say, _run, _as_coordinator and _protect."""

    def _figures(self, session: Session, period: Period, now: datetime
                 ) -> tuple[Figures, Figures]:
        return figures_for(session, period, now), figures_for(session, previous_period(period),
                                                              now)

    def stats_page(self, session, coordinator, request, now):
        words = Words(coordinator.language)
        zone_name = self.hub.settings.timezone
        period, query, unreadable = period_asked(request.query_params, now, zone_name)
        current, previous = self._figures(session, period, now)
        glance = self.hub.admin.do_stats(session, coordinator, "", now, self._say(coordinator))
        glance_items = "".join(f"<li>{h(part.strip().rstrip('.'))}</li>"
                               for part in glance.replace(". ", ".\n").splitlines()
                               if part.strip())
        said = (f'<p class="flash" role="status">{h(words("figures.form.unreadable"))}</p>'
                if unreadable else "")
        downloads = urlencode(query)
        body = (
            "<h1>Statistics</h1>"
            f'<h2>{h(words("figures.heading.glance"))}</h2><ul>{glance_items}</ul>'
            f"{self._period_picker(words, period, query, today_in(zone_name, now))}{said}"
            f'<h2 id="period-heading">{h(words("figures.heading.period", period=words.period(period)))}'
            "</h2>"
            '<ul class="downloads">'
            f'<li><a href="/dashboard/stats/report.html?{h(downloads)}" download>'
            f'{h(words("figures.download.report"))}</a></li>'
            f'<li><a href="/dashboard/stats/figures.csv?{h(downloads)}" download>'
            f'{h(words("figures.download.csv"))}</a></li></ul>'
            f'<h3>{h(words("figures.heading.brief"))}</h3>'
            f"{brief_list(brief_lines(current, previous, words))}"
            f"{key_figures_table(current, previous, words)}"
            f"{figure_sections(current, words, now_too=True, heading_level=3)}")
        return "Statistics", body, ("styles", ("/dashboard/static/charts.css",))

    @staticmethod
    def _period_picker(words: Words, period: Period, query: dict[str, str],
                       today: date) -> str:
        here = ' aria-current="page"'
        chosen = query["period"]
        month = query.get("month") or f"{period.last:%Y-%m}"
        first = query.get("from") or period.first.isoformat()
        last = query.get("to") or period.last.isoformat()
        return (
            f'<nav class="period-form" aria-label="{h(words("figures.form.legend"))}">'
            f'<p><a href="/dashboard/stats?period=week"{here if chosen == "week" else ""}>'
            f'{h(words("figures.form.week"))}</a> · '
            f'<a href="/dashboard/stats?period=4weeks"{here if chosen == "4weeks" else ""}>'
            f'{h(words("figures.form.four_weeks"))}</a></p>'
            '<form method="get" action="/dashboard/stats"><fieldset>'
            f'<legend id="month-legend">{h(words("figures.form.month"))}</legend>'
            '<input type="hidden" name="period" value="month">'
            f'<input type="month" id="month" name="month" value="{h(month)}" '
            f'max="{today:%Y-%m}" aria-labelledby="month-legend" pattern="[0-9]{{4}}-[0-9]{{2}}">'
            f'<button type="submit">{h(words("figures.form.show"))}</button></fieldset></form>'
            '<form method="get" action="/dashboard/stats"><fieldset>'
            f'<legend>{h(words("figures.form.dates"))}</legend>'
            '<input type="hidden" name="period" value="custom">'
            f'<label for="from">{h(words("figures.form.custom"))}</label>'
            f'<input type="date" id="from" name="from" value="{h(first)}">'
            f'<label for="to">{h(words("figures.form.to"))}</label>'
            f'<input type="date" id="to" name="to" value="{h(last)}">'
            f'<button type="submit">{h(words("figures.form.show"))}</button></fieldset></form>'
            "</nav>")

    async def stats_report(self, request: Request, visitor) -> Response:
        return await self._figures_download(request, visitor, "report")

    async def stats_csv(self, request: Request, visitor) -> Response:
        return await self._figures_download(request, visitor, "figures")

    async def _figures_download(self, request: Request, visitor, what: str) -> Response:
        now = self.hub.clock()
        settings = self.hub.settings

        def work(session, coordinator):
            period, _, _ = period_asked(request.query_params, now, settings.timezone)
            current, previous = self._figures(session, period, now)
            audit.record(session, "dashboard.exported", now, actor_id=coordinator.id,
                         channel=CHANNEL, subject=what, first=period.first.isoformat(),
                         last=period.last.isoformat())
            if what == "report":
                return period, report_html(current, previous, settings.hub_name,
                                           coordinator.language, now)
            stream = io.StringIO()
            write_figures_csv(stream, current, previous)
            return period, stream.getvalue()

        period, body = await self._run(self._as_coordinator, visitor, work)
        name = f"{what}-{period_file_name(period)}"
        media, suffix = (("text/html; charset=utf-8", "html") if what == "report"
                         else ("text/csv; charset=utf-8", "csv"))
        response = Response(body, media_type=media, headers={
            "Content-Disposition": f'attachment; filename="{name}.{suffix}"'})
        self._protect(response)
        return response
