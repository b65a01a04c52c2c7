"""The request page's case actions as forms: a note, a change of address, time or kind,
marking it urgent, cancelling or closing it with a reason, reopening it.

Mixed into `Dashboard` beside `RequestPages`. Each form runs the coordinators' own chat
command (CANCEL, CLOSE, NOTE, CHANGE, REOPEN, URGENT) through `AdminService.run`, so it is
audited the same way, with channel "dashboard", and said back as the chat says it.
"""

from __future__ import annotations

from bot.channels.dashboard_requests import request_path
from bot.channels.html_text import h
from bot.services import case_actions

CHANNEL = "dashboard"
# Each form: (command, legend, button, what the text box asks for or None for no box).
OPEN_FORMS = (
    ("note", "Add a case note", "Add the note", "Note"),
    ("change", "Change the address, time or kind of help", "Change", "New value"),
    ("urgent", "Mark it urgent", "Mark urgent", None),
    ("cancel", "Cancel it (the resident and any volunteer are told)", "Cancel the request",
     "Why"),
    ("close", "Close it as done", "Close", "Why (what was done)"),
)
CLOSED_FORMS = (
    ("note", "Add a case note", "Add the note", "Note"),
    ("reopen", "Reopen it and look for a volunteer again", "Reopen", None),
)
CASE_ACTIONS = frozenset(command for command, *_ in OPEN_FORMS + CLOSED_FORMS)
CHANGE_FIELDS = (("when", "Time"), ("address", "Address"), ("kind", "Kind of help"))


def case_path(reference: str, command: str) -> str:
    return f"/dashboard/requests/{reference}/case/{command}"


class CasePages:
    """Needs from the host: hub, _csrf_field, _request_named (RequestPages)."""

    def case_forms(self, visitor, item) -> str:
        forms = OPEN_FORMS if case_actions.still_open(item) else CLOSED_FORMS
        body = "<h2>Case actions</h2>"
        for command, legend, button, asks in forms:
            if command == "urgent" and item.urgency == "urgent":
                continue
            field = ""
            if command == "change":
                options = "".join(f'<option value="{value}">{h(label)}</option>'
                                  for value, label in CHANGE_FIELDS)
                field = f'<label>What <select name="field">{options}</select></label>'
            if asks:
                field += (f'<label>{h(asks)} <input name="text" required maxlength="1000">'
                          "</label>")
            body += (f'<form method="post" action="{case_path(item.reference, command)}">'
                     f"{self._csrf_field(visitor)}<fieldset><legend>{h(legend)}</legend>"
                     f'{field}<button type="submit">{h(button)}</button></fieldset></form>')
        return body

    def act_on_case(self, session, coordinator, request, form, now):
        item = self._request_named(session, request)
        if item is None:
            return "/dashboard", "There is no such request."
        command = request.path_params.get("command", "")
        if command not in CASE_ACTIONS:
            return request_path(item.reference), "There is no such action."
        words = [item.reference]
        if command == "change":
            field = str(form.get("field") or "")
            if field not in dict(CHANGE_FIELDS):
                return request_path(item.reference), "Choose what to change."
            words.append(field)
        words.append(" ".join(str(form.get("text") or "").split()))
        said = self.hub.admin.run(session, coordinator, command,
                                  " ".join(w for w in words if w), CHANNEL, now)[0].text
        return request_path(item.reference), said
