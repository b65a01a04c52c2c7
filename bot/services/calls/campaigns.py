"""Check-up campaigns: ringing round a list of people, by text first (issue 18 part 4).

A coordinator imports a list (CSV: name, phone, postcode, optional notes) with the legal
basis or information-sharing agreement that lets the hub hold it, then starts it with a few
words of their own. Each person on a mobile gets one check-up text, in the outbox, at the
provider's pace (`send_due_check_ups`, from the scheduler), and their conversation waits for
the answer (bot/dialogue/campaign.py): 1, 2 or 3 leads into the resident's own request
questions, OK marks them fine. Landlines, people who have not answered after
`call_after`, replies the hub could not read and texts that never arrived make the call list,
where the coordinator records how each call went.

Someone already known to the hub (by their mobile) is linked, never made twice; someone who
stopped our texts is never texted (they are listed for a call instead: STOP is about texts).
Everything is audited with the subject "campaign:N".
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.dialogue import campaign as dialogue
from bot.dialogue.catalogue import text
from bot.dialogue.types import KnownPostcode
from bot.services.shared import audit
from bot.services.shared.describe import MESSAGING_KINDS, reachable
from bot.services.shared.csv_cells import safe_cell
from bot.services.shared.identities import InvalidPhoneNumber, is_mobile, normalise_phone
from bot.services.sending.outbox import Lane, queue_message
from bot.services.shared.states import expect_answer
from bot.understanding import parsing
from bot.understanding.names import tidy_name
from models import (
    CallResult,
    Campaign,
    CampaignMember,
    CampaignStatus,
    CheckUpReply,
    ContactIdentity,
    HelpRequest,
    IdentityKind,
    OutboundMessage,
    OutboundStatus,
    Person,
)

# The outbox lane check-ups go in: "broadcasts and campaigns", behind every message a
# person is waiting for (a reply, an offer, a reminder).
CAMPAIGN_LANE = Lane.BROADCASTS
DEFAULT_TEXTS_PER_MINUTE = 60  # Twilio's rate for one UK long code: a message a second
DEFAULT_CALL_AFTER = timedelta(hours=24)
LOOKUP_BATCH = 500  # numbers looked up in one query on import
UNPACED = 10_000  # check-ups a tick when the provider sets no pace (it queues them)
# The coordinator's own words go inside the check-up text, which must stay two SMS long.
LONGEST_OWN_WORDS = 100
LONGEST_BASIS = 500
LONGEST_NOTE = 500
REQUIRED_COLUMNS = ("name", "phone", "postcode")
TITLES = {"mr", "mrs", "ms", "miss", "dr", "mx"}
# How a coordinator may say how a call went (chat and dashboard).
CALL_WORDS = {"fine": CallResult.FINE, "ok": CallResult.FINE, "well": CallResult.FINE,
              "help": CallResult.NEEDS_HELP, "needs help": CallResult.NEEDS_HELP,
              "needs_help": CallResult.NEEDS_HELP,
              "no answer": CallResult.NO_ANSWER, "no_answer": CallResult.NO_ANSWER,
              "noanswer": CallResult.NO_ANSWER,
              "wrong number": CallResult.WRONG_NUMBER, "wrong_number": CallResult.WRONG_NUMBER,
              "wrong": CallResult.WRONG_NUMBER}
# Why someone is on the call list, most pressing first.
LANDLINE, NOT_DELIVERED, UNCLEAR, NO_REPLY, OPTED_OUT, NO_ANSWER = (
    "landline", "not_delivered", "unclear", "no_reply", "opted_out", "no_answer")
EXPORT_HEADER = ("line", "name", "phone", "postcode", "notes", "known_before", "mobile",
                 "texted_at", "delivery", "not_texted_because", "reply", "reply_words",
                 "replied_at", "request", "to_ring", "call_result", "call_note", "called_at")


def textable(phone: str) -> bool:
    """Whether a number can take a text: in the UK only mobiles (07, +447) do; elsewhere
    what the numbering plan says (bot/services/help_requests/intake.py)."""
    if phone.startswith("+44"):
        return phone.startswith("+447")
    return is_mobile(phone)


def greeting_name(name: str) -> str:
    """Whom the text greets: "Joan Smith" -> "Joan", "Mrs Joan Smith" -> "Mrs Smith"."""
    words = name.split()
    if len(words) > 1 and words[0].lower().rstrip(".") in TITLES:
        return f"{words[0].rstrip('.').capitalize()} {words[-1]}"
    return words[0] if words else name


@dataclass(frozen=True)
class LineProblem:
    line: int
    key: str  # a catalogue key: "campaign.line.phone", ...
    value: str


@dataclass(frozen=True)
class Imported:
    campaign: Campaign | None
    problem: str | None = None  # the catalogue key of what stopped the whole import
    skipped: tuple[LineProblem, ...] = ()
    warnings: tuple[LineProblem, ...] = ()


@dataclass(frozen=True)
class Progress:
    campaign_id: int
    name: str
    status: str
    legal_basis: str
    people: int
    texted: int
    delivered: int
    replied: int
    fine: int
    needs_help: int
    to_ring: int
    not_texted: int  # stopped our texts, or erased since the import
    known_before: int
    waiting: int  # still to be texted
    started_at: datetime | None


@dataclass(frozen=True)
class ToRing:
    """One person on the call list."""

    member_id: int
    name: str
    phone: str
    postcode: str
    notes: str
    reason: str  # LANDLINE, NOT_DELIVERED, ...
    last_result: str | None
    reply_words: str


@dataclass(frozen=True)
class AskedForHelp:
    name: str
    phone: str
    reply_words: str
    call_note: str
    reference: str  # their request's, once made; "" until then


def is_on_call_list(member: CampaignMember, delivery: str | None, now: datetime,
                    call_after: timedelta, stopped: bool = False) -> str | None:
    """Why this person should be rung now, or None. A call that found them fine, needing
    help or at a wrong number takes them off; no answer keeps them on. `stopped`: they
    texted STOP after their check-up went, which is an answer of a kind (not "no reply"):
    the caller should know texts are unwelcome before ringing."""
    if member.call_result in (CallResult.FINE, CallResult.NEEDS_HELP, CallResult.WRONG_NUMBER):
        return None
    if member.reply in (CheckUpReply.FINE, CheckUpReply.HELP):
        return None
    if member.call_result == CallResult.NO_ANSWER:
        return NO_ANSWER
    if not member.mobile:
        return LANDLINE
    if member.not_sent_because == "opted_out" or stopped:
        return OPTED_OUT
    if member.reply == CheckUpReply.UNCLEAR:
        return UNCLEAR
    if delivery in (OutboundStatus.FAILED, OutboundStatus.UNDELIVERABLE):
        return NOT_DELIVERED
    if member.sent_at is not None and now - member.sent_at >= call_after:
        return NO_REPLY
    return None


class CampaignService:
    """Check-up campaigns, for the chat's CAMPAIGN, the dashboard and the scheduler."""

    def __init__(self, hub_name: str, phone_region: str,
                 locate_postcode: Callable[[str], KnownPostcode | None], *,
                 enabled_channels: frozenset[str] = frozenset(),
                 texts_per_minute: int = DEFAULT_TEXTS_PER_MINUTE,
                 call_after: timedelta = DEFAULT_CALL_AFTER) -> None:
        self.hub_name = hub_name
        self.phone_region = phone_region
        self.locate_postcode = locate_postcode
        self.enabled_channels = enabled_channels
        self.texts_per_minute = texts_per_minute
        self.call_after = call_after

    # Importing a list.

    def import_list(self, session: Session, coordinator: Person, name: str, legal_basis: str,
                    csv_text: str, channel: str | None, now: datetime) -> Imported:
        """A campaign from a CSV file. Rows that cannot be used are reported by line and
        skipped; the rest are kept. Nothing is sent until the campaign is started."""
        name = " ".join(name.split())[:120]
        legal_basis = " ".join(legal_basis.split())[:LONGEST_BASIS]
        if not name:
            return Imported(None, "campaign.import_no_name")
        if len(legal_basis) < 3:
            return Imported(None, "campaign.import_no_basis")
        rows = csv.reader(io.StringIO(csv_text.lstrip("\ufeff")))
        header = [cell.strip().lower() for cell in next(rows, [])]
        if any(column not in header for column in REQUIRED_COLUMNS):
            return Imported(None, "campaign.import_no_header")
        where = {column: header.index(column) for column in header if column}
        campaign = Campaign(name=name, legal_basis=legal_basis, status=CampaignStatus.IMPORTED,
                            created_by_id=coordinator.id, created_at=now)
        session.add(campaign)
        skipped: list[LineProblem] = []
        warnings: list[LineProblem] = []
        seen: set[str] = set()
        for line, row in enumerate(rows, start=2):
            if not any(cell.strip() for cell in row):
                continue
            member = self._member_from(row, where, line, seen, skipped, warnings)
            if member is not None:
                campaign.members.append(member)
        if not campaign.members:
            session.expunge(campaign)
            return Imported(None, "campaign.import_nobody", tuple(skipped), tuple(warnings))
        self.link_people(session, campaign.members)
        session.flush()
        audit.record(session, "campaign.imported", now, actor_id=coordinator.id,
                     channel=channel, subject=f"campaign:{campaign.id}", name=name,
                     legal_basis=legal_basis, people=len(campaign.members),
                     skipped=len(skipped))
        return Imported(campaign, None, tuple(skipped), tuple(warnings))

    def _member_from(self, row: list[str], where: dict[str, int], line: int,
                     seen: set[str], skipped: list[LineProblem],
                     warnings: list[LineProblem]) -> CampaignMember | None:
        def cell(column: str) -> str:
            index = where.get(column)
            return " ".join(row[index].split()) if index is not None and index < len(row) \
                else ""

        name = tidy_name(cell("name")) if parsing.has_letters_or_digits(cell("name")) else None
        if not name:
            skipped.append(LineProblem(line, "campaign.line.name", cell("name")))
            return None
        try:
            phone = normalise_phone(cell("phone"), self.phone_region)
        except InvalidPhoneNumber:
            skipped.append(LineProblem(line, "campaign.line.phone", cell("phone")))
            return None
        if phone in seen:
            skipped.append(LineProblem(line, "campaign.line.twice", cell("phone")))
            return None
        seen.add(phone)
        postcodes = parsing.find_postcodes(cell("postcode"))
        place = self.locate_postcode(postcodes[0]) if postcodes else None
        if place is None:
            # Kept: checking on them matters more; a request asks for the postcode again.
            warnings.append(LineProblem(line, "campaign.line.postcode", cell("postcode")))
        return CampaignMember(
            line=line, name=name[:80], phone=phone,
            postcode=postcodes[0] if postcodes else None,
            latitude=place.latitude if place else None,
            longitude=place.longitude if place else None,
            notes=cell("notes")[:LONGEST_NOTE] or None, mobile=textable(phone),
            known_before=False)

    def link_people(self, session: Session, members: list[CampaignMember]) -> None:
        """Each mobile to the person the hub knows by it, else to a new person for it; the
        numbers are looked up a few hundred at a time, not one query a line."""
        mobiles = [member for member in members if member.mobile]
        known: dict[str, ContactIdentity] = {}
        for start in range(0, len(mobiles), LOOKUP_BATCH):
            batch = [member.phone for member in mobiles[start:start + LOOKUP_BATCH]]
            known.update((identity.address, identity) for identity in session.scalars(
                select(ContactIdentity).where(ContactIdentity.kind == IdentityKind.PHONE,
                                              ContactIdentity.address.in_(batch))))
        for member in mobiles:
            identity = known.get(member.phone)
            if identity is not None and identity.person.erased_at is None:
                member.person_id, member.known_before = identity.person_id, True
                continue
            person = Person(first_name=greeting_name(member.name)[:80], roles=[],
                            volunteer_profile=None)
            person.identities.append(ContactIdentity(kind=IdentityKind.PHONE,
                                                     address=member.phone))
            session.add(person)
            member.person = person

    # Starting and sending.

    def start(self, session: Session, coordinator: Person, campaign: Campaign, own_words: str,
              channel: str | None, now: datetime) -> str | None:
        """Start texting; the catalogue key of why not, or None."""
        own_words = " ".join(own_words.split())
        if campaign.status != CampaignStatus.IMPORTED:
            return "campaign.admin_already_started"
        if len(own_words) > LONGEST_OWN_WORDS:
            return "campaign.admin_own_too_long"
        if own_words:  # a sentence of its own inside the check-up: "with snow" -> "With snow."
            own_words = own_words[0].upper() + own_words[1:]
            own_words += "" if own_words[-1] in ".!?" else "."
        campaign.own_words = own_words or None
        campaign.status = CampaignStatus.RUNNING
        campaign.started_at, campaign.started_by_id = now, coordinator.id
        audit.record(session, "campaign.started", now, actor_id=coordinator.id, channel=channel,
                     subject=f"campaign:{campaign.id}", own_words=own_words or None)
        return None

    def send_due_check_ups(self, session: Session, now: datetime) -> int:
        """Put the next check-ups in the outbox, no faster than `texts_per_minute` since each
        campaign started; returns how many. Whether someone may be texted is asked now, not
        at the import: a STOP or an erasure in between is respected."""
        queued = 0
        running = session.scalars(select(Campaign).where(
            Campaign.status == CampaignStatus.RUNNING).order_by(Campaign.id)
            .with_for_update()).all()
        for campaign in running:
            elapsed = max((now - campaign.started_at).total_seconds(), 0.0)
            allowed = int(elapsed * self.texts_per_minute / 60) + 1 \
                if self.texts_per_minute > 0 else UNPACED
            done = session.scalar(select(func.count()).select_from(CampaignMember).where(
                CampaignMember.campaign_id == campaign.id,
                CampaignMember.sent_at.is_not(None)))
            due = list(session.scalars(select(CampaignMember).where(
                CampaignMember.campaign_id == campaign.id, CampaignMember.mobile.is_(True),
                CampaignMember.sent_at.is_(None), CampaignMember.not_sent_because.is_(None))
                .order_by(CampaignMember.id).limit(max(allowed - done, 0) + 1)))
            for member in due[:max(allowed - done, 0)]:
                queued += self.queue_check_up(session, campaign, member, now)
            if len(due) <= max(allowed - done, 0):
                campaign.status, campaign.finished_at = CampaignStatus.FINISHED, now
                audit.record(session, "campaign.all_texted", now,
                             subject=f"campaign:{campaign.id}")
        return queued

    def queue_check_up(self, session: Session, campaign: Campaign, member: CampaignMember,
                       now: datetime) -> int:
        person = session.get(Person, member.person_id) if member.person_id else None
        if person is None or person.erased_at is not None:
            member.not_sent_because = "erased"
            return 0
        if not reachable(person):
            member.not_sent_because = "opted_out"
            return 0
        own = f" {campaign.own_words}" if campaign.own_words else ""
        body = text(person.language, "campaign.check_up", name=greeting_name(member.name),
                    hub=self.hub_name, own=own)
        row = queue_message(session, person, body, now, self.enabled_channels,
                            lane=CAMPAIGN_LANE)
        session.flush()
        member.sent_at, member.outbound_message_id = now, row.id
        expect_answer(session, person.id, dialogue.reply_state(
            member.id, greeting_name(member.name), member.postcode, member.latitude,
            member.longitude), now, asked=row)
        return 1

    # Replies.

    def record_reply(self, session: Session, person: Person, answered: dialogue.CheckUpAnswered,
                     channel: str, now: datetime) -> None:
        member = session.get(CampaignMember, answered.member)
        if member is None or member.person_id != person.id:
            return
        member.reply, member.reply_text = answered.answer, answered.words[:1000] or None
        member.replied_at = now
        audit.record(session, "campaign.replied", now, actor_id=person.id, channel=channel,
                     subject=f"campaign:{member.campaign_id}", member=member.id,
                     answer=answered.answer)

    def link_request(self, session: Session, person: Person, request: HelpRequest) -> None:
        """A request made after answering a check-up with help belongs with that answer."""
        member = session.scalar(select(CampaignMember).where(
            CampaignMember.person_id == person.id, CampaignMember.reply == CheckUpReply.HELP,
            CampaignMember.request_id.is_(None)).order_by(CampaignMember.replied_at.desc())
            .limit(1))
        if member is not None:
            member.request_id = request.id

    # Calls.

    def record_call(self, session: Session, coordinator: Person, member: CampaignMember,
                    result: str, note: str, channel: str | None, now: datetime) -> None:
        member.call_result = result
        member.call_note = " ".join(note.split())[:LONGEST_NOTE] or None
        member.called_at, member.called_by_id = now, coordinator.id
        audit.record(session, "campaign.called", now, actor_id=coordinator.id, channel=channel,
                     subject=f"campaign:{member.campaign_id}", member=member.id, result=result,
                     text=member.call_note)

    def call_list(self, session: Session, campaign: Campaign, now: datetime) -> list[ToRing]:
        listed = []
        for member, delivery, stopped in self._members_with_delivery(session, campaign):
            reason = is_on_call_list(member, delivery, now, self.call_after, stopped)
            if reason is not None:
                listed.append(ToRing(member.id, member.name, member.phone,
                                     member.postcode or "", member.notes or "", reason,
                                     member.call_result, member.reply_text or ""))
        return listed

    def asked_for_help(self, session: Session, campaign: Campaign) -> list[AskedForHelp]:
        """Who answered their check-up (or a call) needing help, and their request if one
        was made, for the coordinator to follow."""
        rows = session.execute(
            select(CampaignMember, HelpRequest.reference)
            .outerjoin(HelpRequest, HelpRequest.id == CampaignMember.request_id)
            .where(CampaignMember.campaign_id == campaign.id,
                   (CampaignMember.reply == CheckUpReply.HELP)
                   | (CampaignMember.call_result == CallResult.NEEDS_HELP))
            .order_by(CampaignMember.id))
        return [AskedForHelp(member.name, member.phone, member.reply_text or "",
                             member.call_note or "", reference or "")
                for member, reference in rows]

    # Progress and export.

    def campaigns(self, session: Session) -> list[Campaign]:
        return list(session.scalars(select(Campaign).order_by(Campaign.id.desc())))

    def progress(self, session: Session, campaign: Campaign, now: datetime) -> Progress:
        texted = delivered = replied = fine = needs_help = to_ring = not_texted = known = 0
        waiting = 0
        members = self._members_with_delivery(session, campaign)
        for member, delivery, stopped in members:
            texted += member.sent_at is not None
            delivered += delivery == OutboundStatus.DELIVERED
            replied += member.replied_at is not None
            fine += member.reply == CheckUpReply.FINE or member.call_result == CallResult.FINE
            needs_help += member.reply == CheckUpReply.HELP \
                or member.call_result == CallResult.NEEDS_HELP
            to_ring += is_on_call_list(member, delivery, now, self.call_after,
                                       stopped) is not None
            not_texted += member.not_sent_because is not None
            known += member.known_before
            waiting += member.mobile and member.sent_at is None \
                and member.not_sent_because is None
        return Progress(campaign.id, campaign.name, campaign.status, campaign.legal_basis,
                        len(members), texted, delivered, replied, fine, needs_help, to_ring,
                        not_texted, known, waiting, campaign.started_at)

    def export_csv(self, session: Session, campaign: Campaign, now: datetime) -> str:
        """Everyone on the list and what happened, for a spreadsheet; every cell guarded
        against being run as a formula."""
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(EXPORT_HEADER)
        references = dict(session.execute(select(HelpRequest.id, HelpRequest.reference).where(
            HelpRequest.id.in_(select(CampaignMember.request_id).where(
                CampaignMember.campaign_id == campaign.id)))).all())
        for member, delivery, stopped in self._members_with_delivery(session, campaign):
            reason = is_on_call_list(member, delivery, now, self.call_after, stopped)
            writer.writerow([safe_cell(value) for value in (
                member.line, member.name, member.phone, member.postcode, member.notes,
                "yes" if member.known_before else "no", "yes" if member.mobile else "no",
                stamp(member.sent_at), delivery, member.not_sent_because, member.reply,
                member.reply_text, stamp(member.replied_at),
                references.get(member.request_id), reason, member.call_result,
                member.call_note, stamp(member.called_at))])
        return out.getvalue()

    def _members_with_delivery(self, session: Session, campaign: Campaign
                               ) -> list[tuple[CampaignMember, str | None, bool]]:
        """Each member, their check-up's delivery, and whether they have stopped our texts
        since (two queries for the whole list, however long)."""
        stopped = stopped_people(session, campaign)
        return [(member, delivery, member.person_id in stopped)
                for member, delivery in session.execute(
                    select(CampaignMember, OutboundMessage.status)
                    .outerjoin(OutboundMessage,
                               OutboundMessage.id == CampaignMember.outbound_message_id)
                    .where(CampaignMember.campaign_id == campaign.id)
                    .order_by(CampaignMember.id))]


