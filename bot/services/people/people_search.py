"""FIND by a first name or a phone number: who someone is to the hub, one line each.

What a coordinator needs to ring them or give them a task: first name, roles, number,
postcode district, skills, whether they take offers now, and their open tasks and requests.
Never an address: FIND near a postcode shows none either.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.services.shared.describe import district_of, phone_of
from bot.understanding.text import strip_marks
from bot.understanding.vocabulary import closest
from models import (
    OPEN_STATUSES,
    ContactIdentity,
    HelpRequest,
    IdentityKind,
    Person,
    PersonRole,
    Role,
    VettingStatus,
)

ROLE_ORDER = (Role.VOLUNTEER, Role.RESIDENT, Role.COORDINATOR)
SHORTEST_PART = 3  # letters: "pri" finds Priya; "an" would find half the hub


def people_with_phone(session: Session, phone: str) -> list[Person]:
    """Everyone reached on this number (E.164), as the hub knows them."""
    return list(session.scalars(
        select(Person).join(ContactIdentity, ContactIdentity.person_id == Person.id)
        .where(ContactIdentity.kind == IdentityKind.PHONE, ContactIdentity.address == phone,
               Person.erased_at.is_(None))
        .order_by(Person.id)))


def people_named(session: Session, name: str) -> list[Person]:
    """People with a role whose first name is `name`, in any case and with or without
    Polish marks; failing that, whose first name starts with it or holds it ("pri" finds
    Priya), or is it with a slip of the thumb ("Priay"). "Priya Patel" looks for Priya."""
    wanted = strip_marks(name).strip()
    if not wanted:
        return []
    rows = session.execute(
        select(Person.id, Person.first_name)
        .where(Person.first_name.is_not(None), Person.erased_at.is_(None),
               Person.id.in_(select(PersonRole.person_id)))
        .order_by(Person.id)).all()
    names = {person_id: strip_marks(first_name).strip() for person_id, first_name in rows}
    first_word = wanted.split()[0]
    for matches in (
            lambda known: known == wanted,
            lambda known: known == first_word,
            lambda known: len(first_word) >= SHORTEST_PART and known.startswith(first_word),
            lambda known: len(first_word) >= SHORTEST_PART and first_word in known):
        found = [person_id for person_id, known in names.items() if known and matches(known)]
        if found:
            break
    else:
        near = closest(first_word, sorted(set(names.values())))
        found = [person_id for person_id, known in names.items() if near and known == near]
    return [session.get(Person, person_id) for person_id in found]


def describe_person(session: Session, person: Person, say: Callable[..., str]) -> str:
    """One line about someone, for a coordinator."""
    roles = {role.role for role in person.roles}
    profile = person.volunteer_profile
    about = []
    district = "?"
    if profile is not None:
        district = district_of(profile.postcode)
        if profile.skills:
            about.append("/".join(profile.skills))
        about.append(say(f"standing.{standing(profile)}"))
        tasks = open_references(session, HelpRequest.assigned_volunteer_id == person.id)
        about.append(say("admin_find_tasks", references=", ".join(tasks)) if tasks
                     else say("admin_find_no_tasks"))
    asked = open_references(session, HelpRequest.resident_id == person.id)
    if asked:
        about.append(say("admin_find_requests", references=", ".join(asked)))
    if district == "?":
        latest = session.scalar(select(HelpRequest.postcode).where(
            HelpRequest.resident_id == person.id, HelpRequest.postcode.is_not(None))
            .order_by(HelpRequest.created_at.desc(), HelpRequest.id.desc()).limit(1))
        district = district_of(latest)
    return say("admin_find_person", name=person.first_name or "?",
               roles=", ".join(say(f"role.{role}") for role in ROLE_ORDER if role in roles)
               or "-",
               phone=phone_of(session, person.id), district=district,
               about="".join(f"; {part}" for part in about))


def standing(profile) -> str:
    """Whether a volunteer takes offers now, and if not, why."""
    if profile.left_at is not None:
        return "left"
    if profile.vetting_status != VettingStatus.APPROVED:
        return profile.vetting_status  # pending or suspended
    return "paused" if profile.paused else "available"


def open_references(session: Session, condition) -> list[str]:
    return list(session.scalars(select(HelpRequest.reference).where(
        condition, HelpRequest.status.in_(OPEN_STATUSES)).order_by(HelpRequest.created_at)))
