"""The conversation on a request's dashboard page: the recent messages with the person who
asked, and a box to write to them as the hub (TEXT in the chat).

Mixed into `Dashboard` beside RequestPages. The reply box is a POST form with the session's
CSRF token, like every dashboard form, and runs the coordinators' TEXT command through
`AdminService.run`, so it is audited and shown in the request's history the same way.
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo

from bot.channels.dashboard_requests import CHANNEL, request_path
from bot.channels.html_text import h
from bot.services import takeover
from bot.services.describe import name_of

SHOWN_MESSAGES = 20
LONGEST_MESSAGE = 600


class ConversationBox:
    """Needs from the host: hub, _request_named, _csrf_field."""

    def conversation_section(self, session, visitor, item) -> str:
        resident = takeover.person_asking(session, item)
        if resident is None:
            return ""
        name = name_of(resident)
        zone = self.hub.admin.zone  # the hub's time zone, as SHOW's history uses
        messages = takeover.recent_messages(session, resident.id, SHOWN_MESSAGES)
        lines = "".join(
            f'<li class="{"from-person" if m.from_person else "from-hub"}">'
            f"<time>{h(f'{local(m.at, zone):%-d %b %H:%M}')}</time> "
            f"<strong>{h(name if m.from_person else 'Hub')}:</strong> {h(m.body)}</li>"
            for m in messages)
        holder = takeover.holder_name(session, resident.id)
        held = (f"<p>{h(holder)} holds this conversation now (TAKE): the hub does not "
                "answer them itself.</p>") if holder else ""
        return (f"<h2>Conversation with {h(name)}</h2>{held}"
                + (f'<ol class="conversation">{lines}</ol>' if lines
                   else "<p>No messages yet.</p>")
                + f'<form method="post" action="{request_path(item.reference)}/text">'
                f"{self._csrf_field(visitor)}<fieldset><legend>Write to {h(name)} as the hub"
                f"</legend><label>Message <textarea name=\"text\" required "
                f'maxlength="{LONGEST_MESSAGE}" rows="3"></textarea></label>'
                '<button type="submit">Send</button></fieldset></form>')

    def text_resident(self, session, coordinator, request, form, now):
        item = self._request_named(session, request)
        if item is None:
            return "/dashboard", "There is no such request."
        words = " ".join(str(form.get("text") or "").split())[:LONGEST_MESSAGE]
        if not words:
            return request_path(item.reference), "Write the message first."
        said = self.hub.admin.run(session, coordinator, "text", f"{item.reference} {words}",
                                  CHANNEL, now)[0].text
        return request_path(item.reference), said


def local(moment: datetime, zone: tzinfo) -> datetime:
    """A stored time in the hub's zone (SQLite gives times back without their zone: UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(zone)
