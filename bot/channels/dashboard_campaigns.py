"""The dashboard's Campaigns pages: import a list to check on, start it, watch its progress,
ring the people on its call list and record how each call went, download it as CSV.

Mixed into `Dashboard`. Everything is done by bot/services/calls/campaigns.py, as the chat's
CAMPAIGN is; these pages only draw it (templates/campaigns.html, campaign.html).

    GET  /dashboard/campaigns                        campaigns, and the import form
    POST /dashboard/campaigns/import                 the list as a file (multipart)
    GET  /dashboard/campaigns/{n}                    progress, start form, call list
    POST /dashboard/campaigns/{n}/start              with the coordinator's own words
    POST /dashboard/campaigns/{n}/calls/{member}     how a call went (a button each)
    GET  /dashboard/campaigns/{n}/campaign.csv       everyone on the list and what happened
"""

from __future__ import annotations

from email import policy
from email.parser import BytesParser

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from bot.channels.templating import Page
from bot.services.coordinating import dashboard_views as views
from bot.services.calls.campaigns import (
    LONGEST_OWN_WORDS,
    Imported,
    call_noted,
    call_result_named,
)

CHANNEL = "dashboard"
CAMPAIGNS_PATH = "/dashboard/campaigns"
# A list of some thousands of people is a few hundred KB; the other forms stay small.
UPLOAD_LIMIT = 2 * 1024 * 1024
CALL_BUTTONS = tuple(zip(views.CALL_RESULTS,
                         ("Fine", "Needs help", "No answer", "Wrong number"), strict=True))


def campaign_path(number: int) -> str:
    return f"{CAMPAIGNS_PATH}/{number}"


def read_upload(body: bytes, content_type: str) -> dict[str, str]:
    """The fields of a multipart/form-data body (the file's text among them), read with
    the standard library's MIME parser rather than another dependency."""
    if not content_type.startswith("multipart/form-data"):
        return {}
    message = BytesParser(policy=policy.HTTP).parsebytes(
        f"Content-Type: {content_type}\r\n\r\n".encode("latin-1") + body)
    fields: dict[str, str] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if name and name not in fields:
            content = part.get_payload(decode=True) or b""
            fields[name] = content.decode("utf-8-sig", "replace")
    return fields


