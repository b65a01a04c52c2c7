"""Dashboard pages for signposting, partners and shopping money: the directory (with a form
to add entries), partners and their open needs, and receipts waiting to be settled.

Mixed into `Dashboard`; each page or form runs in the coordinator's transaction
like the others, and changes go through the same services the chat commands use. The
pages are templates/directory.html, partners.html and money.html, their rows from
bot/services/coordinating/dashboard_views.py.
"""

from __future__ import annotations

from bot.channels.templating import Page
from bot.services.shared import audit
from bot.services.coordinating import dashboard_views as views
from bot.services.community.directory import KINDS, EntryDetails, districts_in, entry_label

CHANNEL = "dashboard"
PAGES = (("/dashboard/directory", "Directory"), ("/dashboard/partners", "Partners"),
         ("/dashboard/money", "Shopping money"))


class PartnerPages:
    """Needs from the host: hub and _say."""

    # The directory.

    def directory_page(self, session, coordinator, request, now) -> Page:
        say = self._say(coordinator)
        return Page("directory.html", "Directory", {
            "entries": views.directory_rows(session, self.hub.directory, say),
            "kinds": [(kind, say(f"kind.{kind}")) for kind in KINDS]})

    def add_entry(self, session, coordinator, request, form, now):
        text = lambda name: str(form.get(name) or "").strip()  # noqa: E731
        districts = districts_in(text("districts"))
        if not text("name") or text("kind") not in KINDS or not districts:
            return "/dashboard/directory", ("Please give a name, a kind and the postcode "
                                            "districts it serves, e.g. RM17 RM16.")
        entry = self.hub.directory.add(session, EntryDetails(
            name=text("name"), kind=text("kind"), districts=districts, phone=text("phone"),
            opening_hours=text("opening_hours"),
            takes_payment_by_phone=text("takes_payment_by_phone") == "yes", notes=text("notes"),
            postcode=text("postcode") or None), now)
        audit.record(session, "directory.added", now, actor_id=coordinator.id, channel=CHANNEL,
                     subject=entry_label(entry))
        return "/dashboard/directory", f"Added {entry_label(entry)}: {entry.name}."

    def remove_entry(self, session, coordinator, request, form, now):
        removed = views.remove_directory_entry(session, request.path_params["entry"], now)
        if removed is None:
            return "/dashboard/directory", "That entry is no longer in the directory."
        label, name = removed
        audit.record(session, "directory.removed", now, actor_id=coordinator.id,
                     channel=CHANNEL, subject=label)
        return "/dashboard/directory", f"Removed {label}: {name}."

    # Partners and their needs.

    def partners_page(self, session, coordinator, request, now) -> Page:
        partners, needs = views.partners_and_needs(session, self.hub.partners,
                                                   self._say(coordinator))
        return Page("partners.html", "Partners", {"partners": partners, "needs": needs})

    # Shopping money.

    def money_page(self, session, coordinator, request, now) -> Page:
        return Page("money.html", "Shopping money",
                    {"receipts": views.outstanding_receipts(session, now)})

    def settle_receipt(self, session, coordinator, request, form, now):
        item = views.request_by_id(session, request.path_params["request"])
        if item is None or not self.hub.receipts.settle(session, item, now):
            return "/dashboard/money", "That receipt has nothing outstanding."
        audit.record(session, "receipt.settled", now, actor_id=coordinator.id, channel=CHANNEL,
                     subject=item.reference)
        return "/dashboard/money", f"{item.reference}: marked settled."
