"""The dashboard's "New request" page: a request for someone who rang, or a referral.

Mixed into `Dashboard`. The form is read and recorded by the service
(bot/services/intake.py `record_from_form`), as the chat's NEW is; the page only draws it.
"""

from __future__ import annotations

from bot.channels.dashboard_requests import request_path
from bot.channels.html_text import h
from bot.services.intake import record_from_form, recorded_reply
from bot.understanding.parsing import CATEGORIES
from bot.understanding.referral import SOURCES

CHANNEL = "dashboard"
NEW_REQUEST_PATH = "/dashboard/new-request"
SOURCE_LABELS = {"self": "The person themselves (they rang)", "family": "Family or a friend",
                 "partner": "A partner organisation (GP, occupational therapy, hospital "
                            "discharge team, council)",
                 "coordinator": "A coordinator (e.g. a check-up call)"}


class IntakePages:
    """Needs from the host: hub, _visitor, _csrf_field, _say."""

    def new_request_page(self, session, coordinator, request, now):
        say = self._say(coordinator)
        kinds = "".join(f'<option value="{kind}">{h(say(f"category.{kind}"))}</option>'
                        for kind in CATEGORIES)
        sources = "".join(f'<option value="{source}">{h(SOURCE_LABELS[source])}</option>'
                          for source in SOURCES)

        def box(name: str, label: str, required: bool = True, size: int = 120) -> str:
            needed = " required" if required else ""
            return (f'<label>{h(label)} <input name="{name}" maxlength="{size}"{needed}>'
                    "</label>")

        body = (
            "<h1>New request</h1><p>For someone who rang, or a referral. The person's news "
            "goes to them by text when they have a mobile; with only a landline it goes to "
            "whoever referred them (when they give a mobile) or to the coordinators, and the "
            "volunteer is given the number to ring.</p>"
            f'<form method="post" action="{NEW_REQUEST_PATH}">'
            f"{self._csrf_field(self._visitor(request))}"
            "<fieldset><legend>The person</legend>"
            + box("name", "Name") + box("phone", "Phone (a landline will do)", size=32)
            + box("address", "House and street", size=200) + box("postcode", "Postcode", size=10)
            + "</fieldset><fieldset><legend>The help</legend>"
            f'<label>Kind of help <select name="kind">{kinds}</select></label>'
            + box("when", "When (e.g. tomorrow, Friday morning; empty for any time)",
                  required=False, size=80)
            + box("details", "Anything the volunteer should know", required=False, size=500)
            + "</fieldset><fieldset><legend>Who asked</legend>"
            f'<label>Who asked <select name="source">{sources}</select></label>'
            + box("referrer_name", "Who referred them (name, organisation)", required=False)
            + box("referrer_contact", "How to reach them (a mobile gets the person's news)",
                  required=False, size=80)
            + "</fieldset>"
            '<label><input type="checkbox" name="consent" value="yes" required> The person '
            "agreed on the phone that we pass their details to a volunteer (recorded with "
            "your name)</label>"
            '<button type="submit">Record the request</button></form>')
        return "New request", body

    def record_new_request(self, session, coordinator, request, form, now):
        admin = self.hub.admin
        recorded = record_from_form(session, coordinator, form, CHANNEL, now, admin)
        said = recorded_reply(session, recorded, self._say(coordinator),
                              admin.phone_region).text
        if recorded.request is None:
            return NEW_REQUEST_PATH, said
        return request_path(recorded.request.reference), said