def stopped_people(session: Session, campaign: Campaign) -> set[int]:
    """Members' people whom no messaging channel reaches any more (STOP on each), as
    `describe.reachable` judges one person."""
    members = select(CampaignMember.person_id).where(CampaignMember.campaign_id == campaign.id)
    messaging = (ContactIdentity.person_id.in_(members)
                 & ContactIdentity.kind.in_(MESSAGING_KINDS))
    opted_out = set(session.scalars(select(ContactIdentity.person_id).where(
        messaging, ContactIdentity.opted_out_at.is_not(None))))
    still_reached = set(session.scalars(select(ContactIdentity.person_id).where(
        messaging, ContactIdentity.opted_out_at.is_(None))))
    return opted_out - still_reached


def stamp(at: datetime | None) -> str:
    return at.strftime("%Y-%m-%d %H:%M") if at else ""


def call_result_named(words: str) -> str | None:
    """"no answer", "FINE", "wrong number" -> a CallResult."""
    return CALL_WORDS.get(" ".join(re.sub(r"[^\w ]", " ", words.lower()).split()))


def call_noted(member: CampaignMember, result: str, say) -> str:
    """What the coordinator is told once a call is recorded: for someone who needs help,
    how to record what they need."""
    if result == CallResult.NEEDS_HELP:
        return say("campaign.admin_rang_help", name=member.name)
    return say("campaign.admin_rang", name=member.name,
               outcome=say(f"campaign.outcome.{result}"))


