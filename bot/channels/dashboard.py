"""The coordinators' web dashboard at /dashboard, served by `neighbourly serve`.

Server-rendered pages (no JavaScript but the map's): the queue, concerns,
volunteers, statistics, CSV exports and a map of open requests and available
volunteers counted by postcode district. A coordinator texts DASHBOARD and
gets a one-time link; signing in sets a signed session cookie. Nothing about
a session is stored (bot/services/dashboard_auth.py); every page and form
checks again that its holder is still a coordinator, and every form carries a
CSRF token made from the session. What a coordinator does here goes through
the same services as the chat commands and is audited with channel
"dashboard".

    GET  /dashboard                  the queue
    GET  /dashboard/signin?token=    a one-time link: shows a Sign in button
    POST /dashboard/signin           uses the link up, sets the session cookie (only from
                                     the link's page: its Origin and its token, else 403)
    GET  /dashboard/signin-help      how to get a link
    GET  /dashboard/concerns         POST .../{n}/ack, .../{n}/resolve
    GET  /dashboard/volunteers       POST .../{id}/approve, .../{id}/suspend
    GET  /dashboard/stats            ?period=…; .../stats/report.html, .../stats/figures.csv
    GET  /dashboard/map              GET /dashboard/map.json (counts by district)
    GET  /dashboard/export/requests.csv, .../volunteers.csv, .../calls.csv
    GET  /dashboard/download?token=  a one-time download link (EXPORT by SMS): a button
    POST /dashboard/download         uses the link up, answers with the CSV file
    POST /dashboard/signout
"""

from __future__ import annotations

import asyncio
import io
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Awaitable, Callable
from urllib.parse import parse_qsl, quote, urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from bot.channels.dashboard_cases import CasePages
from bot.channels.dashboard_intake import NEW_REQUEST_PATH, IntakePages
from bot.channels.dashboard_conversation import ConversationBox
from bot.channels.dashboard_partners import PAGES as PARTNER_PAGES
from bot.channels.dashboard_partners import PartnerPages
from bot.channels.dashboard_requests import RequestPages, request_path
from bot.channels.dashboard_stats import StatisticsPages
from bot.channels.html_text import h
from bot.services import audit
from bot.services.admin import (
    checks_held_text as checks_held,
    district_of,
    queue_state,
    suspension_news,
)
from bot.services.dashboard_auth import (
    SESSION_LIFETIME,
    DashboardSession,
    Signer,
    download_usable,
    is_coordinator,
    link_usable,
    load_secret_key,
    read_session_cookie,
    session_cookie,
    use_download_token,
    use_signin_token,
)
from bot.services.describe import aware, how_long, name_of
from bot.services.exports import export_calls, export_requests
from bot.services.volunteers_csv import export_volunteers
from models import (
    OPEN_STATUSES,
    Concern,
    ConcernStatus,
    HelpRequest,
    Person,
    VettingStatus,
    VolunteerProfile,
)

log = logging.getLogger("bot.channels.dashboard")

STATIC = Path(__file__).parent / "static"
COOKIE = "neighbourly_dashboard"
CHANNEL = "dashboard"
FLASH_LIFETIME = timedelta(minutes=2)
NAVIGATION = (("/dashboard", "Queue"), ("/dashboard/new-request", "New request"),
              ("/dashboard/concerns", "Concerns"),
              ("/dashboard/volunteers", "Volunteers"), ("/dashboard/stats", "Statistics"),
              ("/dashboard/map", "Map"), *PARTNER_PAGES, ("/dashboard/export", "Export"))
DOWNLOADS = {"requests": "Requests", "volunteers": "Volunteers", "calls": "Check-in calls"}
CHECKS = (("id", "ID check"), ("dbs", "DBS check"), ("training", "Training"))
FORM_LIMIT = 64 * 1024  # bytes: the dashboard's forms are short


class Form:
    """A urlencoded form body, read without python-multipart."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self._pairs = pairs

    def get(self, name: str) -> str | None:
        return next((value for key, value in self._pairs if key == name), None)

    def getlist(self, name: str) -> list[str]:
        return [value for key, value in self._pairs if key == name]


async def read_form(request: Request) -> Form:
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > FORM_LIMIT:
            return Form([])
    if not request.headers.get("content-type", "").startswith(
            "application/x-www-form-urlencoded"):
        return Form([])
    return Form(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))


@dataclass(frozen=True)
class Visitor:
    """A signed-in coordinator on this request."""

    session: DashboardSession
    csrf: str


class Forbidden(Exception):
    """The session's holder is no longer a coordinator."""


