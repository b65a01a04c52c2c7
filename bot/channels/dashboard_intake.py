"""The dashboard's "New request" page: a request for someone who rang, or a referral.

Mixed into `Dashboard`. The form is read and recorded by the service
(bot/services/help_requests/intake.py `record_from_form`), as the chat's NEW is; the page only draws it
(templates/new_request.html).
"""

from __future__ import annotations

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


class IntakePages:
    """Needs from the host: hub and _say."""

    def new_request_page(self, session, coordinator, request, now) -> Page:
        say = self._say(coordinator)
        return Page("new_request.html", "New request", {
            "path": NEW_REQUEST_PATH,
            "kinds": [(kind, say(f"category.{kind}")) for kind in CATEGORIES],
            "sources": [(source, SOURCE_LABELS[source]) for source in SOURCES]})

    def record_new_request(self, session, coordinator, request, form, now):
        admin = self.hub.admin
        recorded = record_from_form(session, coordinator, form, CHANNEL, now, admin)
        said = recorded_reply(session, recorded, self._say(coordinator),
                              admin.phone_region).text
        if recorded.request is None:
            return NEW_REQUEST_PATH, said
        return request_path(recorded.request.reference), said
