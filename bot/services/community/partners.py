"""Partner organisations (care homes, charities, day centres) and their needs for volunteers.

A coordinator registers a partner with a contact and posts a need: the kind of
help, the checks it asks for, how many volunteers, where, how often, from when
to when. Suitable volunteers are offered it; several may accept until every
place is taken, each is told when it is full, and the partner's contact is
told who is coming. This is where volunteers the residents' requests don't
keep busy find work.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.understanding import parsing
from bot.dialogue.types import Choice, KnownPostcode, Reply
from bot.services.shared import audit
from bot.services.shared.describe import phone_of
from bot.services.help_requests.matching import checks_held
from bot.services.shared.identities import (
    TYPED_PHONE,
    InvalidPhoneNumber,
    find_or_create_person,
    normalise_phone,
)
from bot.services.sending.notify import Notifier
from bot.services.shared.references import unused_reference
from matching import CATEGORIES, CHECKS, geodesic_km
from models import (
    IdentityKind,
    NeedOffer,
    NeedOfferStatus,
    NeedStatus,
    Partner,
    PartnerNeed,
    Person,
    VettingStatus,
    VolunteerProfile,
)

# Offer each place to this many volunteers: some will say no, some won't answer.
OFFERS_PER_PLACE = 3
REACH_TOLERANCE_KM = 0.5
CHECK_WORDS = {"id": "id", "dbs": "dbs_enhanced", "enhanced": "dbs_enhanced",
               "training": "befriending_training", "trained": "befriending_training"}


@dataclass(frozen=True)
class NeedDetails:
    partner_name: str
    category: str
    volunteers_needed: int
    place: KnownPostcode
    how_often: str
    starts_on: date | None
    ends_on: date | None
    required_checks: tuple[str, ...]
    description: str


@dataclass(frozen=True)
class Candidate:
    volunteer_id: int
    distance_km: float
    reasons: str


class PartnerService:
    def __init__(self, notifier: Notifier, phone_region: str) -> None:
        self.notifier = notifier
        self.phone_region = phone_region

    # Partners.

    def add_partner(self, session: Session, name: str, kind: str, contact_text: str,
                    now: datetime) -> tuple[Partner, Person, bool]:
        """Register a partner (or update its contact); the contact is reached like anyone."""
        phone_text = TYPED_PHONE.search(contact_text)
        if phone_text is None:
            raise InvalidPhoneNumber(contact_text)
        phone = normalise_phone(phone_text.group(0), self.phone_region)
        contact_name = parsing.clean(contact_text.replace(phone_text.group(0), "")).strip(" ,")
        contact, _ = find_or_create_person(session, IdentityKind.PHONE, phone,
                                           contact_name or None)
        if contact_name and not contact.first_name:
            contact.first_name = contact_name[:80]
        partner = self.partner_named(session, name, removed_too=True)
        existed = partner is not None and partner.removed_at is None
        if partner is None:
            partner = Partner(name=name[:120], kind=kind[:40], created_at=now)
            session.add(partner)
        elif partner.removed_at is not None:  # back again: the same partner, as new
            partner.removed_at, partner.kind = None, kind[:40]
        partner.contact_id = contact.id
        session.flush()
        return partner, contact, existed

    def partner_named(self, session: Session, name: str,
                      removed_too: bool = False) -> Partner | None:
        wanted = parsing.clean(name).lower()
        for partner in session.scalars(select(Partner).order_by(Partner.id)):
            if partner.name.lower() == wanted and (removed_too or partner.removed_at is None):
                return partner
        return None

    def remove_partner(self, session: Session, partner: Partner,
                       now: datetime) -> tuple[list[PartnerNeed], int]:
        """No longer a partner: each of their needs still going is closed as NEED CLOSE
        would (volunteers asked or with a place are told). The needs closed, and how
        many volunteers were told."""
        going = list(session.scalars(select(PartnerNeed).where(
            PartnerNeed.partner_id == partner.id, PartnerNeed.status != NeedStatus.CLOSED)
            .order_by(PartnerNeed.created_at)))
        told = sum(self.close_need(session, need, now) for need in going)
        partner.removed_at = now
        return going, told

    def active_partners(self, session: Session) -> list[Partner]:
        return list(session.scalars(select(Partner).where(Partner.removed_at.is_(None))
                                    .order_by(Partner.name)))

    # Needs.

    def post_need(self, session: Session, partner: Partner, details: NeedDetails,
                  now: datetime) -> tuple[PartnerNeed, list[Person]]:
        need = PartnerNeed(
            reference=unused_reference(session, PartnerNeed, "N-"), partner_id=partner.id,
            category=details.category, description=details.description,
            required_checks=list(details.required_checks),
            volunteers_needed=details.volunteers_needed, places_taken=0,
            postcode=details.place.postcode, latitude=details.place.latitude,
            longitude=details.place.longitude, how_often=details.how_often[:80],
            starts_on=details.starts_on, ends_on=details.ends_on, status=NeedStatus.OPEN,
            created_at=now)
        session.add(need)
        session.flush()
        return need, self.offer_more(session, need, now)

    def offer_more(self, session: Session, need: PartnerNeed, now: datetime) -> list[Person]:
        """Offer the need's open places to the next suitable volunteers not yet asked, or
        told it was full (a place given back opens it to them again)."""
        earlier = {offer.volunteer_id: offer for offer in session.scalars(
            select(NeedOffer).where(NeedOffer.need_id == need.id))}
        asked = frozenset(volunteer_id for volunteer_id, offer in earlier.items()
                          if offer.status != NeedOfferStatus.FULL)
        open_places = need.volunteers_needed - need.places_taken
        chosen = self.candidates(session, need, asked,
                                 now.date())[:open_places * OFFERS_PER_PLACE]
        offered = []
        for candidate in chosen:
            offer = earlier.get(candidate.volunteer_id) or NeedOffer(
                need_id=need.id, volunteer_id=candidate.volunteer_id)
            offer.status, offer.offered_at, offer.answered_at = NeedOfferStatus.OFFERED, now, None
            offer.reasons, offer.distance_km = candidate.reasons, candidate.distance_km
            session.add(offer)
            volunteer = session.get(Person, candidate.volunteer_id)
            self.send_offer(session, volunteer, need, candidate, now)
            offered.append(volunteer)
        session.flush()
        return offered

    def candidates(self, session: Session, need: PartnerNeed, exclude: frozenset[int],
                   today: date) -> list[Candidate]:
        """Approved volunteers offering this kind of help, within their own travel radius of
        the place and holding every check asked for (not run out by `today`): nearest first."""
        needed_checks = set(need.required_checks) | {"id"}
        rows = session.execute(
            select(VolunteerProfile, Person.first_name)
            .join(Person, Person.id == VolunteerProfile.person_id)
            .where(VolunteerProfile.vetting_status == VettingStatus.APPROVED,
                   VolunteerProfile.paused.is_(False), VolunteerProfile.left_at.is_(None),
                   VolunteerProfile.latitude.is_not(None), Person.erased_at.is_(None)))
        found = []
        for profile, _name in rows:
            if profile.person_id in exclude or need.category not in (profile.skills or ()):
                continue
            held = checks_held(profile, today)
            if not needed_checks <= held:
                continue
            km = float(geodesic_km(need.latitude, need.longitude, profile.latitude,
                                   profile.longitude))
            if km > (profile.travel_radius_km or 0.0) + REACH_TOLERANCE_KM:
                continue
            reasons = [f"{km:.1f} km away", f"offers {need.category.replace('_', ' ')}"]
            reasons += [CHECK_REASONS[check] for check in sorted(needed_checks - {"id"})]
            found.append(Candidate(profile.person_id, km, "; ".join(reasons)))
        found.sort(key=lambda c: (c.distance_km, c.volunteer_id))
        return found

    def send_offer(self, session: Session, volunteer: Person, need: PartnerNeed,
                   candidate: Candidate, now: datetime) -> None:
        say = self.notifier.speaker(volunteer)
        choices = (Choice(f"YES {need.reference}", say("choice.accept")),
                   Choice(f"NO {need.reference}", say("choice.decline")))
        self.notifier.send(
            session, volunteer, now, "need_offer", choices=choices,
            partner=need.partner.name, needed=need.volunteers_needed,
            category=say(f"need_kind.{need.category}"),
            district=need.postcode.split(" ")[0],
            how_often=f", {need.how_often}" if need.how_often else "",
            dates=self.dates(volunteer, need), about=(need.description or "-")[:80],
            checks=self.checks_text(volunteer, need), reference=need.reference)

    def dates(self, person: Person, need: PartnerNeed) -> str:
        if need.starts_on is None or need.ends_on is None:
            return ""
        return self.notifier.say(person, "need_dates", start=need.starts_on.strftime("%-d %b"),
                                 end=need.ends_on.strftime("%-d %b"))

    def checks_text(self, person: Person, need: PartnerNeed) -> str:
        checks = [check for check in CHECKS if check in set(need.required_checks) | {"id"}]
        return ", ".join(self.notifier.say(person, f"check.{check}") for check in checks)

    # Answers.

    def answer(self, session: Session, volunteer: Person, reference: str, accept: bool,
               now: datetime, channel: str) -> list[Reply]:
        say = self.notifier.speaker(volunteer)
        offer = session.scalar(
            select(NeedOffer).join(PartnerNeed, NeedOffer.need_id == PartnerNeed.id)
            .where(PartnerNeed.reference == reference, NeedOffer.volunteer_id == volunteer.id))
        if offer is None:
            return [Reply(say("need_unknown", reference=reference))]
        # Every answer to a need first takes the need's row lock, so answers queue in one
        # order: the one that fills it may then close the others' offers without deadlock.
        session.scalar(select(PartnerNeed.id).where(PartnerNeed.id == offer.need_id)
                       .with_for_update())
        session.refresh(offer)
        need = offer.need
        if offer.status == NeedOfferStatus.ACCEPTED:
            return [Reply(say("need_already_yours", reference=reference))]
        offer.answered_at = now
        if not accept:
            if offer.status == NeedOfferStatus.OFFERED:
                offer.status = NeedOfferStatus.DECLINED
                audit.record(session, "need.declined", now, actor_id=volunteer.id,
                             channel=channel, subject=reference)
            return [Reply(say("offer_declined"))]
        if not self.take_place(session, need):
            offer.status = NeedOfferStatus.FULL
            return [Reply(say("need_full", partner=need.partner.name, reference=reference))]
        offer.status = NeedOfferStatus.ACCEPTED
        audit.record(session, "need.accepted", now, actor_id=volunteer.id, channel=channel,
                     subject=reference)
        contact = need.partner.contact
        if contact is not None:
            self.notifier.send(session, contact, now, "need_contact_told",
                               name=contact.first_name or "", volunteer=volunteer.first_name or "",
                               phone=phone_of(session, volunteer.id),
                               category=self.notifier.say(contact, f"need_kind.{need.category}"),
                               reference=reference, filled=need.places_taken,
                               needed=need.volunteers_needed)
        reply = say("need_accepted", partner=need.partner.name, reference=reference,
                    contact=(contact.first_name if contact else None) or need.partner.name,
                    phone=phone_of(session, contact.id if contact else None),
                    filled=need.places_taken, needed=need.volunteers_needed)
        if need.places_taken >= need.volunteers_needed:
            self.close_when_full(session, need, volunteer, now)
            reply = f"{reply} {say('need_full_now', needed=need.volunteers_needed, partner=need.partner.name, reference=reference)}"
        return [Reply(reply)]

    def take_place(self, session: Session, need: PartnerNeed) -> bool:
        """One place for this volunteer, if any is left: a single conditional UPDATE, so
        simultaneous acceptances on PostgreSQL or SQLite never overfill a need."""
        result = session.execute(
            update(PartnerNeed)
            .where(PartnerNeed.id == need.id, PartnerNeed.status == NeedStatus.OPEN,
                   PartnerNeed.places_taken < PartnerNeed.volunteers_needed)
            .values(places_taken=PartnerNeed.places_taken + 1)
            .execution_options(synchronize_session=False))
        session.refresh(need)
        return result.rowcount == 1

    def close_when_full(self, session: Session, need: PartnerNeed, last: Person,
                        now: datetime) -> None:
        """Every place taken: tell the others who said yes, and close the open offers."""
        need.status = NeedStatus.FILLED
        need.filled_at = now
        audit.record(session, "need.filled", now, subject=need.reference)
        for offer in session.scalars(select(NeedOffer).where(NeedOffer.need_id == need.id)):
            if offer.status == NeedOfferStatus.ACCEPTED and offer.volunteer_id != last.id:
                self.notifier.send(session, offer.volunteer, now, "need_full_now",
                                   needed=need.volunteers_needed, partner=need.partner.name,
                                   reference=need.reference)
            elif offer.status == NeedOfferStatus.OFFERED:
                offer.status = NeedOfferStatus.FULL
                offer.answered_at = now
                self.notifier.send(session, offer.volunteer, now, "need_full",
                                   partner=need.partner.name, reference=need.reference)

    def give_back_places(self, session: Session, volunteer: Person, now: datetime) -> list[str]:
        """A suspended volunteer's places on needs not yet over: each partner is told the
        volunteer can no longer come and the place is offered to others. The references."""
        today = now.date()
        given_back = []
        for offer in session.scalars(select(NeedOffer).where(
                NeedOffer.volunteer_id == volunteer.id,
                NeedOffer.status == NeedOfferStatus.ACCEPTED).order_by(NeedOffer.id)):
            # The need's row lock first, as answers take it, so places are counted in order.
            need = session.scalar(select(PartnerNeed).where(PartnerNeed.id == offer.need_id)
                                  .with_for_update())
            if need.status not in (NeedStatus.OPEN, NeedStatus.FILLED) or (
                    need.ends_on is not None and need.ends_on < today):
                continue
            offer.status, offer.answered_at = NeedOfferStatus.WITHDRAWN, now
            need.places_taken -= 1
            need.status, need.filled_at = NeedStatus.OPEN, None
            audit.record(session, "need.place_given_back", now, subject=need.reference,
                         volunteer=volunteer.id)
            contact = need.partner.contact
            if contact is not None:
                self.notifier.send(session, contact, now, "need_place_given_back",
                                   name=contact.first_name or "",
                                   volunteer=volunteer.first_name or "",
                                   reference=need.reference)
            self.offer_more(session, need, now)
            given_back.append(need.reference)
        return given_back

    def close_need(self, session: Session, need: PartnerNeed, now: datetime) -> int:
        """Over, or no longer needed: volunteers still asked are thanked and those with a
        place told it has ended; how many were told."""
        session.scalar(select(PartnerNeed.id).where(PartnerNeed.id == need.id)
                       .with_for_update())  # as answers do, so none slips in meanwhile
        session.refresh(need)
        need.status = NeedStatus.CLOSED
        told = 0
        for offer in session.scalars(select(NeedOffer).where(NeedOffer.need_id == need.id)):
            if offer.status == NeedOfferStatus.OFFERED:
                offer.status, offer.answered_at = NeedOfferStatus.FULL, now
                key = "need_closed_offer"
            elif offer.status == NeedOfferStatus.ACCEPTED:
                key = "need_closed_place"
            else:
                continue
            self.notifier.send(session, offer.volunteer, now, key, partner=need.partner.name,
                               reference=need.reference)
            told += 1
        return told

    def open_needs(self, session: Session) -> list[PartnerNeed]:
        return list(session.scalars(select(PartnerNeed).where(
            PartnerNeed.status == NeedStatus.OPEN).order_by(PartnerNeed.created_at)))


CHECK_REASONS = {"dbs_enhanced": "enhanced DBS", "befriending_training": "trained",
                 "id": "ID checked"}


def checks_from_words(text: str) -> tuple[str, ...]:
    words = parsing.words_of(text).split()
    return tuple(sorted({CHECK_WORDS[w] for w in words if w in CHECK_WORDS}))


def dates_from_words(text: str, today: date) -> tuple[date | None, date | None]:
    """ "1/12 to 28/2", "1/12/2026 - 28/2/2027": the end is the next such date after the start."""
    parts = re.split(r"\s+(?:to|until|till|-|–)\s+", parsing.clean(text).lower(), maxsplit=1)
    start = parsing.find_date(f" {parts[0]} ", today) if parts[0] else None
    end = parsing.find_date(f" {parts[1]} ", start or today) if len(parts) > 1 else None
    return start, end


def category_named(text: str) -> str | None:
    words = parsing.clean(text).lower().replace(" ", "_")
    if words in CATEGORIES:
        return words
    found = parsing.find_category(text)
    return found if found in CATEGORIES else None


def need_from_command(text: str, today: date, locate) -> NeedDetails | None:
    """NEED partner | kind | how many | postcode | how often | dates | checks | what they'll do;
    None when it can't be read (the coordinator is shown the format)."""
    fields = [field.strip() for field in text.split("|")]
    if len(fields) < 4:
        return None
    fields += [""] * (8 - len(fields))
    category = category_named(fields[1])
    if category is None:
        return None
    if not fields[2].isdigit() or not 1 <= int(fields[2]) <= 100:
        return None
    postcodes = parsing.find_postcodes(fields[3])
    place = locate(postcodes[0]) if postcodes else None
    if place is None:
        return None
    starts_on, ends_on = dates_from_words(fields[5], today)
    return NeedDetails(partner_name=fields[0], category=category,
                       volunteers_needed=int(fields[2]), place=place, how_often=fields[4],
                       starts_on=starts_on, ends_on=ends_on,
                       required_checks=checks_from_words(fields[6]),
                       description=" | ".join(f for f in fields[7:] if f))


