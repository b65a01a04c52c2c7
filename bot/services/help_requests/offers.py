"""Offering a request to volunteers: rounds that cascade, one winner, kind words to the rest.

All of it runs inside the caller's unit of work. The one-winner rule is kept
by the database: a conditional UPDATE of the request (only one transaction
can move it from "offered" to "assigned") and a partial unique index on
accepted offers as a backstop.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.util import identity_key

from bot.dialogue.wording import describe_when
from bot.dialogue.types import Choice, Reply, State
from bot.dialogue.volunteer import contact_text
from bot.services.shared import audit
from bot.services.shared.describe import (
    aware, coordinators, district_of, helped_by, how_long, number_to_ring, phone_of,
    task_for_volunteer,
)
from bot.services.sending.notify import Notifier
from bot.services.sending.outbox import Lane, queue_message
from bot.services.shared.states import expect_answer
from bot.understanding.addresses import street_of
from matching.types import VERY_CLOSE_KM
from models import (
    HelpCategory,
    HelpRequest,
    Offer,
    OfferStatus,
    PaymentMethod,
    Person,
    RequestStatus,
    VolunteerProfile,
)


@dataclass(frozen=True)
class RankedVolunteer:
    volunteer_id: int
    score: float
    distance_km: float | None
    reasons: str  # plain words, "; " between them (SMS-safe), in English, as stored
    # The same in each language the hub writes, for the volunteer's own offer.
    reasons_in: Mapping[str, str] = field(default_factory=dict)


class Ranker(Protocol):
    def __call__(self, session: Session, request: HelpRequest, exclude: frozenset[int],
                 limit: int, now: datetime) -> tuple[list[RankedVolunteer], str | None]:
        """The best volunteers not in `exclude`, or none and the reason in plain words."""


@dataclass(frozen=True)
class OfferPolicy:
    per_round: int = 3
    timeout: timedelta = timedelta(minutes=60)
    # How long a request may wait with no volunteer before the coordinators hear.
    unmatched_alert: timedelta = timedelta(minutes=30)
    # More requests than this waiting to be offered are assigned together (see
    # `offer_backlog`); a new request arriving then waits its turn with them.
    backlog_threshold: int = 50


# Why a request is left waiting for the backlog's turn: seconds, not minutes, as the
# scheduler assigns the backlog on its next round.
WAITING_FOR_BACKLOG = "waiting its turn: many requests came in at once"
# People read by id at a time: well inside every database's limit on bound values.
READ_AT_ONCE = 500


# Two servers' schedulers can reach the backlog step at the same moment. Each would lock
# its own share of the waiting requests and count the volunteers' open offers without the
# other's, so neither share would be solved as a whole and a volunteer could be offered
# past their cap. On PostgreSQL one transaction at a time takes the step (an advisory lock
# that its commit or rollback releases); SQLite lets one writer in at a time anyway.
BACKLOG_LOCK = 0x4E42_0020  # any number no other advisory lock of the hub's uses


def backlog_turn_taken(session: Session) -> bool:
    """Whether this transaction may offer the backlog now (False: another one is)."""
    if session.get_bind().dialect.name != "postgresql":
        return True
    return bool(session.scalar(select(func.pg_try_advisory_xact_lock(BACKLOG_LOCK))))


class OfferService:
    def __init__(self, ranker: Ranker, notifier: Notifier, policy: OfferPolicy) -> None:
        self.ranker = ranker
        self.notifier = notifier
        self.policy = policy
        # Only a ranker that can assign many requests at once (`VolunteerPool`) takes a
        # backlog together; any other keeps offering one request at a time.
        self.assign_backlog = getattr(ranker, "assign_backlog", None)
        # What the last backlog looked like when nothing more could be offered from it,
        # so the scheduler does not solve the same problem again every few seconds.
        self.backlog_seen: tuple | None = None
        self.log = logging.getLogger("bot.services.help_requests.offers")

    # Starting and cascading.

    def start_matching(self, session: Session, request: HelpRequest, now: datetime,
                       ask_again: frozenset[int] = frozenset()) -> None:
        """`ask_again`: volunteers offered the request before who may be offered it once
        more (a reopened request: see `ended_only_by_closing`)."""
        if not request.consent_given:
            # Without consent nothing goes to volunteers: a coordinator calls instead.
            left_unmatched(request, "no consent to share details: a coordinator should call",
                           now)
            return
        if self.joins_backlog(session, request):
            # Offered with the rest on the scheduler's next round, so the volunteers
            # nearby are shared out among everyone waiting, not taken first come.
            left_unmatched(request, WAITING_FOR_BACKLOG, now)
            audit.record(session, "request.waiting", now, subject=request.reference,
                         reason=request.unmatched_reason)
            return
        request.move_to(RequestStatus.MATCHING, now)
        self.offer_next_round(session, request, now, ask_again)

    def joins_backlog(self, session: Session, request: HelpRequest) -> bool:
        """Whether a new request should wait for the backlog's turn rather than be offered
        now: only when a backlog is being assigned together, and never an urgent one."""
        if self.assign_backlog is None or request.urgency == "urgent" \
                or request.latitude is None:
            return False
        waiting = session.scalar(select(func.count()).select_from(HelpRequest).where(
            waiting_to_be_offered(), HelpRequest.id != request.id))
        return waiting >= self.policy.backlog_threshold

    def offer_next_round(self, session: Session, request: HelpRequest, now: datetime,
                         ask_again: frozenset[int] = frozenset()) -> None:
        offered_before = frozenset(session.scalars(
            select(Offer.volunteer_id).where(Offer.request_id == request.id))) - ask_again
        candidates, reason = self.ranker(session, request, offered_before, self.policy.per_round,
                                         now)
        if not candidates:
            request.move_to(RequestStatus.NEW, now)
            left_unmatched(request, reason or "no suitable volunteer", now)
            audit.record(session, "request.unmatched", now, subject=request.reference,
                         reason=request.unmatched_reason)
            return
        earlier_offers = {offer.volunteer_id: offer for offer in session.scalars(
            select(Offer).where(Offer.request_id == request.id,
                                Offer.volunteer_id.in_(ask_again)))} if ask_again else None
        self.make_offers(session, request, candidates, now, earlier_offers=earlier_offers)

    def make_offers(self, session: Session, request: HelpRequest,
                    candidates: list[RankedVolunteer], now: datetime,
                    last_round: int | None = None,
                    earlier_offers: Mapping[int, Offer] | None = None) -> None:
        """A round of offers of `request`, one to each of `candidates`, best first.
        `last_round`: the request's latest round so far (0: none), when already known;
        `earlier_offers`: by volunteer, the rows of those offered it before and asked again."""
        if last_round is None:
            last_round = max(session.scalars(
                select(Offer.round).where(Offer.request_id == request.id)), default=0)
        round_number = 1 + last_round
        resident = session.get(Person, request.resident_id)
        volunteers = people_with_identities(session, [c.volunteer_id for c in candidates])
        offers = []
        for rank, candidate in enumerate(candidates, start=1):
            # One row per volunteer and request: someone asked again has theirs made anew.
            offer = (earlier_offers or {}).get(candidate.volunteer_id)
            if offer is None:
                offer = Offer(request_id=request.id, volunteer_id=candidate.volunteer_id)
                session.add(offer)
            offer.status, offer.round, offer.rank = OfferStatus.OFFERED, round_number, rank
            offer.score, offer.distance_km = candidate.score, candidate.distance_km
            offer.reasons, offer.offered_at = candidate.reasons, now
            offer.expires_at, offer.answered_at = now + self.policy.timeout, None
            offers.append(offer)
        if any(offer.id is None for offer in offers):
            # Their ids tie the messages to them: one flush for the round, not one an offer.
            session.flush()
        for offer, candidate in zip(offers, candidates):
            volunteer = volunteers[candidate.volunteer_id]
            self.send_offer(session, volunteer, resident, request, offer, now,
                            candidate.reasons_in.get(volunteer.language))
        request.unmatched_reason = request.unmatched_since = request.unmatched_alerted_at = None
        request.move_to(RequestStatus.OFFERED, now)
        # No flush of its own: the next statement's autoflush or the commit writes it, one
        # flush fewer per offer when a backlog makes hundreds in one transaction.
        audit.record(session, "request.offered", now, subject=request.reference,
                     round=round_number, volunteers=[c.volunteer_id for c in candidates])

    def send_offer(self, session: Session, volunteer: Person, resident: Person,
                   request: HelpRequest, offer: Offer, now: datetime,
                   reasons_said: str | None = None) -> None:
        """The offer, in the volunteer's language (the reasons too, when given so)."""
        say = self.notifier.speaker(volunteer)
        reasons_said = reasons_said or offer.reasons
        reasons = say("offer_reasons", reasons=reasons_said) if reasons_said else ""
        distance = how_far(offer.distance_km, say)
        choices = (Choice(f"YES {request.reference}", say("choice.accept")),
                   Choice(f"NO {request.reference}", say("choice.decline")))
        if offer.id is None:
            session.flush()  # its id ties the message to it (dropped once it closes)
        self.notifier.send(
            session, volunteer, now, "offer", choices=choices, lane=Lane.OFFERS,
            offer_id=offer.id,
            first_name=sentence_start(helped_by(request, resident, say)) or "A neighbour",
            category=task_for_volunteer(request, say),
            when=(describe_when(request.needed_when_text, volunteer.language)
                  or say("when.any_time")),
            area=rough_area(request), distance=distance, reasons=reasons,
            reference=request.reference,
        )

    # Answers.

    def answer(self, session: Session, volunteer: Person, reference: str, accept: bool,
               now: datetime, channel: str) -> list[Reply]:
        offer = session.scalar(
            select(Offer).join(HelpRequest, Offer.request_id == HelpRequest.id)
            .where(HelpRequest.reference == reference, Offer.volunteer_id == volunteer.id,
                   Offer.status == OfferStatus.OFFERED))
        say = self.notifier.speaker(volunteer)
        if offer is not None:
            # Every answer to a request first takes the request's row lock, so
            # answers to one request queue up in one order and cannot deadlock;
            # then the offer is read again, as the one before may have changed it.
            session.scalar(select(HelpRequest).where(HelpRequest.id == offer.request_id)
                           .with_for_update().execution_options(populate_existing=True))
            session.refresh(offer)
        if offer is None or offer.status != OfferStatus.OFFERED:
            return [Reply(self.why_not_open(session, volunteer, reference, say))]
        offer.answered_at = now
        request = offer.request
        if not accept:
            offer.status = OfferStatus.DECLINED
            audit.record(session, "offer.declined", now, actor_id=volunteer.id, channel=channel,
                         subject=reference)
            self.continue_if_round_finished(session, request, now)
            return [Reply(say("offer_declined"))]
        if not self.claim(session, request, volunteer, now):
            offer.status = OfferStatus.WITHDRAWN
            return [Reply(say("offer_taken", reference=reference))]
        audit.record(session, "offer.accepted", now, actor_id=volunteer.id, channel=channel,
                     subject=reference)
        return [Reply(self.hand_over(session, request, volunteer, offer, now, "offer_won"))]

    def hand_over(self, session: Session, request: HelpRequest, volunteer: Person, offer: Offer,
                  now: datetime, key: str) -> str:
        """The request is this volunteer's: close the other offers, tell the resident, and
        return the task with the resident's contact details, for the volunteer."""
        offer.status = OfferStatus.ACCEPTED
        offer.answered_at = offer.answered_at or now
        session.flush()
        self.withdraw_other_offers(session, request, offer, now)
        self.tell_resident(session, request, volunteer, now)
        resident = session.get(Person, request.resident_id)
        say = self.notifier.speaker(volunteer)
        if request.category == HelpCategory.BEFRIENDING:
            key += "_calls"  # ongoing: DONE after each call, END CALLS to stop
        return say(key, reference=request.reference,
                   category=task_for_volunteer(request, say),
                   first_name=helped_by(request, resident, say),
                   when=(describe_when(request.needed_when_text, volunteer.language)
                         or say("when.any_time")),
                   contact=contact_details(session, request, resident, say,
                                           "voice" in self.notifier.enabled_channels))

    def assign(self, session: Session, request: HelpRequest, volunteer: Person, now: datetime,
               *, reasons: str, distance_km: float | None) -> bool:
        """A coordinator gives the request to this volunteer; False if it is no longer open.

        The volunteer is sent the task as if they had accepted an offer."""
        session.scalar(select(HelpRequest).where(HelpRequest.id == request.id)
                       .with_for_update().execution_options(populate_existing=True))
        offer = session.scalar(select(Offer).where(Offer.request_id == request.id,
                                                   Offer.volunteer_id == volunteer.id))
        if not self.claim(session, request, volunteer, now, also_from_new=True):
            return False
        if offer is None:
            offer = Offer(request_id=request.id, volunteer_id=volunteer.id, round=0, rank=0,
                          score=0.0, distance_km=distance_km, reasons=reasons, offered_at=now,
                          expires_at=now)
            session.add(offer)
        task = self.hand_over(session, request, volunteer, offer, now, "task_assigned")
        queue_message(session, volunteer, task, now, self.notifier.enabled_channels)
        return True

    def why_not_open(self, session: Session, volunteer: Person, reference: str, say) -> str:
        """What to tell a volunteer answering an offer that is no longer open to them."""
        found = session.execute(
            select(Offer.status, HelpRequest.status).join(HelpRequest, Offer.request_id == HelpRequest.id)
            .where(HelpRequest.reference == reference, Offer.volunteer_id == volunteer.id)).first()
        status, request_status = found or (None, None)
        if status == OfferStatus.ACCEPTED:
            return say("offer_already_yours", reference=reference)
        if request_status == RequestStatus.CANCELLED and status != OfferStatus.DECLINED:
            return say("offer_cancelled", reference=reference)
        if status == OfferStatus.WITHDRAWN and request_status in (RequestStatus.ASSIGNED,
                                                                 RequestStatus.DONE):
            return say("offer_taken", reference=reference)
        if status in (OfferStatus.WITHDRAWN, OfferStatus.EXPIRED):
            return say("offer_expired", reference=reference)
        if status == OfferStatus.DECLINED:
            return say("offer_declined")
        return say("offer_unknown", reference=reference)

    def claim(self, session: Session, request: HelpRequest, volunteer: Person,
              now: datetime, also_from_new: bool = False) -> bool:
        """Move the request to assigned for this volunteer, if nobody else got there first.

        Only a coordinator assigns a request nobody was offered (still "new")."""
        open_statuses = [RequestStatus.OFFERED, RequestStatus.MATCHING]
        if also_from_new:
            open_statuses.append(RequestStatus.NEW)
        result = session.execute(
            update(HelpRequest)
            .where(HelpRequest.id == request.id, HelpRequest.status.in_(open_statuses))
            .values(status=RequestStatus.ASSIGNED, assigned_volunteer_id=volunteer.id,
                    assigned_at=now)
            .execution_options(synchronize_session=False)
        )
        session.refresh(request)
        return result.rowcount == 1

    def withdraw_other_offers(self, session: Session, request: HelpRequest, winner: Offer,
                              now: datetime) -> None:
        others = session.scalars(select(Offer).where(
            Offer.request_id == request.id, Offer.id != winner.id,
            Offer.status == OfferStatus.OFFERED))
        for other in others:
            other.status = OfferStatus.WITHDRAWN
            other.answered_at = now
            self.notifier.send(session, other.volunteer, now, "offer_taken",
                               reference=request.reference)

    def tell_resident(self, session: Session, request: HelpRequest, volunteer: Person,
                      now: datetime) -> None:
        resident = session.get(Person, request.resident_id)
        say = self.notifier.speaker(resident)
        self.notifier.send(session, resident, now, "resident_matched",
                           name=resident.first_name or "", volunteer=volunteer.first_name or "",
                           category=say(f"category.{request.category}").lower(),
                           when=(describe_when(request.needed_when_text, resident.language)
                                 or say("when.any_time")))

    def continue_if_round_finished(self, session: Session, request: HelpRequest,
                                   now: datetime) -> None:
        session.flush()
        still_open = session.scalar(select(Offer.id).where(
            Offer.request_id == request.id, Offer.status == OfferStatus.OFFERED).limit(1))
        if still_open is None and request.status == RequestStatus.OFFERED:
            self.offer_next_round(session, request, now)

    def expire_due_offers(self, session: Session, now: datetime) -> int:
        """Close offers nobody answered in time and ask the next volunteers."""
        due = list(session.scalars(
            select(Offer).where(Offer.status == OfferStatus.OFFERED, Offer.expires_at <= now)
            .order_by(Offer.expires_at).with_for_update(skip_locked=True)))
        for offer in due:
            offer.status = OfferStatus.EXPIRED
            self.notifier.send(session, offer.volunteer, now, "offer_expired",
                               reference=offer.request.reference)
        for request in {offer.request_id: offer.request for offer in due}.values():
            self.continue_if_round_finished(session, request, now)
        return len(due)

    def offer_backlog(self, session: Session, now: datetime) -> int:
        """When more requests than the threshold wait to be offered, offer them all at
        once: each to the one volunteer the exact solver gives it (see
        `VolunteerPool.assign_backlog`). A request whose volunteer says no, or does not
        answer in time, goes on one round at a time as usual. Returns how many were
        offered."""
        if self.assign_backlog is None:
            return 0
        waiting_now = session.scalar(select(func.count()).select_from(HelpRequest)
                                     .where(waiting_to_be_offered()))
        if waiting_now <= self.policy.backlog_threshold:  # the usual case: one query, no locks
            return 0
        if not backlog_turn_taken(session):
            return 0  # another server is offering the backlog now; its commit ends the wait
        # Locked, and locked rows skipped, so two servers never offer the same request.
        waiting = list(session.scalars(
            select(HelpRequest).where(waiting_to_be_offered()).order_by(HelpRequest.id)
            .with_for_update(skip_locked=True)))
        if len(waiting) <= self.policy.backlog_threshold:
            return 0
        ids = [request.id for request in waiting]
        offered_before: dict[int, set[int]] = {}
        last_round: dict[int, int] = {}
        for request_id, volunteer_id, round_number in session.execute(
                select(Offer.request_id, Offer.volunteer_id, Offer.round)
                .where(Offer.request_id.in_(ids))):
            offered_before.setdefault(request_id, set()).add(volunteer_id)
            last_round[request_id] = max(last_round.get(request_id, 0), round_number)
        offers_open = dict(session.execute(
            select(Offer.volunteer_id, func.count()).where(Offer.status == OfferStatus.OFFERED)
            .group_by(Offer.volunteer_id)).all())
        newest_profile = session.scalar(select(func.max(VolunteerProfile.updated_at)))
        # Nothing that could change the answer has changed since it last placed nobody.
        seen = (tuple(ids), newest_profile, tuple(sorted(offers_open.items())))
        if seen == self.backlog_seen:
            return 0
        assignment = self.assign_backlog(
            session, waiting, {request_id: frozenset(volunteers)
                               for request_id, volunteers in offered_before.items()},
            offers_open, now)
        # Everyone the offers name, read in one go (kept referenced, so the session keeps
        # them): a backlog of a thousand requests was two look-ups more per offer, a fifth
        # of the time inbound messages waited behind it (py-spy, benchmarks/surge.py). With
        # the ways they are reached, which each offer's message goes by: one look-up fewer.
        named = {request.resident_id for request in waiting if request.id in assignment.offers}
        named |= {chosen.volunteer_id for chosen in assignment.offers.values()}
        people = people_with_identities(session, sorted(named))
        for request in waiting:
            chosen = assignment.offers.get(request.id)
            if chosen is not None:
                request.move_to(RequestStatus.MATCHING, now)
                self.make_offers(session, request, [chosen], now,
                                 last_round=last_round.get(request.id, 0))
            else:
                # Still waiting: why, as it stands now, for the coordinators.
                request.unmatched_reason = assignment.unmatched.get(request.id,
                                                                    "no suitable volunteer")
        del people
        matched = len(assignment.offers)
        self.backlog_seen = None if matched else seen
        self.log.info("backlog: %d of %d waiting request(s) offered at once; solver %.1f ms",
                      matched, len(waiting), assignment.solver_seconds * 1000)
        return matched

    def alert_unmatched(self, session: Session, now: datetime) -> int:
        """Requests no volunteer could take, waiting a while (urgent ones at once): the
        coordinators are alerted once with the reason, and the resident is told plainly
        who is looking into it, a coordinator or, where the hub has none, the hub itself."""
        due = list(session.scalars(
            select(HelpRequest).where(
                HelpRequest.status == RequestStatus.NEW,
                HelpRequest.unmatched_since.is_not(None),
                HelpRequest.unmatched_alerted_at.is_(None),
                (HelpRequest.urgency == "urgent")
                | (HelpRequest.unmatched_since <= now - self.policy.unmatched_alert))
            .order_by(HelpRequest.unmatched_since).with_for_update(skip_locked=True)))
        if not due:
            return 0
        watching = coordinators(session)
        for request in due:
            request.unmatched_alerted_at = now
            resident = session.get(Person, request.resident_id)
            for coordinator in watching:
                say = self.notifier.speaker(coordinator)
                self.notifier.send(
                    session, coordinator, now, "unmatched_alert",
                    urgent=say("urgent_mark") if request.urgency == "urgent" else "",
                    reference=request.reference,
                    category=say(f"category.{request.category}").lower(),
                    name=resident.first_name or "", phone=phone_of(session, resident.id),
                    district=district_of(request.postcode), reason=request.unmatched_reason,
                    waited=how_long(now - aware(request.unmatched_since, now)))
            if resident is not None and resident.erased_at is None:
                self.notifier.send(
                    session, resident, now,
                    "unmatched_resident" if watching else "unmatched_resident_no_coordinator",
                    reference=request.reference,
                    category=self.notifier.say(resident, f"category.{request.category}").lower())
            audit.record(session, "request.unmatched_alerted", now, subject=request.reference,
                         coordinators=len(watching), reason=request.unmatched_reason)
        return len(due)

    def withdraw_all(self, session: Session, request: HelpRequest, now: datetime) -> None:
        """The request closed (cancelled): open offers end quietly."""
        for offer in session.scalars(select(Offer).where(
                Offer.request_id == request.id, Offer.status == OfferStatus.OFFERED)):
            offer.status = OfferStatus.WITHDRAWN
            offer.answered_at = now

    # Done.

    def mark_done(self, session: Session, volunteer: Person, reference: str, now: datetime,
                  channel: str, *, receipts=None, receipt_pence: int | None = None
                  ) -> list[Reply]:
        """The volunteer says the task is done. With a receipt's amount (and the receipts
        service), the resident is asked to confirm it before how it went."""
        say = self.notifier.speaker(volunteer)
        request = session.scalar(select(HelpRequest).where(
            HelpRequest.reference == reference, HelpRequest.assigned_volunteer_id == volunteer.id,
            HelpRequest.status == RequestStatus.ASSIGNED))
        if request is None:
            return [Reply(say("task_unknown", reference=reference))]
        request.move_to(RequestStatus.DONE, now)
        audit.record(session, "request.done", now, actor_id=volunteer.id, channel=channel,
                     subject=reference)
        resident = session.get(Person, request.resident_id)
        thanks = [Reply(say("task_done_thanks", first_name=helped_by(request, resident, say),
                            reference=reference))]
        if receipts is not None and receipt_pence:
            return thanks + receipts.ask_resident(session, request, volunteer, receipt_pence, now)
        ask_how_it_went(session, resident, reference, now)
        self.notifier.send(session, resident, now, "resident_done",
                           volunteer=volunteer.first_name or "",
                           category=self.notifier.say(resident,
                                                      f"category.{request.category}").lower())
        return thanks


