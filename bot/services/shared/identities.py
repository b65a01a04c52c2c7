"""Who is talking: phone numbers, Telegram ids and console names to people."""

from __future__ import annotations

import re

import phonenumbers
from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session, joinedload

from models import ContactIdentity, IdentityKind, Person, PersonRole, Role
# IdentityKind is also how channels name the kind of address a message came from: they
# take it from here, not from the models (the layers are one-way).


class InvalidPhoneNumber(ValueError):
    pass


# What a phone number is written with. phonenumbers reads much more (letters as on a
# keypad, "ext. 5", "tel:", full-width and other scripts' digits, trailing junk), which
# would make one person of several spellings, or a number of what is not one.
PHONE_CHARACTERS = frozenset("0123456789+-(). ")


def normalise_phone(raw: str, default_region: str = "GB") -> str:
    """E.164 form of a phone number; UK numbers typed as 07... are accepted. The same rule
    whatever the first character: ASCII digits and phone punctuation only."""
    # Spreadsheets and phones may put other spaces between the digits (U+00A0, U+202F).
    spaced = "".join(" " if ch.isspace() else ch for ch in raw)
    if not set(spaced) <= PHONE_CHARACTERS:
        raise InvalidPhoneNumber(f"{raw!r} is not a phone number")
    try:
        number = phonenumbers.parse(spaced.strip(), default_region)
    except phonenumbers.NumberParseException as error:
        raise InvalidPhoneNumber(f"{raw!r} is not a phone number") from error
    # "Possible" (right length for its country) rather than "valid": Ofcom's
    # ranges for drama and testing, like 07700 900123, must work too.
    if not phonenumbers.is_possible_number(number):
        raise InvalidPhoneNumber(f"{raw!r} is not a valid phone number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def looks_like_phone(raw: str) -> bool:
    # Anything made only of digits and phone punctuation is meant as a number,
    # so "123" is refused as a bad number rather than taken as a name.
    text = raw.strip()
    return any(ch.isdigit() for ch in text) and all(ch.isdigit() or ch in "+ -()" for ch in text)


def mask_phone(phone: str) -> str:
    """For logs: never a whole number."""
    return phone[:4] + "…" + phone[-2:] if len(phone) > 6 else "…"


PHONE_IN_TEXT = re.compile(r"\+?\d[\d ()-]{5,}\d")
# A phone number a coordinator types inside a command ("APPROVE 07700 900123", "Sue 07700 900777").
TYPED_PHONE = re.compile(r"\+?\d[\d ]{8,}\d")


def mask_phones_in(text: str) -> str:
    """A provider's error message, for logs: every number in it masked."""
    return PHONE_IN_TEXT.sub(lambda match: mask_phone(match.group(0).replace(" ", "")), text)


# Built once: every inbound message runs it, and building a statement costs
# as much as running it. The person, roles and profile come in the same query,
# as the conversation needs all three.
IDENTITY_WITH_PERSON = (
    select(ContactIdentity)
    .where(ContactIdentity.kind == bindparam("kind"), ContactIdentity.address == bindparam("address"))
    .options(joinedload(ContactIdentity.person).options(
        joinedload(Person.roles), joinedload(Person.volunteer_profile)))
)


def find_identity(session: Session, kind: str, address: str) -> ContactIdentity | None:
    found = session.execute(IDENTITY_WITH_PERSON, {"kind": kind, "address": address})
    return found.unique().scalar_one_or_none()


def find_or_create_person(
    session: Session, kind: str, address: str, first_name: str | None = None,
    language: str | None = None,
) -> tuple[Person, ContactIdentity]:
    """The person behind an identity; someone new is created, speaking `language` when the
    channel knows it (a Telegram app set to Polish), else the hub's default."""
    identity = find_identity(session, kind, address)
    if identity is not None:
        return identity.person, identity
    # Nothing to load for someone new: saying so spares two queries per first message.
    person = Person(first_name=first_name, roles=[], volunteer_profile=None)
    if language:
        person.language = language
    identity = ContactIdentity(kind=kind, address=address)
    person.identities.append(identity)
    session.add(person)
    session.flush()
    return person, identity


def find_people_by_first_name(session: Session, name: str) -> list[Person]:
    return list(
        session.scalars(
            select(Person)
            .where(func.lower(Person.first_name) == name.strip().lower())
            .where(Person.erased_at.is_(None))
            .order_by(Person.id)
        )
    )


def console_identity_for(session: Session, who: str, default_region: str) -> tuple[str, str]:
    """The identity `neighbourly chat --as WHO` speaks as.

    A phone number is that phone; a name is the one person of that first
    name if there is exactly one, else a console-only identity of that name.
    """
    if looks_like_phone(who):
        return IdentityKind.PHONE, normalise_phone(who, default_region)
    name = " ".join(who.split())
    existing = find_identity(session, IdentityKind.CONSOLE, name.lower())
    if existing is not None:
        return IdentityKind.CONSOLE, existing.address
    people = find_people_by_first_name(session, name)
    if len(people) == 1 and people[0].identities:
        identity = sorted(people[0].identities, key=lambda i: i.id)[0]
        return identity.kind, identity.address
    return IdentityKind.CONSOLE, name.lower()


# Numbers that cannot take a text. Anything else is taken for a mobile: an unknown kind
# (Ofcom's drama range, 07700 900xxx, is one) is texted as a resident who texted us would be.
NOT_MOBILE_TYPES = (phonenumbers.PhoneNumberType.FIXED_LINE,
                    phonenumbers.PhoneNumberType.TOLL_FREE,
                    phonenumbers.PhoneNumberType.PREMIUM_RATE,
                    phonenumbers.PhoneNumberType.SHARED_COST,
                    phonenumbers.PhoneNumberType.UAN, phonenumbers.PhoneNumberType.PAGER)


def is_mobile(e164: str) -> bool:
    try:
        return phonenumbers.number_type(phonenumbers.parse(e164)) not in NOT_MOBILE_TYPES
    except phonenumbers.NumberParseException:
        return False


def mobile_of(contact: str | None, region: str) -> str | None:
    """A referrer's mobile in E.164, when their contact is one."""
    if not contact:
        return None
    try:
        phone = normalise_phone(contact, region)
    except InvalidPhoneNumber:
        return None
    return phone if is_mobile(phone) else None


def grant_role(person: Person, role: Role) -> None:
    if not person.has_role(role):
        person.roles.append(PersonRole(role=role))
