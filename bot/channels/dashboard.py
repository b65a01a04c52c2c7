"""The coordinators' web dashboard at /dashboard, served by `neighbourly serve`.

Server-rendered pages (no JavaScript but the map's): the queue, concerns,
volunteers, statistics, CSV exports and a map of open requests and available
volunteers counted by postcode district. A coordinator texts DASHBOARD and
gets a one-time link; signing in sets a signed session cookie. Nothing about
a session is stored (bot/services/coordinating/dashboard_auth.py); every page and form
checks again that its holder is still a coordinator, and every form carries a
CSRF token made from the session. What a coordinator does here goes through
the same services as the chat commands and is audited with channel
"dashboard". Each page is a template in bot/channels/templates/ (autoescaped;
see bot/channels/templating.py) fed by a read-side function in
bot/services/coordinating/dashboard_views.py: no page touches the models.

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
    GET  /dashboard/campaigns        check-up campaigns: import, start, call list, CSV
                                     (bot/channels/dashboard_campaigns.py)
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

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from bot.channels.dashboard_campaigns import CAMPAIGNS_PATH, CampaignPages
from bot.channels.dashboard_cases import CasePages
from bot.channels.dashboard_intake import NEW_REQUEST_PATH, IntakePages
from bot.channels.dashboard_conversation import ConversationBox
from bot.channels.dashboard_partners import PAGES as PARTNER_PAGES
from bot.channels.dashboard_partners import PartnerPages
from bot.channels.dashboard_requests import RequestPages
from bot.channels.dashboard_stats import StatisticsPages
from bot.channels.templating import Page, templates
from bot.services.shared import audit
from bot.services.coordinating import dashboard_views as views
from bot.services.coordinating.admin import checks_held_text as checks_held
from bot.services.coordinating.admin import suspension_news
from bot.services.coordinating.dashboard_auth import (
    SESSION_LIFETIME,
    DashboardSession,
    Signer,
    download_usable,
    link_usable,
    load_secret_key,
    read_session_cookie,
    session_cookie,
    use_download_token,
    use_signin_token,
)
from bot.services.coordinating.exports import export_calls, export_requests
from bot.services.people.volunteers_csv import export_volunteers

log = logging.getLogger("bot.channels.dashboard")

STATIC = Path(__file__).parent / "static"
COOKIE = "neighbourly_dashboard"
CHANNEL = "dashboard"
FLASH_LIFETIME = timedelta(minutes=2)
NAVIGATION = (("/dashboard", "Queue"), ("/dashboard/new-request", "New request"),
              ("/dashboard/concerns", "Concerns"),
              ("/dashboard/volunteers", "Volunteers"), ("/dashboard/stats", "Statistics"),
              ("/dashboard/map", "Map"), *PARTNER_PAGES, (CAMPAIGNS_PATH, "Campaigns"),
              ("/dashboard/export", "Export"))
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


class Dashboard(CampaignPages, PartnerPages, RequestPages, CasePages, IntakePages,
                ConversationBox, StatisticsPages):
    def __init__(self, hub, runner: Callable[[], Callable[..., Awaitable[Any]] | None]
                 = lambda: None) -> None:
        self.hub = hub
        settings = hub.settings
        self.signer: Signer = getattr(hub, "signer", None) or Signer(
            lambda: load_secret_key(settings.secret_key.get_secret_value(),
                                    settings.cache_dir))
        self.secure = settings.public_url.startswith("https://")
        self.tiles_url = settings.map_tiles_url
        self._runner = runner
        # Refused "New request" forms, kept for their coordinator (dashboard_intake.py).
        self.typed_intakes: dict[int, tuple[datetime, dict[str, str]]] = {}

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
            form("/dashboard/requests/{reference}/take", self.take_conversation),
            form("/dashboard/requests/{reference}/release", self.release_conversation),
            Route("/dashboard/receipts/{photo:int}", self._guarded(self.receipt_photo),
                  methods=["GET"]),
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
            *self.campaign_routes(page, form),  # bot/channels/dashboard_campaigns.py
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

    def _as_coordinator(self, visitor: Visitor, work: Callable[[Any, Any], Any]) -> Any:
        """`work(session, coordinator)` in one transaction, if the visitor is still a
        coordinator."""
        with self.hub.session_factory.begin() as session:
            coordinator = views.signed_in_coordinator(session, visitor.session.person_id)
            if coordinator is None:
                raise Forbidden()
            return work(session, coordinator)

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
            page = await self._run(
                self._as_coordinator, visitor,
                lambda session, coordinator: render(session, coordinator, request, now))
            flash = self.signer.verify("flash", request.query_params.get("said"), now)
            return self._render(request, page, visitor, flash["text"] if flash else None)
        return self._guarded(handler)

    def _form(self, act):
        """POST: a session, its CSRF token and a coordinator, else 403; then back to the page."""
        async def endpoint(request: Request) -> Response:
            visitor = self._visitor(request)
            form = await read_form(request)
            if visitor is None:
                return self._refused(request, "Please sign in again: text DASHBOARD to the "
                                     "hub.")
            if not self.signer.csrf_ok(visitor.session.session_id, form.get("csrf")):
                return self._refused(request, "This form has expired. Go back, reload the page "
                                     "and try again.")
            now = self.hub.clock()
            try:
                back, said = await self._run(
                    self._as_coordinator, visitor,
                    lambda session, coordinator: act(session, coordinator, request, form, now))
            except Forbidden:
                return self._refused(request, "Only coordinators can use the dashboard.")
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

    def _refused(self, request: Request, text: str) -> Response:
        return self._render(request, message("Not allowed", "Not allowed", [[text]], 403))

    def _render(self, request: Request, page: Page, visitor: Visitor | None = None,
                flash: str | None = None) -> Response:
        """The page in the layout (templates/base.html), with the dashboard's headers."""
        values = {**page.values, "title": page.title, "hub_name": self.hub.settings.hub_name,
                  "navigation": NAVIGATION, "current": request.url.path,
                  "csrf": visitor.csrf if visitor else None, "flash": flash,
                  "scripts": page.scripts, "styles": page.styles}
        response = templates().TemplateResponse(request, page.template, values,
                                                status_code=page.status_code)
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

    # Signing in and out.

    async def signin_help(self, request: Request) -> Response:
        return self._render(request, message("Sign in", "Sign in to the dashboard", [
            ["Text ", "DASHBOARD", (" to the hub from the phone or Telegram account you use as "
                                    "a coordinator. You will get a link that works once, for "
                                    "15 minutes. Open it on this device and choose Sign in.")],
            ["A signed-in session lasts 12 hours."]]))

    async def signin_page(self, request: Request) -> Response:
        """Opening a link only shows a button, so link previews cannot use it up."""
        token = request.query_params.get("token", "")
        if not await self._run(self._link_usable, token, self.hub.clock()):
            return self._bad_link(request)
        response = self._render(request, Page("signin.html", "Sign in", {
            "token": token, "link_csrf": self.signer.link_csrf_token(token)}))
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
            return self._refused(request, "This sign-in did not come from the hub's own page. "
                                 "Open the link again and choose Sign in.")
        now = self.hub.clock()
        started = await self._run(self._use_link, token, now)
        if started is None:
            return self._bad_link(request)
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

    def _bad_link(self, request: Request) -> Response:
        return self._render(request, message(
            "Link does not work", "This link does not work",
            [["Links work once, for 15 minutes. Text ", "DASHBOARD",
              " to the hub for a new one."]], 403))

    def signout(self, session, coordinator, request, form, now):
        audit.record(session, "dashboard.signed_out", now, actor_id=coordinator.id,
                     channel=CHANNEL)
        return "/dashboard/signin-help", None

    # The queue.

    def queue_page(self, session, coordinator, request: Request, now: datetime) -> Page:
        return Page("queue.html", "Queue",
                    {"rows": views.queue(session, now, self._say(coordinator))})

    # Concerns.

    def concerns_page(self, session, coordinator, request, now) -> Page:
        return Page("concerns.html", "Concerns", {"concerns": views.open_concerns(session, now)})

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

    def volunteers_page(self, session, coordinator, request, now) -> Page:
        rows = views.volunteers(session)
        return Page("volunteers.html", "Volunteers", {
            "pending": [row for row in rows if row.pending],
            "approved": [row for row in rows if not row.pending], "checks": CHECKS})

    def approve(self, session, coordinator, request, form, now):
        volunteer = views.volunteer_to_manage(session, request.path_params["person"])
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
        volunteer = views.volunteer_to_manage(session, request.path_params["person"])
        if volunteer is None:
            return "/dashboard/volunteers", "That volunteer is no longer here."
        reason = str(form.get("reason") or "").strip()
        done = self.hub.admin.suspend_volunteer(session, coordinator, volunteer, reason, now,
                                                CHANNEL)
        say = self._say(coordinator)
        return "/dashboard/volunteers", (
            say("dashboard_suspended", name=volunteer.first_name, count=done.offers_withdrawn)
            + suspension_news(done, say))

    # Exports (the Statistics page: dashboard_stats.py).

    def export_page(self, session, coordinator, request, now) -> Page:
        return Page("export.html", "Export")

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
    def _export(session, coordinator, what: str, export, now: datetime,
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
            return self._bad_download_link(request)
        return self._render(request, Page("download.html", "Download", {
            "token": token, "what": DOWNLOADS[what].lower()}))

    async def download(self, request: Request) -> Response:
        form = await read_form(request)
        now = self.hub.clock()
        found = await self._run(self._use_download_link, form.get("token"), now)
        if found is None:
            return self._bad_download_link(request)
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
            return what, self._export(session, views.person(session, person_id), what,
                                      export, now, via="link")

    def _bad_download_link(self, request: Request) -> Response:
        return self._render(request, message(
            "Link does not work", "This link does not work",
            [["Download links work once, for 15 minutes. Text ", "EXPORT",
              (" and what you need (requests, volunteers or calls) to the hub for a new one, "
               "or sign in with "), "DASHBOARD", "."]], 403))

    # The map.

    def map_page(self, session, coordinator, request, now) -> Page:
        return Page("map.html", "Map",
                    {"districts": self._districts(session), "tiles_url": self.tiles_url},
                    scripts=("/dashboard/static/leaflet/leaflet.js", "/dashboard/static/map.js"),
                    styles=("/dashboard/static/leaflet/leaflet.css",))

    async def map_json(self, request: Request, visitor: Visitor) -> Response:
        districts = await self._run(self._as_coordinator, visitor,
                                    lambda session, coordinator: self._districts(session))
        response = JSONResponse({"districts": districts})
        self._protect(response)
        return response

    def _districts(self, session) -> list[dict[str, Any]]:
        return views.district_counts(session, self.hub.locate_postcode, lambda district:
                                     log.exception("dashboard: could not locate district %s",
                                                   district))

    # Small helpers.

    def _say(self, coordinator):
        notifier = self.hub.admin.notifier
        return notifier.speaker(coordinator)


def message(title: str, heading: str, paragraphs: list[list[str]], status_code: int = 200
            ) -> Page:
    """A page of a few sentences (templates/message.html). Each paragraph is a list of
    parts: the 2nd, 4th, ... are shown bold (the words to text the hub)."""
    return Page("message.html", title, {"heading": heading, "paragraphs": paragraphs},
                status_code=status_code)