def people_with_identities(session: Session, ids: list[int]) -> dict[int, Person]:
    """These people by id, with the ways they are reached, in two queries for each
    READ_AT_ONCE of them; none for those the session holds already with theirs. (One at a
    time, a round of three offers was six look-ups, a quarter of the statements of the
    message that saves a request: benchmarks/surge.py's conversations replayed in one
    process.)"""
    held: dict[int, Person] = {}
    for person_id in ids:
        person = session.identity_map.get(identity_key(Person, person_id))
        if person is not None and "identities" in person.__dict__:
            held[person_id] = person
    missing = [person_id for person_id in ids if person_id not in held]
    for start in range(0, len(missing), READ_AT_ONCE):
        held.update((person.id, person) for person in session.scalars(
            select(Person).where(Person.id.in_(missing[start:start + READ_AT_ONCE]))
            .options(selectinload(Person.identities))))
    return held


def waiting_to_be_offered():
    """Requests that wait for a volunteer to be offered them: left with nobody (no
    volunteer then, or their turn in a backlog) but open, agreed to and placed."""
    return ((HelpRequest.status == RequestStatus.NEW) & HelpRequest.unmatched_since.is_not(None)
            & HelpRequest.consent_given.is_(True) & HelpRequest.latitude.is_not(None)
            & HelpRequest.longitude.is_not(None))


