"""The conversation on a request's dashboard page: the recent messages with the person who
asked, a box to write to them as the hub (TEXT in the chat), and buttons to take their
conversation into the coordinator's hands and give it back (TAKE and RELEASE).

Mixed into `Dashboard` beside RequestPages. The reply box and the buttons are POST forms with
the session's CSRF token, like every dashboard form, and run the coordinators' TEXT, TAKE and
RELEASE commands through `AdminService.run`, so they are audited and shown in the request's
history the same way.
"""

from __future__ import annotations

from bot.channels.dashboard_requests import CHANNEL, request_path


class ConversationBox:
    """Needs from the host: hub, _request_named. The messages come with the request's page
    (bot/services/coordinating/dashboard_views.py `conversation`); templates/request.html draws
    them."""

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

    def take_conversation(self, session, coordinator, request, form, now):
        """TAKE: the hub stops answering the person itself; what they write comes to this
        coordinator until RELEASE, or until the takeover time passes without a word."""
        return self._take_or_release(session, coordinator, request, now, "take")

    def release_conversation(self, session, coordinator, request, form, now):
        """RELEASE: the hub answers the person itself again, and tells them so."""
        return self._take_or_release(session, coordinator, request, now, "release")

    def _take_or_release(self, session, coordinator, request, now, command: str):
        item = self._request_named(session, request)
        if item is None:
            return "/dashboard", "There is no such request."
        said = self.hub.admin.run(session, coordinator, command, item.reference, CHANNEL,
                                  now)[0].text
        return request_path(item.reference), said
