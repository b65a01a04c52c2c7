"""Requests a coordinator records for someone else: a caller, a family's or a partner's
referral (NEW in the chat, "New request" on the dashboard).

The person is found by their mobile, or made new; a landline is no way to text anyone, so
it is kept on the request as the number the volunteer rings, and the person's news (a
volunteer found, cancelled, done, how did it go) goes to whoever referred them when they
gave a mobile, else to the coordinators (`pass_on_news` in notify.py, which the Notifier
asks). Consent is the person's agreement given on the phone, recorded with the coordinator
who heard it.
Then the request is matched like any other.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from bot.dialogue.catalogue import DEFAULT_LANGUAGE, text
from bot.dialogue.types import RecordRequestFor, Reply
from bot.services.shared import audit
from bot.services.shared.identities import (InvalidPhoneNumber, find_identity, is_mobile,
                                     mobile_of, normalise_phone)
from bot.services.shared.references import unused_reference
from bot.understanding import parsing, referral
from bot.understanding.referral import FAMILY, PARTNER, SOURCES
from models import (
    ContactIdentity,
    HelpRequest,
    IdentityKind,
    Person,
    PersonRole,
    RequestStatus,
    Role,
)

CHANNEL_ASKED = "voice"  # the person asked by phone, whoever wrote it down



@dataclass(frozen=True)
class Intake:
    """What a coordinator recorded, from the chat's questions or the dashboard's form."""

    name: str
    phone: str
    postcode: str
    address_line: str
    category: str
    needed_on: date | None
    when_text: str | None
    source: str
    referrer_name: str | None = None
    referrer_contact: str | None = None
    details: str = ""


@dataclass(frozen=True)
class Recorded:
    request: HelpRequest | None
    problem: str | None = None  # a catalogue key saying what was wrong


def record_request_for(session: Session, coordinator: Person, intake: Intake, channel: str,
                       now: datetime, admin) -> Recorded:
    """Create the person (or find them by their mobile) and the request, with consent given
    on the phone; then matching starts. `admin` is the AdminService (offers, postcodes)."""
    if intake.source not in SOURCES:
        return Recorded(None, "intake_bad_source")
    try:
        phone = normalise_phone(intake.phone, admin.phone_region)
    except InvalidPhoneNumber:
        return Recorded(None, "intake_bad_phone")
    mobile = is_mobile(phone)
    identity = find_identity(session, IdentityKind.PHONE, phone) if mobile else None
    if identity is not None and identity.person.erased_at is None:
        person = identity.person
        person.first_name = person.first_name or intake.name
    else:
        person = Person(first_name=intake.name[:80], roles=[], volunteer_profile=None)
        if mobile:
            person.identities.append(ContactIdentity(kind=IdentityKind.PHONE, address=phone))
        session.add(person)
        session.flush()
    if not person.has_role(Role.RESIDENT):
        person.roles.append(PersonRole(role=Role.RESIDENT))
    place = admin.locate_postcode(intake.postcode)
    reference = unused_reference(session)
    request = HelpRequest(
        reference=reference, resident_id=person.id, category=intake.category,
        details=intake.details[:1000], postcode=intake.postcode,
        latitude=place.latitude if place else None, longitude=place.longitude if place else None,
        address_line=intake.address_line[:200], needed_on=intake.needed_on,
        needed_when_text=(intake.when_text or None) and intake.when_text[:80],
        urgency="normal", consent_given=True,
        consent_wording=text(DEFAULT_LANGUAGE, "intake_consent_wording",
                             coordinator=coordinator.first_name or "a coordinator"),
        consent_at=now, consent_recorded_by_id=coordinator.id, channel=CHANNEL_ASKED,
        source=intake.source, referrer_name=(intake.referrer_name or None)
        and intake.referrer_name[:120],
        referrer_contact=(intake.referrer_contact or None) and intake.referrer_contact[:80],
        phone_to_ring=None if mobile else phone, status=RequestStatus.NEW, created_at=now)
    session.add(request)
    session.flush()
    audit.record(session, "request.created", now, actor_id=coordinator.id, channel=channel,
                 subject=reference, category=intake.category, consent=True,
                 on_behalf_of=person.id)
    referred = intake.source in (FAMILY, PARTNER)
    who = " ".join(p for p in (intake.referrer_name, f"({intake.referrer_contact})"
                               if intake.referrer_contact else None) if p)
    audit.record(session, "request.referred" if referred else "request.taken_by_phone", now,
                 actor_id=coordinator.id, channel=channel, subject=reference,
                 source=intake.source, text=who or None, landline=not mobile)
    admin.offers.start_matching(session, request, now)
    return Recorded(request)


def recorded_reply(session: Session, recorded: Recorded, say, region: str) -> Reply:
    """What the coordinator is told: the reference, and where the person's news will go."""
    if recorded.request is None:
        return Reply(say(recorded.problem))
    request = recorded.request
    person = session.get(Person, request.resident_id)
    said = say("intake_recorded", reference=request.reference, name=person.first_name or "")
    if request.phone_to_ring:
        referrer = mobile_of(request.referrer_contact, region)
        said += say("intake_landline", phone=request.phone_to_ring,
                    news_to=request.referrer_name or referrer if referrer
                    else say("intake_news_to_coordinators"))
    return Reply(said)


def record_from_chat(session: Session, coordinator: Person, said: RecordRequestFor,
                     channel: str, now: datetime, admin) -> list[Reply]:
    """NEW's questions answered and the person's agreement confirmed."""
    recorded = record_request_for(session, coordinator, Intake(
        name=said.name, phone=said.phone, postcode=said.postcode,
        address_line=said.address_line, category=said.category, needed_on=said.needed_on,
        when_text=said.when_text, source=said.source, referrer_name=said.referrer_name,
        referrer_contact=said.referrer_contact), channel, now, admin)
    return [recorded_reply(session, recorded, admin.notifier.speaker(coordinator),
                           admin.phone_region)]


def record_from_form(session: Session, coordinator: Person, form: dict[str, str],
                     channel: str, now: datetime, admin) -> Recorded:
    """The dashboard's "New request" form, read as NEW's answers are."""
    field = {key: " ".join(str(form.get(key) or "").split()) for key in (
        "name", "phone", "address", "postcode", "kind", "when", "source", "referrer_name",
        "referrer_contact", "details", "consent")}
    name = referral.name_answer(field["name"])
    postcodes = parsing.find_postcodes(field["postcode"])
    kind = field["kind"] if field["kind"] in parsing.CATEGORIES else None
    when = parsing.find_when(field["when"], now.date()) if field["when"] else (None, "any time")
    for problem, wrong in (("intake_form.name", name is None),
                           ("intake_form.phone", not field["phone"]),
                           ("intake_form.address", not field["address"]),
                           ("intake_form.postcode", not postcodes),
                           ("intake_form.kind", kind is None),
                           ("intake_form.when", when is None),
                           ("intake_form.consent", field["consent"] != "yes")):
        if wrong:
            return Recorded(None, problem)
    referred = field["source"] in (FAMILY, PARTNER)
    return record_request_for(session, coordinator, Intake(
        name=name, phone=field["phone"], postcode=postcodes[0],
        address_line=field["address"], category=kind, needed_on=when[0], when_text=when[1],
        source=field["source"], referrer_name=field["referrer_name"] or None if referred
        else None, referrer_contact=field["referrer_contact"] or None if referred else None,
        details=field["details"]), channel, now, admin)