class Dashboard(PartnerPages, RequestPages, CasePages, IntakePages, ConversationBox,
                StatisticsPages):
    def __init__(self, hub, runner: Callable[[], Callable[..., Awaitable[Any]] | None]
                 = lambda: None) -> None:
        self.hub = hub
        settings = hub.settings
        self.signer: Signer = getattr(hub, "signer", None) or Signer(
            lambda: load_secret_key(settings.secret_key, settings.cache_dir))
        self.secure = settings.public_url.startswith("https://")
        self.tiles_url = settings.map_tiles_url
        self._runner = runner

    def routes(self) -> list[BaseRoute]:
        page = lambda path, render: Route(path, self._page(render), methods=["GET"])  # noqa: E731
        form = lambda path, act: Route(path, self._form(act), methods=["POST"],  # noqa: E731
                                       max_body_size=FORM_LIMIT)
        return [
            page("/dashboard", self.queue_page),
            page("/dashboard/", self.queue_page),
            Route("/dashboard/signin", self.signin_page, methods=["GET"]),
            Route("/dashboard/signin", self.signin, methods=["POST"], max_body_size=FORM_LIMIT),
            Route("/dashboard/signin-help", self.signin_help, methods=["GET"]),
            page("/dashboard/requests/{reference}", self.request_page),
            form("/dashboard/requests/{reference}/assign", self.assign_request),
            form("/dashboard/requests/{reference}/handover", self.hand_over_calls),
            form("/dashboard/requests/{reference}/case/{command}", self.act_on_case),
            page(NEW_REQUEST_PATH, self.new_request_page),
            form(NEW_REQUEST_PATH, self.record_new_request),
            form("/dashboard/requests/{reference}/text", self.text_resident),
            page("/dashboard/concerns", self.concerns_page),
            form("/dashboard/concerns/{number:int}/ack", self.acknowledge),
            form("/dashboard/concerns/{number:int}/resolve", self.resolve),
            page("/dashboard/volunteers", self.volunteers_page),
            form("/dashboard/volunteers/{person:int}/approve", self.approve),
            form("/dashboard/volunteers/{person:int}/suspend", self.suspend),
            page("/dashboard/stats", self.stats_page),
            Route("/dashboard/stats/report.html", self._guarded(self.stats_report),
                  methods=["GET"]),
            Route("/dashboard/stats/figures.csv", self._guarded(self.stats_csv),
                  methods=["GET"]),
            page("/dashboard/map", self.map_page),
            page("/dashboard/export", self.export_page),
            page("/dashboard/directory", self.directory_page),
            form("/dashboard/directory/add", self.add_entry),
            form("/dashboard/directory/{entry:int}/remove", self.remove_entry),
            page("/dashboard/partners", self.partners_page),
            page("/dashboard/money", self.money_page),
            form("/dashboard/money/{request:int}/settle", self.settle_receipt),
            Route("/dashboard/map.json", self._guarded(self.map_json), methods=["GET"]),
            Route("/dashboard/export/requests.csv", self._guarded(self.requests_csv),
                  methods=["GET"]),
            Route("/dashboard/export/volunteers.csv", self._guarded(self.volunteers_csv),
                  methods=["GET"]),
            Route("/dashboard/export/calls.csv", self._guarded(self.calls_csv),
                  methods=["GET"]),
            Route("/dashboard/download", self.download_page, methods=["GET"]),
            Route("/dashboard/download", self.download, methods=["POST"],
                  max_body_size=FORM_LIMIT),
            form("/dashboard/signout", self.signout),
            Mount("/dashboard/static", StaticFiles(directory=STATIC), name="dashboard-static"),
        ]

    # Plumbing: sessions, CSRF, one transaction per request.

    async def _run(self, function: Callable[..., Any], *args: Any) -> Any:
        runner = self._runner()
        if runner is None:
            return await asyncio.to_thread(function, *args)
        return await runner(function, *args)

    def _visitor(self, request: Request) -> Visitor | None:
        found = read_session_cookie(self.signer, request.cookies.get(COOKIE), self.hub.clock())
        if found is None:
            return None
        return Visitor(found, self.signer.csrf_token(found.session_id))

    def _as_coordinator(self, visitor: Visitor, work: Callable[[Session, Person], Any]) -> Any:
        """`work` in one transaction, if the visitor is still a coordinator."""
        with self.hub.session_factory.begin() as session:
            if not is_coordinator(session, visitor.session.person_id):
                raise Forbidden()
            return work(session, session.get(Person, visitor.session.person_id))

    def _guarded(self, handler):
        """GET: signed-in coordinators only; others go to the sign-in help."""
        async def endpoint(request: Request) -> Response:
            visitor = self._visitor(request)
            if visitor is None:
                return self._to_signin_help()
            try:
                return await handler(request, visitor)
            except Forbidden:
                return self._to_signin_help(forget=True)
        return endpoint

    def _page(self, render):
        async def handler(request: Request, visitor: Visitor) -> Response:
            now = self.hub.clock()
            title, body, *extra = await self._run(
                self._as_coordinator, visitor,
                lambda session, coordinator: render(session, coordinator, request, now))
            flash = self.signer.verify("flash", request.query_params.get("said"), now)
            return self._html(self._layout(title, body, visitor, request.url.path,
                                           flash["text"] if flash else None, **dict(extra)))
        return self._guarded(handler)

    def _form(self, act):
        """POST: a session, its CSRF token and a coordinator, else 403; then back to the page."""
        async def endpoint(request: Request) -> Response:
            visitor = self._visitor(request)
            form = await read_form(request)
            if visitor is None:
                return self._refused("Please sign in again: text DASHBOARD to the hub.")
            if not self.signer.csrf_ok(visitor.session.session_id, form.get("csrf")):
                return self._refused("This form has expired. Go back, reload the page and try "
                                     "again.")
            now = self.hub.clock()
            try:
                back, said = await self._run(
                    self._as_coordinator, visitor,
                    lambda session, coordinator: act(session, coordinator, request, form, now))
            except Forbidden:
                return self._refused("Only coordinators can use the dashboard.")
            response = RedirectResponse(self._with_flash(back, said, now), status_code=303)
            if back == "/dashboard/signin-help":
                response.delete_cookie(COOKIE, path="/dashboard")
            return response
        return endpoint

    def _with_flash(self, path: str, text: str | None, now: datetime) -> str:
        if not text:
            return path
        token = self.signer.sign("flash", {"text": text,
                                           "exp": int((now + FLASH_LIFETIME).timestamp())})
        return f"{path}?said={quote(token)}"

    def _to_signin_help(self, forget: bool = False) -> Response:
        response = RedirectResponse("/dashboard/signin-help", status_code=303)
        if forget:
            response.delete_cookie(COOKIE, path="/dashboard")
        return response

    def _refused(self, text: str) -> Response:
        body = f"<h1>Not allowed</h1><p>{h(text)}</p>"
        return self._html(self._layout("Not allowed", body, None, ""), status_code=403)

    def _html(self, body: str, status_code: int = 200) -> HTMLResponse:
        response = HTMLResponse(body, status_code=status_code)
        self._protect(response)
        return response

    def _protect(self, response: Response) -> None:
        tiles = urlsplit(self.tiles_url.replace("{s}", "a"))
        tile_origin = f"{tiles.scheme}://{tiles.netloc.replace('a.', '*.', 1)}" \
            if "{s}" in self.tiles_url else f"{tiles.scheme}://{tiles.netloc}"
        response.headers.update({
            "Cache-Control": "no-store",
            "Referrer-Policy": "no-referrer",  # a sign-in link must not leak to another site
            "X-Frame-Options": "DENY",
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": (
                "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                f"img-src 'self' data: {tile_origin}; connect-src 'self'; "
                "frame-ancestors 'none'; form-action 'self'; base-uri 'none'"),
        })

    def _layout(self, title: str, body: str, visitor: Visitor | None, current: str,
                flash: str | None = None, scripts: tuple[str, ...] = (),
                styles: tuple[str, ...] = ()) -> str:
        hub_name = h(self.hub.settings.hub_name)
        nav = ""
        if visitor is not None:
            here = ' aria-current="page"'
            links = "".join(
                f'<li><a href="{path}"{here if path == current else ""}>{label}</a></li>'
                for path, label in NAVIGATION)
            nav = (f'<nav aria-label="Dashboard"><ul>{links}</ul>'
                   f'<form method="post" action="/dashboard/signout" class="signout">'
                   f'{self._csrf_field(visitor)}<button type="submit">Sign out</button></form>'
                   "</nav>")
        said = f'<p class="flash" role="status">{h(flash)}</p>' if flash else ""
        head_styles = "".join(f'<link rel="stylesheet" href="{s}">' for s in styles)
        tail_scripts = "".join(f'<script src="{s}"></script>' for s in scripts)
        return (
            '<!doctype html><html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{h(title)} · {hub_name} dashboard</title>{head_styles}"
            '<link rel="stylesheet" href="/dashboard/static/dashboard.css"></head><body>'
            '<a class="skip" href="#main">Skip to main content</a>'
            f'<header><p class="hub">{hub_name} · coordinators</p>{nav}</header>'
            f'<main id="main" tabindex="-1">{said}{body}</main>{tail_scripts}</body></html>')

    @staticmethod
    def _csrf_field(visitor: Visitor) -> str:
        return f'<input type="hidden" name="csrf" value="{h(visitor.csrf)}">'

    # Signing in and out.

    async def signin_help(self, request: Request) -> Response:
        body = ("<h1>Sign in to the dashboard</h1>"
                "<p>Text <strong>DASHBOARD</strong> to the hub from the phone or Telegram "
                "account you use as a coordinator. You will get a link that works once, "
                "for 15 minutes. Open it on this device and choose Sign in.</p>"
                "<p>A signed-in session lasts 12 hours.</p>")
        return self._html(self._layout("Sign in", body, None, ""))

    async def signin_page(self, request: Request) -> Response:
        """Opening a link only shows a button, so link previews cannot use it up."""
        token = request.query_params.get("token", "")
        if not await self._run(self._link_usable, token, self.hub.clock()):
            return self._bad_link()
        csrf = self.signer.link_csrf_token(token)
        body = ("<h1>Sign in to the dashboard</h1>"
                '<form method="post" action="/dashboard/signin">'
                f'<input type="hidden" name="token" value="{h(token)}">'
                f'<input type="hidden" name="csrf" value="{h(csrf)}">'
                '<button type="submit" id="sign-in">Sign in</button></form>')
        response = self._html(self._layout("Sign in", body, None, ""))
        # Browsers send "Origin: null" with a POST from a no-referrer page; the sign-in
        # checks the Origin, and the link still goes to no other site.
        response.headers["Referrer-Policy"] = "same-origin"
        return response

    async def signin(self, request: Request) -> Response:
        form = await read_form(request)
        token = form.get("token")
        # Signing in is only done from the link's own page on this hub: another site's form
        # (signing someone into a session not theirs) has neither its origin nor its token.
        if not (self._from_own_page(request)
                and self.signer.link_csrf_ok(token, form.get("csrf"))):
            log.warning("dashboard: refused a sign-in not sent from the link's own page")
            return self._refused("This sign-in did not come from the hub's own page. Open "
                                 "the link again and choose Sign in.")
        now = self.hub.clock()
        started = await self._run(self._use_link, token, now)
        if started is None:
            return self._bad_link()
        response = RedirectResponse("/dashboard", status_code=303)
        response.set_cookie(COOKIE, session_cookie(self.signer, started),
                            max_age=int(SESSION_LIFETIME.total_seconds()), path="/dashboard",
                            secure=self.secure, httponly=True, samesite="lax")
        return response

    def _from_own_page(self, request: Request) -> bool:
        """The POST's Origin is this hub: its public address, or the address it was reached at."""
        origin = request.headers.get("origin", "")
        public = urlsplit(self.hub.settings.public_url)
        own = {f"{request.url.scheme}://{request.url.netloc}".lower()}
        if public.scheme and public.netloc:
            own.add(f"{public.scheme}://{public.netloc}".lower())
        return origin.lower() in own

    def _link_usable(self, token: str, now: datetime) -> bool:
        with self.hub.session_factory() as session:
            return link_usable(session, self.signer, token, now)

    def _use_link(self, token: str | None, now: datetime) -> DashboardSession | None:
        with self.hub.session_factory.begin() as session:
            return use_signin_token(session, self.signer, token, now)

    def _bad_link(self) -> Response:
        body = ("<h1>This link does not work</h1><p>Links work once, for 15 minutes. Text "
                "<strong>DASHBOARD</strong> to the hub for a new one.</p>")
        return self._html(self._layout("Link does not work", body, None, ""), status_code=403)

    def signout(self, session, coordinator, request, form, now):
        audit.record(session, "dashboard.signed_out", now, actor_id=coordinator.id,
                     channel=CHANNEL)
        return "/dashboard/signin-help", None

    # The queue.

    def queue_page(self, session: Session, coordinator: Person, request: Request, now: datetime):
        say = self._say(coordinator)
        rows = []
        for item in session.scalars(select(HelpRequest).where(
                HelpRequest.status.in_(OPEN_STATUSES))
                .order_by(HelpRequest.created_at, HelpRequest.id)):
            state = queue_state(session, item, now.date(), say)
            if state is not None:
                rows.append(
                    f'<tr><td><a href="{request_path(item.reference)}">{h(item.reference)}</a></td>'
                    f"<td>{h(say(f'category.{item.category}'))}</td>"
                    f"<td>{h(district_of(item.postcode))}</td>"
                    f"<td>{h(how_long(now - aware(item.created_at, now)))}</td>"
                    f"<td>{h(state)}</td></tr>")
        if not rows:
            return "Queue", ("<h1>Queue</h1>"
                             "<p>Nothing waiting. Every open request has a volunteer.</p>")
        table = self._table("Requests waiting, oldest first",
                            ("Reference", "Help", "District", "Waiting", "Why it waits"), rows)
        return "Queue", ("<h1>Queue</h1><p>Unmatched, offered but unanswered, and overdue.</p>"
                         f"{table}")

    # Concerns.

    def concerns_page(self, session, coordinator, request, now):
        concerns = session.scalars(
            select(Concern).where(Concern.status != ConcernStatus.RESOLVED)
            .order_by(Concern.urgent.desc(), Concern.raised_at)).all()
        visitor = self._visitor(request)
        if not concerns:
            return "Concerns", "<h1>Concerns</h1><p>No open concerns.</p>"
        items = []
        for concern in concerns:
            raiser = session.get(Person, concern.raised_by_id) if concern.raised_by_id else None
            task = session.get(HelpRequest, concern.request_id) if concern.request_id else None
            heading = (f"C-{concern.id}{' · URGENT' if concern.urgent else ''} · "
                       f"{concern.status} · {how_long(now - aware(concern.raised_at, now))} ago")
            ack = "" if concern.status != ConcernStatus.OPEN else (
                f'<form method="post" action="/dashboard/concerns/{concern.id}/ack">'
                f'{self._csrf_field(visitor)}<button type="submit">Acknowledge C-{concern.id}'
                "</button></form>")
            items.append(
                f'<li class="concern"><h2>{h(heading)}</h2>'
                f"<p>{h(concern.text)}</p>"
                f"<p>Raised by {h(name_of(raiser))} ({h(concern.source)})"
                f"{', about ' + h(task.reference) if task else ''}.</p>{ack}"
                f'<form method="post" action="/dashboard/concerns/{concern.id}/resolve">'
                f"{self._csrf_field(visitor)}"
                f'<label for="note-{concern.id}">What was done (needed to resolve)</label>'
                f'<textarea id="note-{concern.id}" name="note" rows="2" required></textarea>'
                f'<button type="submit">Resolve C-{concern.id}</button></form></li>')
        return "Concerns", f'<h1>Concerns</h1><ul class="cards">{"".join(items)}</ul>'

    def acknowledge(self, session, coordinator, request, form, now):
        replies = self.hub.concerns.manage(session, coordinator, "ack",
                                           request.path_params["number"], "", CHANNEL, now)
        return "/dashboard/concerns", replies[0].text

    def resolve(self, session, coordinator, request, form, now):
        note = str(form.get("note") or "").strip()[:1000]
        replies = self.hub.concerns.manage(session, coordinator, "resolve",
                                           request.path_params["number"], note, CHANNEL, now)
        return "/dashboard/concerns", replies[0].text

    # Volunteers.

    def volunteers_page(self, session, coordinator, request, now):
        visitor = self._visitor(request)
        rows = session.execute(
            select(VolunteerProfile, Person).join(Person, Person.id == VolunteerProfile.person_id)
            .where(VolunteerProfile.left_at.is_(None), Person.erased_at.is_(None),
                   VolunteerProfile.vetting_status.in_((VettingStatus.PENDING,
                                                        VettingStatus.APPROVED)))
            .order_by(Person.first_name, Person.id)).all()
        pending, approved = [], []
        for profile, person in rows:
            label = f"{person.first_name or '?'} ({district_of(profile.postcode)})"
            cells = (f"<td>{h(person.first_name or '?')}</td>"
                     f"<td>{h(district_of(profile.postcode))}</td>"
                     f"<td>{h(', '.join(profile.skills or []) or '-')}</td>"
                     f"<td>{h(checks_held(profile) or 'none')}</td>")
            if profile.vetting_status == VettingStatus.PENDING:
                boxes = "".join(
                    f'<input type="checkbox" id="{name}-{person.id}" name="checks" '
                    f'value="{name}"><label for="{name}-{person.id}">{text}</label>'
                    for name, text in CHECKS)
                pending.append(
                    f"<tr>{cells}<td>"
                    f'<form method="post" action="/dashboard/volunteers/{person.id}/approve">'
                    f'{self._csrf_field(visitor)}<fieldset><legend>Checks done for {h(label)}'
                    f'</legend>{boxes}</fieldset><button type="submit">Approve {h(label)}'
                    "</button></form></td></tr>")
            else:
                approved.append(
                    f"<tr>{cells}<td>{'paused' if profile.paused else 'active'}</td><td>"
                    f'<form method="post" action="/dashboard/volunteers/{person.id}/suspend">'
                    f"{self._csrf_field(visitor)}"
                    f'<label for="reason-{person.id}">Reason</label>'
                    f'<input id="reason-{person.id}" name="reason" maxlength="200">'
                    f'<button type="submit">Suspend {h(label)}</button></form></td></tr>')
        columns = ("Name", "District", "Helps with", "Checks held")
        body = "<h1>Volunteers</h1>"
        body += (self._table("Waiting for checks", columns + ("Approve",), pending)
                 if pending else "<h2>Waiting for checks</h2><p>Nobody is waiting.</p>")
        body += (self._table("Approved", columns + ("Now", "Suspend"), approved)
                 if approved else "<h2>Approved</h2><p>No approved volunteers yet.</p>")
        return "Volunteers", body

    def _volunteer(self, session: Session, person_id: int) -> Person | None:
        person = session.get(Person, person_id)
        if person is None or person.erased_at is not None or person.volunteer_profile is None \
                or person.volunteer_profile.left_at is not None:
            return None
        return person

    def approve(self, session, coordinator, request, form, now):
        volunteer = self._volunteer(session, request.path_params["person"])
        if volunteer is None:
            return "/dashboard/volunteers", "That volunteer is no longer here."
        checks = {value for value in form.getlist("checks") if value in dict(CHECKS)}
        if not self.hub.admin.approve_volunteer(session, coordinator, volunteer, checks, now,
                                                CHANNEL):
            return "/dashboard/volunteers", (f"{volunteer.first_name}: tick the ID check "
                                             "(an ID check is always needed).")
        return "/dashboard/volunteers", (f"{volunteer.first_name} is approved with "
                                         f"{checks_held(volunteer.volunteer_profile)}.")

    def suspend(self, session, coordinator, request, form, now):
        volunteer = self._volunteer(session, request.path_params["person"])
        if volunteer is None:
            return "/dashboard/volunteers", "That volunteer is no longer here."
        reason = str(form.get("reason") or "").strip()
        done = self.hub.admin.suspend_volunteer(session, coordinator, volunteer, reason, now,
                                                CHANNEL)
        return "/dashboard/volunteers", (
            f"{volunteer.first_name} is suspended; {done.offers_withdrawn} open offer(s) "
            f"withdrawn.{suspension_news(done, self._say(coordinator))}")

    # Exports (the Statistics page: dashboard_stats.py).

    def export_page(self, session, coordinator, request, now):
        return "Export", (
            "<h1>Export</h1><p>CSV files for a spreadsheet. Requests carry first names and "
            "postcode districts only; the volunteers file carries their contact details, so "
            "keep it safe.</p><ul>"
            '<li><a href="/dashboard/export/requests.csv" download>Requests (CSV)</a></li>'
            '<li><a href="/dashboard/export/volunteers.csv" download>Volunteers (CSV)</a></li>'
            '<li><a href="/dashboard/export/calls.csv" download>Check-in calls (CSV)</a></li>'
            "</ul>")

    async def requests_csv(self, request: Request, visitor: Visitor) -> Response:
        return await self._csv(visitor, "requests", export_requests)

    async def volunteers_csv(self, request: Request, visitor: Visitor) -> Response:
        return await self._csv(visitor, "volunteers", export_volunteers)

    async def calls_csv(self, request: Request, visitor: Visitor) -> Response:
        return await self._csv(visitor, "calls", export_calls)

    async def _csv(self, visitor: Visitor, what: str, export) -> Response:
        now = self.hub.clock()

        def work(session, coordinator):
            return self._export(session, coordinator, what, export, now)

        body = await self._run(self._as_coordinator, visitor, work)
        return self._csv_response(what, body, now)

    @staticmethod
    def _export(session: Session, coordinator: Person, what: str, export, now: datetime,
                **detail: Any) -> str:
        stream = io.StringIO()
        count = export(session, stream)
        audit.record(session, "dashboard.exported", now, actor_id=coordinator.id,
                     channel=CHANNEL, subject=what, rows=count, **detail)
        return stream.getvalue()

    def _csv_response(self, what: str, body: str, now: datetime) -> Response:
        response = Response(body, media_type="text/csv; charset=utf-8", headers={
            "Content-Disposition": f'attachment; filename="{what}-{now:%Y-%m-%d}.csv"'})
        self._protect(response)
        return response

    # Download links: EXPORT from SMS or the console, where no file can be sent.

    async def download_page(self, request: Request) -> Response:
        """Opening a link only shows a button, so link previews cannot use it up."""
        token = request.query_params.get("token", "")
        what = await self._run(self._download_usable, token, self.hub.clock())
        if what is None:
            return self._bad_download_link()
        label = DOWNLOADS[what]
        body = (f"<h1>Download {h(label.lower())}</h1>"
                "<p>A CSV file for a spreadsheet. It holds personal details: keep it safe "
                "and delete it when you are done. This link works once.</p>"
                '<form method="post" action="/dashboard/download">'
                f'<input type="hidden" name="token" value="{h(token)}">'
                f'<button type="submit" id="download">Download {h(label.lower())} (CSV)'
                "</button></form>")
        return self._html(self._layout("Download", body, None, ""))

    async def download(self, request: Request) -> Response:
        form = await read_form(request)
        now = self.hub.clock()
        found = await self._run(self._use_download_link, form.get("token"), now)
        if found is None:
            return self._bad_download_link()
        what, body = found
        return self._csv_response(what, body, now)

    def _download_usable(self, token: str, now: datetime) -> str | None:
        with self.hub.session_factory() as session:
            return download_usable(session, self.signer, token, now)

    def _use_download_link(self, token: str | None, now: datetime) -> tuple[str, str] | None:
        """(export, CSV) for a good, unused link, used up in the same transaction."""
        with self.hub.session_factory.begin() as session:
            used = use_download_token(session, self.signer, token, now)
            if used is None:
                return None
            person_id, what = used
            export = {"requests": export_requests, "volunteers": export_volunteers,
                      "calls": export_calls}[what]
            return what, self._export(session, session.get(Person, person_id), what, export,
                                      now, via="link")

    def _bad_download_link(self) -> Response:
        body = ("<h1>This link does not work</h1><p>Download links work once, for 15 minutes. "
                "Text <strong>EXPORT</strong> and what you need (requests, volunteers or calls) "
                "to the hub for a new one, or sign in with <strong>DASHBOARD</strong>.</p>")
        return self._html(self._layout("Link does not work", body, None, ""), status_code=403)

    # The map.

    def map_page(self, session, coordinator, request, now):
        rows = "".join(
            f"<tr><td>{h(d['district'])}</td><td>{d['requests']}</td>"
            f"<td>{d['volunteers']}</td></tr>"
            for d in self._districts(session))
        table = (self._table("The same counts as a table", ("District", "Open requests",
                                                            "Available volunteers"), [rows])
                 if rows else "<p>No open requests or available volunteers to show.</p>")
        body = (
            "<h1>Map</h1><p>Open requests and available volunteers, counted by postcode "
            "district and placed at the district's centre: never anyone's own address.</p>"
            '<p class="key"><span class="district-marker requests">n</span> open requests '
            '<span class="district-marker volunteers">n</span> available volunteers</p>'
            f'<div id="map" data-source="/dashboard/map.json" data-tiles="{h(self.tiles_url)}" '
            'role="region" aria-label="Map of counts by postcode district"></div>'
            f'<p id="map-status" role="status"></p>{table}')
        return ("Map", body,
                ("scripts", ("/dashboard/static/leaflet/leaflet.js", "/dashboard/static/map.js")),
                ("styles", ("/dashboard/static/leaflet/leaflet.css",)))

    async def map_json(self, request: Request, visitor: Visitor) -> Response:
        districts = await self._run(self._as_coordinator, visitor,
                                    lambda session, coordinator: self._districts(session))
        response = JSONResponse({"districts": districts})
        self._protect(response)
        return response

    def _districts(self, session: Session) -> list[dict[str, Any]]:
        """Counts per postcode district at the district's centre: the postcode index's
        centroid of the district (the average of its postcodes), else the average of the
        points counted there; rounded to about a kilometre. Full postcodes and coordinates
        never leave this function."""
        points: dict[str, list[tuple[float, float]]] = {}
        counts: dict[str, dict[str, int]] = {}

        def count(postcode, latitude, longitude, kind):
            district = district_of(postcode).upper()
            if district == "?":
                return
            counts.setdefault(district, {"requests": 0, "volunteers": 0})[kind] += 1
            if latitude is not None and longitude is not None:
                points.setdefault(district, []).append((latitude, longitude))

        for postcode, latitude, longitude in session.execute(
                select(HelpRequest.postcode, HelpRequest.latitude, HelpRequest.longitude)
                .where(HelpRequest.status.in_(OPEN_STATUSES))):
            count(postcode, latitude, longitude, "requests")
        for postcode, latitude, longitude in session.execute(
                select(VolunteerProfile.postcode, VolunteerProfile.latitude,
                       VolunteerProfile.longitude)
                .join(Person, Person.id == VolunteerProfile.person_id)
                .where(VolunteerProfile.vetting_status == VettingStatus.APPROVED,
                       VolunteerProfile.paused.is_(False), VolunteerProfile.left_at.is_(None),
                       Person.erased_at.is_(None))):
            count(postcode, latitude, longitude, "volunteers")
        districts = []
        for district in sorted(counts):
            centre = self._district_centre(district, points.get(district, []))
            if centre is None:
                continue
            districts.append({"district": district, "latitude": centre[0],
                              "longitude": centre[1], **counts[district]})
        return districts

    def _district_centre(self, district: str,
                         points: list[tuple[float, float]]) -> tuple[float, float] | None:
        try:
            place = self.hub.locate_postcode(district)
        except Exception:
            log.exception("dashboard: could not locate district %s", district)
            place = None
        if place is not None:
            latitude, longitude = place.latitude, place.longitude
        elif points:
            latitude = sum(p[0] for p in points) / len(points)
            longitude = sum(p[1] for p in points) / len(points)
        else:
            return None
        # To about a kilometre: even a district of one postcode gives no house away.
        return round(latitude, 2), round(longitude, 2)

    # Small helpers.

    def _say(self, coordinator: Person):
        notifier = self.hub.admin.notifier
        return notifier.speaker(coordinator)

    @staticmethod
    def _table(caption: str, columns: tuple[str, ...], rows: list[str]) -> str:
        head = "".join(f'<th scope="col">{h(column)}</th>' for column in columns)
        return (f"<table><caption>{h(caption)}</caption><thead><tr>{head}</tr></thead>"
                f"<tbody>{''.join(rows)}</tbody></table>")