def left_unmatched(request: HelpRequest, reason: str, now: datetime) -> None:
    """No volunteer for it: why, and since when (kept from the first time, so a request
    that goes round again does not wait longer before anyone is told)."""
    request.unmatched_reason = reason
    if request.unmatched_since is None:
        request.unmatched_since = now


def ended_only_by_closing(session: Session, request: HelpRequest) -> frozenset[int]:
    """For a closed request about to be reopened: the volunteers whose offers ended only
    because it closed, so the round that starts on reopening may ask them again (a later
    round, or the backlog's turn, leaves them out as before). They are those whose offers
    were still open when it was cancelled or closed (withdrawn at that moment) and the one
    who had taken it when it was cancelled; not who said no, let an offer lapse or gave it
    back. The taker's accepted offer is withdrawn here, as only one offer of a request may
    stand accepted and the next volunteer's will."""
    closed_at = request.cancelled_at or request.done_at or request.expired_at
    ask_again = set(session.scalars(select(Offer.volunteer_id).where(
        Offer.request_id == request.id, Offer.status == OfferStatus.WITHDRAWN,
        Offer.answered_at == closed_at))) if closed_at is not None else set()
    for taken in session.scalars(select(Offer).where(Offer.request_id == request.id,
                                                     Offer.status == OfferStatus.ACCEPTED)):
        taken.status = OfferStatus.WITHDRAWN
        if request.status == RequestStatus.CANCELLED:
            ask_again.add(taken.volunteer_id)
    return frozenset(ask_again)