def forget_members_of(session: Session, person_id: int, addresses: Iterable[str]) -> int:
    """Someone erased leaves no line on any campaign's list (their number, name, notes)."""
    members = list(session.scalars(select(CampaignMember).where(
        (CampaignMember.person_id == person_id)
        | CampaignMember.phone.in_(list(addresses) or [""]))))
    for member in members:
        session.delete(member)
    return len(members)



SHOWN_TO_RING = 10  # lines of the call list in one chat reply


class CampaignCommands:
    """CAMPAIGN in the coordinators' chat, for AdminService (which supplies `campaigns`,
    set by the composition root, and `notifier`):

        CAMPAIGN                      every campaign's progress, newest first
        CAMPAIGN 3                    one campaign's progress
        CAMPAIGN START 3: words       start texting, with the coordinator's own words
        CAMPAIGN CALLS 3              who to ring, with their numbers
        CAMPAIGN RANG 17 FINE note    how the call to person 17 on a list went
    """

    campaigns: CampaignService | None = None

    def do_campaign(self, session, coordinator, arguments, now, say) -> str:
        if self.campaigns is None:
            return say("campaign.admin_none")
        head, _, own_words = arguments.partition(":")
        words = head.split()
        action = words[0].lower() if words and not words[0].isdigit() else "progress"
        numbers = [int(word) for word in words if word.isdigit()]
        if action == "rang":
            return self.campaign_rang(session, coordinator, arguments, now, say)
        if action not in ("progress", "start", "calls"):
            return say("campaign.admin_how")
        campaign = self.campaign_named(session, numbers)
        if campaign is None:
            return say("campaign.admin_unknown", number=numbers[0]) if numbers \
                else say("campaign.admin_none")
        if action == "start":
            problem = self.campaigns.start(session, coordinator, campaign, own_words, None, now)
            if problem is not None:
                return say(problem, number=campaign.id, count=LONGEST_OWN_WORDS)
            self.campaigns.send_due_check_ups(session, now)  # the first goes at once
            progress = self.campaigns.progress(session, campaign, now)
            return say("campaign.admin_started", number=campaign.id,
                       count=progress.texted + progress.waiting, ring=progress.to_ring)
        if action == "calls":
            return self.campaign_calls(session, campaign, now, say)
        if not numbers:  # CAMPAIGN alone: each campaign in a line
            return "\n".join(self.progress_line(session, each, now, say)
                             for each in self.campaigns.campaigns(session)[:SHOWN_TO_RING])
        return self.progress_line(session, campaign, now, say)

    def campaign_named(self, session: Session, numbers: list[int]) -> Campaign | None:
        if numbers:
            return session.get(Campaign, numbers[0])
        latest = self.campaigns.campaigns(session)
        return latest[0] if latest else None

    def progress_line(self, session: Session, campaign: Campaign, now: datetime, say) -> str:
        progress = self.campaigns.progress(session, campaign, now)
        return say("campaign.admin_progress", number=campaign.id, name=campaign.name,
                   count=progress.people, sent=progress.texted, delivered=progress.delivered,
                   replied=progress.replied, fine=progress.fine, needs=progress.needs_help,
                   ring=progress.to_ring, status=say(f"campaign.status.{campaign.status}"))

    def campaign_calls(self, session: Session, campaign: Campaign, now: datetime, say) -> str:
        listed = self.campaigns.call_list(session, campaign, now)
        if not listed:
            return say("campaign.admin_calls_none", number=campaign.id)
        lines = [say("campaign.admin_call_line", member=each.member_id, name=each.name,
                     phone=each.phone, reason=say(f"campaign.reason.{each.reason}"))
                 for each in listed[:SHOWN_TO_RING]]
        if len(listed) > SHOWN_TO_RING:
            lines.append(say("campaign.admin_calls_more", count=len(listed) - SHOWN_TO_RING))
        return say("campaign.admin_calls", number=campaign.id, lines="\n".join(lines))

    def campaign_rang(self, session, coordinator, arguments, now, say) -> str:
        """CAMPAIGN RANG 17 NO ANSWER, CAMPAIGN RANG 17 FINE she has family nearby."""
        words = arguments.split()[1:]
        if not words or not words[0].isdigit():
            return say("campaign.admin_rang_how")
        member = session.get(CampaignMember, int(words[0]))
        if member is None:
            return say("campaign.admin_rang_unknown", member=words[0])
        rest = words[1:]
        for size in (2, 1):  # "no answer", "wrong number" before "fine", "help"
            result = call_result_named(" ".join(rest[:size])) if len(rest) >= size else None
            if result is not None:
                self.campaigns.record_call(session, coordinator, member, result,
                                           " ".join(rest[size:]), None, now)
                return call_noted(member, result, say)
        return say("campaign.admin_rang_how")
