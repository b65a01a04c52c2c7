"""Dashboard page for one request: what SHOW says in the chat, with ASSIGN and HANDOVER as
forms. The queue links to it.

Mixed into `Dashboard`. Each view and form runs the coordinators' own chat command
through `AdminService.run`, so it is audited the same way (with channel "dashboard")
and held to the same rules (an unfit volunteer needs OVERRIDE, ticked here).
"""

from __future__ import annotations

from sqlalchemy import select

from bot.channels.html_text import h
from bot.understanding import parsing
from models import CallSchedule, HelpRequest, RequestStatus, ScheduleStatus

CHANNEL = "dashboard"
ASSIGNABLE = (RequestStatus.NEW, RequestStatus.MATCHING, RequestStatus.OFFERED)


def request_path(reference: str) -> str:
    return f"/dashboard/requests/{reference}"


class RequestPages:
    """Needs from the host: hub, _visitor, _csrf_field."""

    def request_page(self, session, coordinator, request, now):
        item = self._request_named(session, request)
        if item is None:
            return "Request", "<h1>Request</h1><p>There is no such request.</p>"
        shown = self.hub.admin.run(session, coordinator, "show", item.reference, CHANNEL,
                                   now)[0].text
        summary, *history = shown.splitlines()
        body = (f"<h1>{h(item.reference)}</h1><p>{h(summary)}</p><h2>History</h2><ul>"
                + "".join(f"<li>{h(line)}</li>" for line in history) + "</ul>")
        visitor = self._visitor(request)
        if item.status in ASSIGNABLE:
            body += self._volunteer_form(
                visitor, item.reference, "assign", "Assign to a volunteer",
                "Assign", note=False)
        if session.scalar(select(CallSchedule.id).where(
                CallSchedule.request_id == item.id, CallSchedule.status != ScheduleStatus.ENDED)):
            body += self._volunteer_form(
                visitor, item.reference, "handover", "Hand the regular calls to another "
                "volunteer", "Hand over", note=True)
        body += self.case_forms(visitor, item)  # bot/channels/dashboard_cases.py
        body += self.conversation_section(session, visitor, item)  # dashboard_conversation.py
        return item.reference, body

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

    def _request_named(self, session, request) -> HelpRequest | None:
        reference = parsing.find_reference(request.path_params["reference"])
        if reference is None:
            return None
        return session.scalar(select(HelpRequest).where(HelpRequest.reference == reference))

    def _volunteer_form(self, visitor, reference: str, action: str, legend: str,
                        button: str, note: bool) -> str:
        note_field = ('<label>A note for the new volunteer <input name="note" maxlength="300">'
                      "</label>") if note else ""
        return (f'<form method="post" action="{request_path(reference)}/{action}">'
                f"{self._csrf_field(visitor)}<fieldset><legend>{h(legend)}</legend>"
                '<label>Volunteer (first name or number) <input name="volunteer" required '
                'maxlength="80"></label>'
                f"{note_field}"
                '<label><input type="checkbox" name="override" value="yes"> Even if they do '
                "not fit the rules (OVERRIDE; it is recorded)</label>"
                f'<button type="submit">{h(button)}</button></fieldset></form>')
