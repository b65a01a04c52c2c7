"""What coordinators do to one request: CANCEL, CLOSE, NOTE, CHANGE, REOPEN, URGENT, and
WEEKLY for a standing request (START, PAUSE, RESUME, SKIP, END).

Mixed into `AdminService` (bot/services/coordinating/admin.py), which finds the request named and
runs each command inside the coordinator's message transaction. Cancelling takes the
one path every cancel takes (bot/services/help_requests/cancelling.py); the rest are written here.
Every action is audited with the request's reference as its subject, so SHOW's history
and the dashboard's request page tell it (bot/services/help_requests/request_history.py), notes with
their author and time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import update
from sqlalchemy.orm import Session

from bot.dialogue import standing as standing_words
from bot.services.shared import audit
from bot.services.help_requests import standing as standing_requests
from bot.services.help_requests.cancelling import BY_COORDINATOR, cancel_request
from bot.services.help_requests.offers import ended_only_by_closing
from bot.understanding import parsing, polish
from models import (
    OPEN_STATUSES,
    HelpRequest,
    Offer,
    OfferStatus,
    Person,
    RequestStatus,
    StandingRequest,
    StandingStatus,
)

# What CHANGE changes, in the words a coordinator may use for it.
CHANGE_FIELDS = {"address": "address", "where": "address", "place": "address",
                 "when": "when", "time": "when", "date": "when", "day": "when",
                 "kind": "kind", "type": "kind", "category": "kind", "help": "kind",
                 "adres": "address", "kiedy": "when", "rodzaj": "kind"}
# WEEKLY's words, in English and Polish (folded), for what to do to a standing request.
WEEKLY_ACTIONS = {"start": "start", "pause": "pause", "resume": "resume", "skip": "skip",
                  "end": "end", "stop": "end", "fortnightly": "fortnightly",
                  "wstrzymaj": "pause", "wznow": "resume", "pomin": "skip", "zakoncz": "end",
                  "zacznij": "start"}
LONGEST_NOTE = 1000
LONGEST_REASON = 200
URGENT = "urgent"


def still_open(request: HelpRequest) -> bool:
    """Whether a request can still be cancelled, closed, changed or marked urgent (else only
    reopened or noted)."""
    return request.status in OPEN_STATUSES


@dataclass(frozen=True)
class Change:
    """A CHANGE read: which field, and its new value said in words."""

    field: str
    words: str


def words_after_reference(arguments: str) -> str:
    """CANCEL R-7Q4K she found a neighbour -> "she found a neighbour"."""
    return " ".join(parsing.REFERENCE_PATTERN.sub(" ", parsing.clean(arguments)).split()
                    ).strip(" ,.;:-")


def read_change(rest: str) -> Change | None:
    """"when friday" -> Change("when", "friday"); None when no field is named."""
    words = rest.split(maxsplit=1)
    if not words:
        return None
    field = CHANGE_FIELDS.get(words[0].lower().strip(" :,"))
    if field is None or len(words) < 2 or not words[1].strip(" :,"):
        return None
    return Change(field, words[1].strip(" :,"))


class CaseCommands:
    """Needs from the host: notifier, offers, locate_postcode, request_named; and for WEEKLY,
    `standing` (bot/services/help_requests/standing.py), set where the hub is built."""

    standing = None

    def case_command(self, session: Session, coordinator: Person, command: str,
                     arguments: str, channel: str | None, now: datetime, say) -> str:
        request, problem = self.request_named(session, arguments, command.upper(), say)
        if request is None:
            return problem
        rest = words_after_reference(arguments)
        if command == "weekly":  # "RESUME" reads as a reference (R-ESUME): take only the first
            rest = parsing.REFERENCE_PATTERN.sub(" ", parsing.clean(arguments), count=1).strip()
        handler = getattr(self, f"case_{command}")
        return handler(session, coordinator, request, rest, channel, now, say)

    # CANCEL and CLOSE: the request ends.

    def case_cancel(self, session, coordinator, request, rest, channel, now, say) -> str:
        if not rest:
            return say("case_reason_needed", command="CANCEL", reference=request.reference)
        resident = session.get(Person, request.resident_id)
        cancelled = cancel_request(session, request, now, self.notifier, why=BY_COORDINATOR,
                                   actor_id=coordinator.id, channel=channel,
                                   reason=rest[:LONGEST_REASON])
        if cancelled is None:
            return say("case_not_open", reference=request.reference,
                       status=say(f"status.{request.status}"))
        if resident is not None and resident.erased_at is None:
            self.notifier.send(session, resident, now, "request_cancelled_by_coordinator",
                               reference=request.reference,
                               category=self.notifier.say(
                                   resident, f"category.{request.category}").lower(),
                               reason=rest[:LONGEST_REASON])
        told = say("case_volunteer_told", name=cancelled.volunteer_told) \
            if cancelled.volunteer_told else ""
        return say("case_cancelled", reference=request.reference) + told

    def case_close(self, session, coordinator, request, rest, channel, now, say) -> str:
        if not rest:
            return say("case_reason_needed", command="CLOSE", reference=request.reference)
        if request.status not in OPEN_STATUSES:
            return say("case_not_open", reference=request.reference,
                       status=say(f"status.{request.status}"))
        request.move_to(RequestStatus.DONE, now)
        withdraw_open_offers(session, request, now)
        audit.record(session, "request.closed", now, actor_id=coordinator.id, channel=channel,
                     subject=request.reference, reason=rest[:LONGEST_REASON])
        return say("case_closed", reference=request.reference)

    # NOTE.

    def case_note(self, session, coordinator, request, rest, channel, now, say) -> str:
        if not rest:
            return say("case_note_how", reference=request.reference)
        self.note(session, coordinator, request, rest, channel, now)
        return say("case_noted", reference=request.reference)

    def note(self, session: Session, coordinator: Person, request: HelpRequest, text: str,
             channel: str | None, now: datetime) -> None:
        """A case note: kept in the audit trail with its author and time."""
        audit.record(session, "request.noted", now, actor_id=coordinator.id, channel=channel,
                     subject=request.reference, text=text[:LONGEST_NOTE])

    # CHANGE.

    def case_change(self, session, coordinator, request, rest, channel, now, say) -> str:
        change = read_change(rest)
        if change is None:
            return say("case_change_how", reference=request.reference)
        if request.status not in OPEN_STATUSES:
            return say("case_not_open", reference=request.reference,
                       status=say(f"status.{request.status}"))
        described = self.apply_change(request, change, now)
        if described is None:
            return say(f"case_change_unread.{change.field}", reference=request.reference)
        audit.record(session, "request.changed", now, actor_id=coordinator.id, channel=channel,
                     subject=request.reference, field=change.field, change=described)
        told = ""
        volunteer = session.get(Person, request.assigned_volunteer_id) \
            if request.status == RequestStatus.ASSIGNED and request.assigned_volunteer_id \
            else None
        if volunteer is not None and volunteer.erased_at is None:
            self.notifier.send(session, volunteer, now, "task_changed",
                               reference=request.reference,
                               change=self.change_for(volunteer, request, change.field))
            told = say("case_volunteer_told", name=volunteer.first_name or "?")
        return say("case_changed", reference=request.reference, change=described) + told

    def apply_change(self, request: HelpRequest, change: Change, now: datetime) -> str | None:
        """Change the request; the new value in words for the audit, or None when the words
        say no address, time or kind the hub can read."""
        if change.field == "address":
            postcodes = parsing.find_postcodes(change.words)
            line = change.words
            if postcodes:
                place = self.locate_postcode(postcodes[0])
                if place is not None:
                    request.latitude, request.longitude = place.latitude, place.longitude
                request.postcode = postcodes[0]
                line = " ".join(parsing.POSTCODE_PATTERN.sub(" ", parsing.clean(line)).split()
                                ).strip(" ,")
            if line:
                request.address_line = line[:200]
            return ", ".join(p for p in (request.address_line, request.postcode) if p)
        if change.field == "when":
            found = parsing.find_when(change.words, now.date())
            if found is None:
                return None
            request.needed_on, request.needed_when_text = found[0], found[1][:80]
            return found[1]
        kind = parsing.find_category(change.words)
        if kind is None:
            return None
        request.category = kind
        return kind

    def change_for(self, volunteer: Person, request: HelpRequest, field: str) -> str:
        """The new value in the volunteer's own words."""
        say = self.notifier.speaker(volunteer)
        if field == "address":
            return ", ".join(p for p in (request.address_line, request.postcode) if p)
        if field == "when":
            return request.needed_when_text or say("when.any_time")
        return say(f"category.{request.category}").lower()

    # REOPEN and URGENT.

    def case_reopen(self, session, coordinator, request, rest, channel, now, say) -> str:
        if request.status in OPEN_STATUSES:
            return say("case_already_open", reference=request.reference,
                       status=say(f"status.{request.status}"))
        # Read before the request forgets how it closed.
        ask_again = ended_only_by_closing(session, request)
        request.status, request.assigned_volunteer_id = RequestStatus.NEW, None
        request.done_at = request.cancelled_at = request.expired_at = None
        audit.record(session, "request.reopened", now, actor_id=coordinator.id,
                     channel=channel, subject=request.reference,
                     reason=rest[:LONGEST_REASON] or None)
        self.offers.start_matching(session, request, now, ask_again)
        # They were told it was cancelled (or done): now that it is open again, and looked into.
        resident = session.get(Person, request.resident_id)
        if resident is not None and resident.erased_at is None:
            self.notifier.send(session, resident, now, "request_reopened",
                               reference=request.reference,
                               category=self.notifier.say(
                                   resident, f"category.{request.category}").lower())
        return say("case_reopened", reference=request.reference)

    def case_urgent(self, session, coordinator, request, rest, channel, now, say) -> str:
        if request.status not in OPEN_STATUSES:
            return say("case_not_open", reference=request.reference,
                       status=say(f"status.{request.status}"))
        if request.urgency == URGENT:
            return say("case_already_urgent", reference=request.reference)
        request.urgency = URGENT
        audit.record(session, "request.marked_urgent", now, actor_id=coordinator.id,
                     channel=channel, subject=request.reference,
                     reason=rest[:LONGEST_REASON] or None)
        return say("case_marked_urgent", reference=request.reference)


    # WEEKLY: a standing request ("shopping every Friday").

    def case_weekly(self, session, coordinator, request, rest, channel, now, say) -> str:
        words = parsing.words_of(rest).split()
        action = WEEKLY_ACTIONS.get(polish.first_word(rest)) if words else None
        if action is None or self.standing is None:
            return say("case_weekly_how", reference=request.reference)
        standing = session.get(StandingRequest, request.standing_request_id) \
            if request.standing_request_id else None
        if action in ("start", "fortnightly"):
            if standing is not None and standing.status != StandingStatus.ENDED:
                return say("case_weekly_already", reference=request.reference,
                           every=self.standing.describe(session, standing, say,
                                                        coordinator.language, now))
            if request.category not in standing_words.REPEATABLE:
                return say("case_weekly_not_for_calls", reference=request.reference)
            standing_requests.start(session, request, 14 if action == "fortnightly" else 7, now)
            standing = session.get(StandingRequest, request.standing_request_id)
            return say("case_weekly_started", reference=request.reference,
                       every=self.standing.describe(session, standing, say,
                                                    coordinator.language, now))
        if standing is None or standing.status == StandingStatus.ENDED:
            return say("case_weekly_none", reference=request.reference)
        left_out = None
        if action == "pause":
            self.standing.pause(session, standing, now, coordinator.id, channel)
        elif action == "resume":
            self.standing.resume(session, standing, now, coordinator.id, channel)
        elif action == "skip":
            left_out = self.standing.skip(session, standing, self.standing.today(now), now,
                                          coordinator.id, channel, why=BY_COORDINATOR)
        else:
            self.standing.end(session, standing, now, actor_id=coordinator.id, channel=channel,
                              why=BY_COORDINATOR)
        self.standing.tell_resident(session, standing, action, now, left_out)
        return say("case_weekly_done", reference=request.reference,
                   every=self.standing.describe(session, standing, say, coordinator.language,
                                                now))


def withdraw_open_offers(session: Session, request: HelpRequest, now: datetime) -> None:
    session.execute(update(Offer).where(Offer.request_id == request.id,
                                        Offer.status == OfferStatus.OFFERED)
                    .values(status=OfferStatus.WITHDRAWN, answered_at=now)
                    .execution_options(synchronize_session="fetch"))
