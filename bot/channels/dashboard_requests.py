"""Dashboard page for one request: what SHOW says in the chat, with ASSIGN and HANDOVER as
forms. The queue links to it.

Mixed into `Dashboard`. Each view and form runs the coordinators' own chat command
through `AdminService.run`, so it is audited the same way (with channel "dashboard")
and held to the same rules (an unfit volunteer needs OVERRIDE, ticked here). The page is
templates/request.html, its data from bot/services/coordinating/dashboard_views.py `request_view`.
"""

from __future__ import annotations

from starlette.responses import PlainTextResponse, Response

from bot.channels.templating import Page
from bot.services.coordinating import dashboard_views as views
from bot.services.help_requests import receipts

CHANNEL = "dashboard"
# A receipt shows what someone bought: never cached, never framed, never sniffed as a page.
PHOTO_HEADERS = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff",
                 "Content-Security-Policy": "default-src 'none'", "Referrer-Policy": "no-referrer"}


def request_path(reference: str) -> str:
    return f"/dashboard/requests/{reference}"


class RequestPages:
    """Needs from the host: hub; case_values (CasePages) and the conversation's sizes
    (ConversationBox)."""

    def request_page(self, session, coordinator, request, now) -> Page:
        item = self._request_named(session, request)
        if item is None:
            return Page("request.html", "Request", {"view": None})
        shown = self.hub.admin.run(session, coordinator, "show", item.reference, CHANNEL,
                                   now)[0].text
        # The hub's time zone, as SHOW's history uses.
        view = views.request_view(session, item, shown, self.hub.admin.zone,
                                  self.SHOWN_MESSAGES)
        return Page("request.html", item.reference, {
            "view": view, **self.case_values(view),  # bot/channels/dashboard_cases.py
            "longest_message": self.LONGEST_MESSAGE})  # dashboard_conversation.py

    def assign_request(self, session, coordinator, request, form, now):
        return self._command(session, coordinator, request, form, now, "assign")

    def hand_over_calls(self, session, coordinator, request, form, now):
        return self._command(session, coordinator, request, form, now, "handover")

    def _command(self, session, coordinator, request, form, now, command: str):
        item = self._request_named(session, request)
        if item is None:
            return "/dashboard", "There is no such request."
        who = " ".join(str(form.get("volunteer") or "").split())
        if not who:
            return request_path(item.reference), "Give the volunteer's first name or number."
        # The volunteer's name first, then OVERRIDE, then the note: as typed in the chat.
        words = [item.reference, who, "OVERRIDE" if form.get("override") == "yes" else "",
                 " ".join(str(form.get("note") or "").split())]
        said = self.hub.admin.run(session, coordinator, command,
                                  " ".join(w for w in words if w), CHANNEL, now)[0].text
        return request_path(item.reference), said

    async def receipt_photo(self, request, visitor):
        """One receipt photo, to a signed-in coordinator only (the route is guarded), as the
        picture itself."""
        photo_id, now = request.path_params["photo"], self.hub.clock()
        photo = await self._run(
            self._as_coordinator, visitor,
            lambda session, coordinator: receipts.photo_to_show(
                session, photo_id, coordinator.id, CHANNEL, now))
        if photo is None:
            return PlainTextResponse("There is no such photo.", status_code=404,
                                     headers=PHOTO_HEADERS)
        return Response(photo.content, media_type=photo.content_type, headers=PHOTO_HEADERS)

    def _request_named(self, session, request):
        return views.request_named(session, request.path_params["reference"])
