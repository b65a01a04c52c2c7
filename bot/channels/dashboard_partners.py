"""Dashboard pages for signposting, partners and shopping money: the directory (with a form
to add entries), partners and their open needs, and receipts waiting to be settled.

Mixed into `Dashboard`; each page or form runs in the coordinator's transaction
like the others, and changes go through the same services the chat commands use.
"""

from __future__ import annotations

from sqlalchemy import select

from bot.channels.html_text import h

from bot.dialogue.money import pounds
from bot.services import audit
from bot.services.describe import aware, how_long, name_of
from bot.services.directory import KINDS, EntryDetails, districts_in, entry_label
from bot.services.receipts import OUTSTANDING
from models import (
    DirectoryEntry,
    HelpRequest,
    NeedOffer,
    NeedOfferStatus,
    Person,
    ReceiptStatus,
)

CHANNEL = "dashboard"
PAGES = (("/dashboard/directory", "Directory"), ("/dashboard/partners", "Partners"),
         ("/dashboard/money", "Shopping money"))


class PartnerPages:
    """Needs from the host: hub, _visitor, _csrf_field, _table and _say."""

    # The directory.

    def directory_page(self, session, coordinator, request, now):
        visitor = self._visitor(request)
        say = self._say(coordinator)
        rows = []
        for entry in self.hub.directory.entries(session):
            remove = (f'<form method="post" action="/dashboard/directory/{entry.id}/remove">'
                      f'{self._csrf_field(visitor)}<button type="submit">Remove '
                      f"{h(entry_label(entry))}</button></form>")
            rows.append(
                f"<tr><td>{h(entry_label(entry))}</td><td>{h(entry.name)}</td>"
                f"<td>{h(say(f'kind.{entry.kind}'))}</td><td>{h(' '.join(entry.districts))}</td>"
                f"<td>{h(entry.phone)}</td><td>{h(entry.opening_hours)}</td>"
                f"<td>{'yes' if entry.takes_payment_by_phone else 'no'}</td>"
                f"<td>{h(entry.notes)}</td><td>{remove}</td></tr>")
        table = self._table("Local services residents are pointed to",
                            ("Entry", "Name", "Kind", "Serves", "Phone", "Hours",
                             "Payment by phone", "Notes", ""), rows) if rows else \
            "<p>No entries yet. Add the first below, or import a CSV with " \
            "<code>neighbourly directory import</code>.</p>"
        kinds = "".join(f'<option value="{kind}">{h(say(f"kind.{kind}"))}</option>'
                        for kind in KINDS)
        field = lambda name, label, extra="": (  # noqa: E731
            f'<label for="{name}">{label}</label><input id="{name}" name="{name}"{extra}>')
        form = (
            '<h2>Add an entry</h2><form method="post" action="/dashboard/directory/add" '
            f'class="stacked">{self._csrf_field(visitor)}'
            f'{field("name", "Name", " required")}'
            f'<label for="kind">Kind</label><select id="kind" name="kind">{kinds}</select>'
            f'{field("districts", "Postcode districts it serves (e.g. RM17 RM16)", " required")}'
            f'{field("postcode", "Its own postcode (for nearest first; optional)")}'
            f'{field("phone", "Phone")}{field("opening_hours", "Opening hours")}'
            '<label><input type="checkbox" name="takes_payment_by_phone" value="yes"> '
            "Takes payment by phone</label>"
            f'{field("notes", "Notes")}<button type="submit">Add to the directory</button>'
            "</form>")
        return "Directory", f"<h1>Directory</h1>{table}{form}"

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
        entry = session.get(DirectoryEntry, request.path_params["entry"])
        if entry is None or entry.removed_at is not None:
            return "/dashboard/directory", "That entry is no longer in the directory."
        entry.removed_at = now
        audit.record(session, "directory.removed", now, actor_id=coordinator.id,
                     channel=CHANNEL, subject=entry_label(entry))
        return "/dashboard/directory", f"Removed {entry_label(entry)}: {entry.name}."

    # Partners and their needs.

    def partners_page(self, session, coordinator, request, now):
        say = self._say(coordinator)
        partners = [
            f"<tr><td>{h(p.name)}</td><td>{h(p.kind)}</td>"
            f"<td>{h(name_of(p.contact) if p.contact else '-')}</td></tr>"
            for p in self.hub.partners.active_partners(session)]
        needs = []
        for need in self.hub.partners.open_needs(session):
            coming = session.scalars(
                select(Person.first_name).join(NeedOffer, NeedOffer.volunteer_id == Person.id)
                .where(NeedOffer.need_id == need.id,
                       NeedOffer.status == NeedOfferStatus.ACCEPTED)).all()
            dates = (f"{need.starts_on:%-d %b} to {need.ends_on:%-d %b}"
                     if need.starts_on and need.ends_on else "-")
            needs.append(
                f"<tr><td>{h(need.reference)}</td><td>{h(need.partner.name)}</td>"
                f"<td>{h(say(f'need_kind.{need.category}'))}</td>"
                f"<td>{need.places_taken} of {need.volunteers_needed}</td>"
                f"<td>{h(need.postcode)}</td><td>{h(need.how_often or '-')}</td>"
                f"<td>{h(dates)}</td><td>{h(', '.join(n or '?' for n in coming) or '-')}</td></tr>")
        body = "<h1>Partners</h1>"
        body += self._table("Partner organisations", ("Name", "Kind", "Contact"), partners) \
            if partners else "<p>No partners yet: text PARTNER ADD to the hub.</p>"
        body += self._table("Needs still open", ("Need", "Partner", "Help", "Filled", "Where",
                                                 "How often", "Dates", "Coming"), needs) \
            if needs else "<p>No open needs. Text NEED to the hub to post one.</p>"
        return "Partners", body

    # Shopping money.

    def money_page(self, session, coordinator, request, now):
        visitor = self._visitor(request)
        rows = []
        requests = session.scalars(select(HelpRequest).where(
            HelpRequest.receipt_status.in_(OUTSTANDING)).order_by(HelpRequest.receipt_at))
        for item in requests:
            resident = session.get(Person, item.resident_id)
            volunteer = session.get(Person, item.assigned_volunteer_id) \
                if item.assigned_volunteer_id else None
            since = how_long(now - aware(item.receipt_at, now)) if item.receipt_at else "-"
            settle = "" if item.receipt_status == ReceiptStatus.AWAITING else (
                f'<form method="post" action="/dashboard/money/{item.id}/settle">'
                f'{self._csrf_field(visitor)}<button type="submit">Settled {h(item.reference)}'
                "</button></form>")
            rows.append(
                f"<tr><td>{h(item.reference)}</td><td>{h(name_of(resident))}</td>"
                f"<td>{h(name_of(volunteer))}</td><td>{h(pounds(item.receipt_pence or 0))}</td>"
                f"<td>{h(item.receipt_status)}</td><td>{h(since)}</td><td>{settle}</td></tr>")
        if not rows:
            return "Shopping money", ("<h1>Shopping money</h1><p>No receipts outstanding: "
                                      "every amount has been confirmed.</p>")
        return "Shopping money", (
            "<h1>Shopping money</h1><p>Receipts the resident has not confirmed. Disputed and "
            "unanswered ones need a call; mark them settled once sorted out.</p>"
            + self._table("Outstanding receipts", ("Request", "Resident", "Volunteer", "Amount",
                                                   "Status", "Since", ""), rows))

    def settle_receipt(self, session, coordinator, request, form, now):
        item = session.get(HelpRequest, request.path_params["request"])
        if item is None or not self.hub.receipts.settle(session, item, now):
            return "/dashboard/money", "That receipt has nothing outstanding."
        audit.record(session, "receipt.settled", now, actor_id=coordinator.id, channel=CHANNEL,
                     subject=item.reference)
        return "/dashboard/money", f"{item.reference}: marked settled."
