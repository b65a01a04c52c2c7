"""The dashboard's "New request" page: a request for someone who rang, or a referral.

Mixed into `Dashboard`. The form is read and recorded by the service
(bot/services/help_requests/intake.py `record_from_form`), as the chat's NEW is; the page only draws
it (templates/new_request.html).
"""

from __future__ import annotations

from datetime import timedelta

from bot.channels.dashboard_requests import request_path
from bot.channels.templating import Page
from bot.services.help_requests.intake import record_from_form, recorded_reply
from bot.understanding.parsing import CATEGORIES
from bot.understanding.referral import SOURCES

CHANNEL = "dashboard"
NEW_REQUEST_PATH = "/dashboard/new-request"
SOURCE_LABELS = {"self": "The person themselves (they rang)", "family": "Family or a friend",
                 "partner": "A partner organisation (GP, occupational therapy, hospital "
                            "discharge team, council)",
                 "coordinator": "A coordinator (e.g. a check-up call)"}
# A refused form is drawn again with what the coordinator typed, so a caller is not asked
# for everything twice. It is kept in the server's memory for the coordinator who typed it,
# until their next "New request" page or TYPED_KEPT_FOR: a person's details never go into
# the redirect's address, where the browser's history and the logs would keep them.
TYPED_FIELDS = ("name", "phone", "address", "postcode", "kind", "when", "details", "source",
                "referrer_name", "referrer_contact", "consent")
TYPED_KEPT_FOR = timedelta(minutes=15)
# The chat's words for an unreadable number send the coordinator back to NEW; the form
# keeps what was typed, so it only asks for the number to be checked.
FORM_PROBLEMS = {"intake_bad_phone": "intake_form.bad_phone"}


class IntakePages:
    """Needs from the host: hub, _say and typed_intakes (a dict: by coordinator, when and what
    they typed into a refused form, TYPED_FIELDS)."""

    def new_request_page(self, session, coordinator, request, now) -> Page:
        say = self._say(coordinator)
        kept = self.typed_intakes.pop(coordinator.id, None)
        typed = kept[1] if kept is not None and now - kept[0] <= TYPED_KEPT_FOR else {}
        return Page("new_request.html", "New request", {
            "path": NEW_REQUEST_PATH, "typed": typed,
            "kinds": [(kind, say(f"category.{kind}")) for kind in CATEGORIES],
            "sources": [(source, SOURCE_LABELS[source]) for source in SOURCES]})

    def record_new_request(self, session, coordinator, request, form, now):
        admin = self.hub.admin
        say = self._say(coordinator)
        recorded = record_from_form(session, coordinator, form, CHANNEL, now, admin)
        if recorded.request is None:
            self.typed_intakes[coordinator.id] = (
                now, {name: str(form.get(name) or "") for name in TYPED_FIELDS})
            return NEW_REQUEST_PATH, say(FORM_PROBLEMS.get(recorded.problem, recorded.problem))
        self.typed_intakes.pop(coordinator.id, None)
        return (request_path(recorded.request.reference),
                recorded_reply(session, recorded, say, admin.phone_region).text)