def ask_how_it_went(session: Session, resident: Person, reference: str, now: datetime) -> None:
    """The resident's next message is their feedback, unless they are mid-conversation."""
    expect_answer(session, resident.id, State("feedback", "ask", {"reference": reference}), now)


def rough_area(request: HelpRequest) -> str:
    """What a volunteer may know before accepting, built from parsed parts: the street's
    name (when one is recognised) and the postcode district. Never the typed line with bits
    taken out, so no house name, flat or number can come along; a town is left out too, as
    a free-typed line does not say reliably which word is the town."""
    district = (request.postcode or "").split(" ")[0]
    street = street_of(request.address_line)
    return f"{street}, {district}" if street and district else street or district or "your area"


def how_far(distance_km: float | None, say) -> str:
    """"1.5 km away", or "very close" below half a kilometre, where "0.0 km" would tell a
    volunteer that the resident lives at their own postcode."""
    if distance_km is None:
        return say("offer_distance_unknown")
    if distance_km < VERY_CLOSE_KM:
        return say("offer_very_close")
    return say("offer_distance", km=f"{distance_km:.1f}")


def sentence_start(words: str) -> str:
    """"someone Dave asked for needs..." begins a sentence with a capital."""
    return words[:1].upper() + words[1:]


def contact_details(session: Session, request: HelpRequest, resident: Person, say,
                    masked_calls: bool = False) -> str:
    phone = number_to_ring(session, request)
    if masked_calls and request.category == HelpCategory.BEFRIENDING:
        phone = say("phone_masked")
    address = ", ".join(part for part in (request.address_line, request.postcode) if part)
    # The writer's phone, for help to someone else, is said to be the writer's.
    writer = (resident.first_name or "") if request.helped_relation \
        and not request.phone_to_ring else None
    contact = contact_text(say, request.category, address, phone, writer)
    if request.payment_method == PaymentMethod.NOTHING_TO_PAY:
        # Said outright, so the volunteer expects no money, and checks before paying if the
        # pharmacy asks (an exemption it has not recorded).
        contact = f"{contact} {say('payment_line_nothing_to_pay')}"
    elif request.payment_method == PaymentMethod.CANNOT_PAY:
        contact = f"{contact} {say('payment_line_cannot_pay')}"
    elif request.payment_method:
        contact = f"{contact} {say('payment_line', way=say(f'payment.{request.payment_method}').lower())}"
    return contact
