"""The dashboard's Statistics page: today at a glance, then the figures of a period as
charts with their tables, and the same as a report to print and as CSV.

    GET /dashboard/stats                  ?period=week | 4weeks (the default)
                                          | month&month=2026-11 | custom&from=…&to=…
    GET /dashboard/stats/report.html      the report for that period (a download)
    GET /dashboard/stats/figures.csv      its figures as CSV (a download)

The period is chosen with links and plain GET forms: no JavaScript. Mixed into
`Dashboard`; the figures come from bot/services/coordinating/figures.py and the words from
the catalogue, in the coordinator's language.
"""

from __future__ import annotations

import io
import re
from datetime import date, datetime
from typing import Mapping
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from starlette.requests import Request
from starlette.responses import Response

from bot.channels.figures_view import (
    Words,
    brief_lines,
    figure_sections,
    key_figures_table,
)
from bot.channels.report_page import report_html
from bot.channels.templating import Page
from bot.dialogue.given_time import describe_minutes
from bot.services.shared import audit
from bot.services.coordinating.figures import (
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
from bot.services.coordinating.figures_csv import write_figures_csv
from bot.services.help_requests.volunteer_time import month_by_volunteer, month_start

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

    def _figures(self, session, period: Period, now: datetime
                 ) -> tuple[Figures, Figures]:
        return figures_for(session, period, now), figures_for(session, previous_period(period),
                                                              now)

    def stats_page(self, session, coordinator, request, now) -> Page:
        words = Words(coordinator.language)
        zone_name = self.hub.settings.timezone
        period, query, unreadable = period_asked(request.query_params, now, zone_name)
        current, previous = self._figures(session, period, now)
        glance = self.hub.admin.do_stats(session, coordinator, "", now, self._say(coordinator))
        return Page("stats.html", "Statistics", {
            "words": words,
            "glance": [part.strip().rstrip(".")
                       for part in glance.replace(". ", ".\n").splitlines() if part.strip()],
            "picker": self._period_picker(period, query, today_in(zone_name, now)),
            "unreadable": unreadable, "period_name": words.period(period),
            "downloads": urlencode(query), "brief": brief_lines(current, previous, words),
            "key_figures": key_figures_table(current, previous, words),
            "sections": figure_sections(current, words, now_too=True),
            "volunteer_time": self._volunteer_time(session, coordinator.language, now)},
            styles=("/dashboard/static/charts.css",))

    def _volunteer_time(self, session, language: str, now: datetime) -> list[tuple[str, ...]]:
        """This month's tasks, check-in calls, neighbours and time given, one row a volunteer,
        most first."""
        zone = ZoneInfo(self.hub.settings.timezone)
        return [(v.first_name or "?", str(v.neighbours), str(v.tasks), str(v.calls),
                 describe_minutes(language, v.minutes))
                for v in month_by_volunteer(session, month_start(now.astimezone(zone).date()),
                                            zone)]

    @staticmethod
    def _period_picker(period: Period, query: dict[str, str], today: date) -> dict[str, str]:
        """What the period links and forms show chosen and filled in."""
        return {"chosen": query["period"],
                "month": query.get("month") or f"{period.last:%Y-%m}",
                "latest_month": f"{today:%Y-%m}",
                "first": query.get("from") or period.first.isoformat(),
                "last": query.get("to") or period.last.isoformat()}

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