class CampaignPages:
    """Needs from the host: hub, _say, _visitor, _as_coordinator, _run, _refused,
    _with_flash, _guarded, _csv_response, signer."""

    def campaign_routes(self, page, form) -> list[Route]:
        return [
            page(CAMPAIGNS_PATH, self.campaigns_page),
            Route(f"{CAMPAIGNS_PATH}/import", self.import_campaign, methods=["POST"]),
            page(CAMPAIGNS_PATH + "/{number:int}", self.campaign_page),
            form(CAMPAIGNS_PATH + "/{number:int}/start", self.start_campaign),
            form(CAMPAIGNS_PATH + "/{number:int}/calls/{member:int}", self.record_campaign_call),
            Route(CAMPAIGNS_PATH + "/{number:int}/campaign.csv",
                  self._guarded(self.campaign_csv), methods=["GET"]),
        ]

    def campaigns_page(self, session, coordinator, request, now) -> Page:
        service = self.hub.admin.campaigns
        return Page("campaigns.html", "Campaigns", {
            "campaigns": [service.progress(session, campaign, now)
                          for campaign in service.campaigns(session)],
            "import_path": f"{CAMPAIGNS_PATH}/import"})

    def campaign_page(self, session, coordinator, request, now) -> Page:
        service = self.hub.admin.campaigns
        campaign = views.campaign_numbered(session, request.path_params["number"])
        if campaign is None:
            return Page("message.html", "Campaigns", {
                "heading": "No such campaign",
                "paragraphs": [["There is no campaign with that number."]]}, status_code=404)
        say = self._say(coordinator)
        to_ring = service.call_list(session, campaign, now)
        return Page("campaign.html", f"Campaign {campaign.id}", {
            "progress": service.progress(session, campaign, now),
            "status": say(f"campaign.status.{campaign.status}"),
            "own_words": campaign.own_words or "", "longest": LONGEST_OWN_WORDS,
            "path": campaign_path(campaign.id),
            "to_ring": [(each, say(f"campaign.reason.{each.reason}")) for each in to_ring],
            "asked_for_help": service.asked_for_help(session, campaign),
            "buttons": CALL_BUTTONS, "call_after_hours":
                int(service.call_after.total_seconds() // 3600)})

    async def import_campaign(self, request: Request) -> Response:
        """The import form posts a file, so it is read here rather than by `_form`: the
        same checks (a session, its CSRF token, a coordinator), then back with a message."""
        visitor = self._visitor(request)
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > UPLOAD_LIMIT:
                return self._refused(request, "That file is too big: up to 2 MB, please.")
        fields = read_upload(body, request.headers.get("content-type", ""))
        if visitor is None:
            return self._refused(request, "Please sign in again: text DASHBOARD to the hub.")
        if not self.signer.csrf_ok(visitor.session.session_id, fields.get("csrf")):
            return self._refused(request, "This form has expired. Go back, reload the page "
                                 "and try again.")
        now = self.hub.clock()

        def work(session, coordinator):
            imported = self.hub.admin.campaigns.import_list(
                session, coordinator, fields.get("name", ""), fields.get("legal_basis", ""),
                fields.get("list", ""), CHANNEL, now)
            return self.imported_said(imported, self._say(coordinator))

        back, said = await self._run(self._as_coordinator, visitor, work)
        return RedirectResponse(self._with_flash(back, said, now), status_code=303)

    def imported_said(self, imported: Imported, say) -> tuple[str, str]:
        def lines(problems) -> str:
            return "; ".join(say(problem.key, number=problem.line, value=problem.value)
                             for problem in problems)

        if imported.campaign is None:
            said = say(imported.problem)
            if imported.skipped:
                said += say("campaign.import_skipped", lines=lines(imported.skipped))
            return CAMPAIGNS_PATH, said
        campaign = imported.campaign
        said = say("campaign.imported", number=campaign.id, name=campaign.name,
                   count=len(campaign.members))
        if imported.skipped:
            said += say("campaign.import_skipped", lines=lines(imported.skipped))
        if imported.warnings:
            said += say("campaign.import_warned", lines=lines(imported.warnings))
        return campaign_path(campaign.id), said

    def start_campaign(self, session, coordinator, request, form, now):
        service = self.hub.admin.campaigns
        say = self._say(coordinator)
        campaign = views.campaign_numbered(session, request.path_params["number"])
        if campaign is None:
            return CAMPAIGNS_PATH, say("campaign.admin_unknown",
                                       number=request.path_params["number"])
        problem = service.start(session, coordinator, campaign, form.get("own_words") or "",
                                CHANNEL, now)
        if problem is not None:
            return campaign_path(campaign.id), say(problem, number=campaign.id,
                                                   count=LONGEST_OWN_WORDS)
        service.send_due_check_ups(session, now)  # the first goes at once
        progress = service.progress(session, campaign, now)
        return campaign_path(campaign.id), say(
            "campaign.admin_started", number=campaign.id,
            count=progress.texted + progress.waiting, ring=progress.to_ring)

    def record_campaign_call(self, session, coordinator, request, form, now):
        number = request.path_params["number"]
        member = views.campaign_member(session, request.path_params["member"])
        result = call_result_named(form.get("result") or "")
        say = self._say(coordinator)
        if member is None or member.campaign_id != number or result is None:
            return campaign_path(number), say("campaign.admin_rang_how")
        self.hub.admin.campaigns.record_call(session, coordinator, member, result,
                                             form.get("note") or "", CHANNEL, now)
        return campaign_path(number), call_noted(member, result, say)

    async def campaign_csv(self, request: Request, visitor) -> Response:
        now = self.hub.clock()
        number = request.path_params["number"]

        def work(session, coordinator):
            campaign = views.campaign_numbered(session, number)
            if campaign is None:
                return None
            return self.hub.admin.campaigns.export_csv(session, campaign, now)

        body = await self._run(self._as_coordinator, visitor, work)
        if body is None:
            return Response("No such campaign", status_code=404)
        return self._csv_response(f"campaign-{number}", body, now)
