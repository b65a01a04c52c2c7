"""The conversation on a request's dashboard page: the recent messages with the person who
asked, and a box to write to them as the hub (TEXT in the chat).

Mixed into `Dashboard` beside RequestPages. The reply box is a POST form with the session's
CSRF token, like every dashboard form, and runs the coordinators' TEXT command through
`AdminService.run`, so it is audited and shown in the request's history the same way.
"""

from __future__ import annotations

from bot.channels.dashboard_requests import CHANNEL, request_path


class ConversationBox:
    """Needs from the host: hub, _request_named. The messages come with the request's page
    (bot/services/coordinating/dashboard_views.py `conversation`); templates/request.html draws them."""

    SHOWN_MESSAGES = 20
    LONGEST_MESSAGE = 600

    def text_resident(self, session, coordinator, request, form, now):
        item = self._request_named(session, request)
        if item is None:
            return "/dashboard", "There is no such request."
        words = " ".join(str(form.get("text") or "").split())[:self.LONGEST_MESSAGE]
        if not words:
            return request_path(item.reference), "Write the message first."
        said = self.hub.admin.run(session, coordinator, "text", f"{item.reference} {words}",
                                  CHANNEL, now)[0].text
        return request_path(item.reference), said
