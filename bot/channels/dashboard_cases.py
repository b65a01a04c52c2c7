"""The request page's case actions as forms: a note, a change of address, time or kind,
marking it urgent, cancelling or closing it with a reason, reopening it, and its regular
help each week (WEEKLY: start, pause, resume, skip a time, end).

Mixed into `Dashboard` beside `RequestPages`. Each form runs the coordinators' own chat
command (CANCEL, CLOSE, NOTE, CHANGE, REOPEN, URGENT) through `AdminService.run`, so it is
audited the same way, with channel "dashboard", and said back as the chat says it.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.channels.dashboard_requests import request_path

CHANNEL = "dashboard"
# Each form: (command, legend, button, what the text box asks for or None for no box).
OPEN_FORMS = (
    ("note", "Add a case note", "Add the note", "Note"),
    ("change", "Change the address, time or kind of help", "Change", "New value"),
    ("urgent", "Mark it urgent", "Mark urgent", None),
    ("cancel", "Cancel it (the resident and any volunteer are told)", "Cancel the request",
     "Why"),
    ("close", "Close it as done", "Close", "Why (what was done)"),
    ("weekly", "Regular help: the same each week (or every other week)", "Do it", None),
)
CLOSED_FORMS = (
    ("note", "Add a case note", "Add the note", "Note"),
    ("reopen", "Reopen it and look for a volunteer again", "Reopen", None),
    ("weekly", "Regular help: the same each week (or every other week)", "Do it", None),
)
CASE_ACTIONS = frozenset(command for command, *_ in OPEN_FORMS + CLOSED_FORMS)
# Each action's text box, as its form labels it (None: no box).
CASE_BOXES = {command: asks for command, _, _, asks in OPEN_FORMS + CLOSED_FORMS}
CHANGE_FIELDS = (("when", "Time"), ("address", "Address"), ("kind", "Kind of help"))
# WEEKLY's actions (bot/services/coordinating/case_actions.py), as the regular-help form offers
# them.
WEEKLY_ACTIONS = (("pause", "Pause it (no new tasks)"), ("resume", "Resume it"),
                  ("skip", "Leave out the next time"), ("end", "End it"),
                  ("start", "Make this request weekly"),
                  ("fortnightly", "Make this request every other week"))


@dataclass(frozen=True)
class CaseForm:
    command: str
    legend: str
    button: str
    asks: str | None  # what its text box asks for; None: no box


def case_path(reference: str, command: str) -> str:
    return f"/dashboard/requests/{reference}/case/{command}"


class CasePages:
    """Needs from the host: hub, _request_named (RequestPages)."""

    def case_values(self, view) -> dict:
        """The case forms a request's page shows (templates/request.html draws them)."""
        forms = OPEN_FORMS if view.still_open else CLOSED_FORMS
        return {"case_forms": [CaseForm(*form) for form in forms
                               if not (form[0] == "urgent" and view.urgent)],
                "change_fields": CHANGE_FIELDS, "weekly_actions": WEEKLY_ACTIONS}

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
        if command == "weekly":
            action = str(form.get("action") or "")
            if action not in dict(WEEKLY_ACTIONS):
                return request_path(item.reference), "Choose what to do with the regular help."
            words.append(action)
        text = " ".join(str(form.get("text") or "").split())
        asks = CASE_BOXES[command]
        if asks and not text:
            # A box of spaces passes the browser's "required"; the chat's own answer to an
            # empty CANCEL or NOTE would tell the coordinator to text a command.
            return request_path(item.reference), f'Nothing was done: please fill in "{asks}".'
        words.append(text)
        said = self.hub.admin.run(session, coordinator, command,
                                  " ".join(w for w in words if w), CHANNEL, now)[0].text
        return request_path(item.reference), said
