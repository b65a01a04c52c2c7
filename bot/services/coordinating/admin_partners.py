"""Coordinators' commands for signposting, partners and shopping money:
DIRECTORY, PARTNER, PARTNERS, NEED, NEEDS and SETTLE.

Mixed into AdminService, so they are audited and reached like every other command.
"""

from __future__ import annotations

from sqlalchemy import select

from bot.understanding import parsing
from bot.dialogue.money import pounds
from bot.services.shared import audit
from bot.services.community.directory import (
    DirectoryService,
    details_from_command,
    districts_in,
    entry_label,
    entry_number,
)
from bot.services.shared.describe import phone_of
from bot.services.shared.identities import InvalidPhoneNumber, mask_phone
from bot.services.community.partners import PartnerService, need_from_command
from bot.services.help_requests.receipts import ReceiptService
from models import DirectoryEntry, NeedStatus, PartnerNeed


SHOWN = 15  # directory lines in one reply


class PartnerCommands:
    directory: DirectoryService | None
    partners: PartnerService | None
    receipts: ReceiptService | None

    # DIRECTORY, DIRECTORY ADD ..., DIRECTORY REMOVE D-3

    def do_directory(self, session, coordinator, arguments, now, say) -> str:
        words = arguments.split(maxsplit=1)
        action = words[0].lower() if words else ""
        rest = words[1] if len(words) > 1 else ""
        if action == "add":
            details = details_from_command(rest)
            if details is None:
                return say("admin_directory_how")
            entry = self.directory.add(session, details, now)
            audit.record(session, "directory.added", now, actor_id=coordinator.id,
                         subject=entry_label(entry))
            return say("admin_directory_added", number=entry_label(entry), name=entry.name,
                       kind=say(f"kind.{entry.kind}"), districts=" ".join(entry.districts))
        if action in ("remove", "delete"):
            number = entry_number(rest)
            entry = session.get(DirectoryEntry, number) if number else None
            if entry is None or entry.removed_at is not None:
                return say("admin_directory_unknown", number=f"D-{number or '?'}")
            entry.removed_at = now
            return say("admin_directory_removed", number=entry_label(entry), name=entry.name)
        if action == "help":
            return say("admin_directory_how")
        district = (districts_in(arguments) or [None])[0]
        where = f" ({district})" if district else ""
        entries = self.directory.entries(session, district)
        if not entries:
            return say("admin_directory_empty", where=where)
        lines = "\n".join(f"{entry_label(e)} {e.name}: {say(f'kind.{e.kind}')}, "
                          f"{' '.join(e.districts)}, {e.phone or '-'}" for e in entries[:SHOWN])
        if len(entries) > SHOWN:
            lines += f"\n…and {len(entries) - SHOWN} more (DIRECTORY RM17 for one district)"
        return say("admin_directory", where=where, lines=lines)

    # PARTNER ADD name | kind | contact, PARTNER REMOVE name, PARTNERS

    def do_partner(self, session, coordinator, arguments, now, say) -> str:
        words = arguments.split(maxsplit=1)
        if words and words[0].lower() in ("remove", "delete"):
            return self.remove_partner(session, coordinator, words[1] if len(words) > 1 else "",
                                       now, say)
        fields = [f.strip() for f in (words[1] if len(words) > 1 else "").split("|")]
        if not words or words[0].lower() != "add" or len(fields) < 3 or not fields[0]:
            return say("admin_partner_how")
        try:
            partner, contact, existed = self.partners.add_partner(session, fields[0], fields[1],
                                                                  fields[2], now)
        except InvalidPhoneNumber:
            return say("admin_partner_how")
        described = f"{contact.first_name or ''} {mask_phone(phone_of(session, contact.id))}"
        key = "admin_partner_exists" if existed else "admin_partner_added"
        return say(key, name=partner.name, contact=described.strip())

    def remove_partner(self, session, coordinator, name, now, say) -> str:
        name = name.strip()
        if not name:
            return say("admin_partner_how")
        partner = self.partners.partner_named(session, name)
        if partner is None:
            return say("admin_unknown_partner", name=name)
        closed, told = self.partners.remove_partner(session, partner, now)
        audit.record(session, "partner.removed", now, actor_id=coordinator.id,
                     subject=partner.name, needs_closed=[need.reference for need in closed])
        if not closed:
            return say("admin_partner_removed", name=partner.name)
        return say("admin_partner_removed_needs", name=partner.name, count=told,
                   needs=", ".join(need.reference for need in closed))

    def do_partners(self, session, coordinator, arguments, now, say) -> str:
        partners = self.partners.active_partners(session)
        if not partners:
            return say("admin_partners_empty")
        lines = "\n".join(
            f"{p.name} ({p.kind or '-'}): {(p.contact.first_name if p.contact else None) or '-'}"
            f" {phone_of(session, p.contact_id)}" for p in partners)
        return say("admin_partners", lines=lines)

    # NEED partner | kind | count | postcode | how often | dates | checks | about; NEED OFFER N-..;
    # NEED CLOSE N-..

    def do_need(self, session, coordinator, arguments, now, say) -> str:
        words = arguments.split(maxsplit=1)
        if words and words[0].lower() == "offer":
            return self.offer_need_again(session, coordinator, arguments, now, say)
        if words and words[0].lower() == "close":
            return self.close_need(session, coordinator, arguments, now, say)
        details = need_from_command(arguments, now.date(), self.locate_postcode)
        if details is None:
            return say("admin_need_how")
        partner = self.partners.partner_named(session, details.partner_name)
        if partner is None:
            return say("admin_unknown_partner", name=details.partner_name)
        need, offered = self.partners.post_need(session, partner, details, now)
        audit.record(session, "need.posted", now, actor_id=coordinator.id,
                     subject=need.reference, partner=partner.name,
                     volunteers=[v.id for v in offered])
        return self.need_outcome(session, coordinator, need, offered, say)

    def offer_need_again(self, session, coordinator, arguments, now, say) -> str:
        reference = parsing.find_need_reference(arguments)
        if reference is None:
            return say("admin_need_which", example="NEED OFFER N-3KD9")
        need = session.scalar(select(PartnerNeed).where(PartnerNeed.reference == reference))
        if need is None or need.status != NeedStatus.OPEN:
            return say("admin_need_unknown", reference=reference)
        offered = self.partners.offer_more(session, need, now)
        if not offered:
            return self.need_outcome(session, coordinator, need, offered, say)
        return say("admin_need_offered_more", reference=need.reference, partner=need.partner.name,
                   filled=need.places_taken, needed=need.volunteers_needed,
                   offered_to=say("admin_need_offered_to", count=len(offered)),
                   names=", ".join(v.first_name or "?" for v in offered))

    def close_need(self, session, coordinator, arguments, now, say) -> str:
        reference = parsing.find_need_reference(arguments)
        if reference is None:
            return say("admin_need_which", example="NEED CLOSE N-3KD9")
        need = session.scalar(select(PartnerNeed).where(PartnerNeed.reference == reference))
        if need is None or need.status == NeedStatus.CLOSED:
            return say("admin_need_unknown", reference=reference)
        told = self.partners.close_need(session, need, now)
        audit.record(session, "need.closed", now, actor_id=coordinator.id,
                     subject=need.reference, places_taken=need.places_taken)
        return say("admin_need_closed", reference=need.reference, partner=need.partner.name,
                   filled=need.places_taken, needed=need.volunteers_needed, count=told)

    def need_outcome(self, session, coordinator, need: PartnerNeed, offered, say) -> str:
        if not offered:
            return say("admin_need_nobody", reference=need.reference, partner=need.partner.name,
                       district=need.postcode.split(" ")[0],
                       checks=self.partners.checks_text(coordinator, need))
        return say("admin_need_posted", reference=need.reference, partner=need.partner.name,
                   needed_volunteers=say("admin_need_volunteers_needed",
                                         count=need.volunteers_needed),
                   category=say(f"need_kind.{need.category}"),
                   offered_to=say("admin_need_offered_to", count=len(offered)),
                   names=", ".join(v.first_name or "?" for v in offered))

    def do_needs(self, session, coordinator, arguments, now, say) -> str:
        needs = self.partners.open_needs(session)
        if not needs:
            return say("admin_needs_empty")
        lines = "\n".join(
            f"{n.reference} {n.partner.name}: {say(f'need_kind.{n.category}')}, "
            f"{n.places_taken}/{n.volunteers_needed} filled, {n.postcode}" for n in needs)
        return say("admin_needs", lines=lines)

    # SETTLE R-7Q4K: a disputed or unanswered receipt has been sorted out.

    def do_settle(self, session, coordinator, arguments, now, say) -> str:
        request, problem = self.request_named(session, arguments, "SETTLE", say)
        if request is None:
            return problem
        if not self.receipts.settle(session, request, now):
            return say("admin_settle_nothing", reference=request.reference)
        return say("admin_settled", reference=request.reference,
                   amount=pounds(request.receipt_pence or 0))
