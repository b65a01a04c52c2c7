"""Who sent a message, read as plain rows.

Every inbound message needs the sender's identity, person, roles and
volunteer standing, but most (a name, a postcode, STATUS) change none of
them. Loading them as ORM objects cost about a millisecond per message,
a quarter of the whole; one plain query costs a fraction of that. The ORM
objects are loaded only when something is going to change them (an
effect, STOP, linking a phone).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import bindparam, insert, select
from sqlalchemy.orm import Session

from bot.services.shared.plain_sql import PlainStatement
from models import ContactIdentity, Person, PersonRole, VolunteerProfile


@dataclass(frozen=True)
class VolunteerStanding:
    vetting_status: str
    paused: bool
    left: bool


@dataclass
class Sender:
    identity_id: int
    person_id: int
    opted_out_at: datetime | None
    first_name: str | None
    language: str
    consent_withdrawn_at: datetime | None
    roles: frozenset[str]
    volunteer: VolunteerStanding | None
    # The ORM objects once loaded, held here: the session only holds unchanged
    # objects weakly, and a change to one must not be lost with it.
    _person: Person | None = field(default=None, repr=False, compare=False)
    _identity: ContactIdentity | None = field(default=None, repr=False, compare=False)

    def has_role(self, role: str) -> bool:
        return role in self.roles

    def person(self, session: Session) -> Person:
        """The person as an ORM object, to change."""
        if self._person is None:
            self._person = session.get(Person, self.person_id)
        return self._person

    def identity(self, session: Session) -> ContactIdentity:
        if self._identity is None:
            self._identity = session.get(ContactIdentity, self.identity_id)
        return self._identity

    def current_language(self) -> str:
        """Their language now: something done for this message may have changed it."""
        return self._person.language if self._person is not None else self.language


_identity, _person = ContactIdentity.__table__.c, Person.__table__.c
_role, _profile = PersonRole.__table__.c, VolunteerProfile.__table__.c

# One row per role (or one row without): no ORM objects, nothing to de-duplicate.
SENDER_ROWS = PlainStatement(
    select(_identity.id, _identity.person_id, _identity.opted_out_at, _person.first_name,
           _person.language, _person.consent_withdrawn_at, _role.role,
           _profile.vetting_status, _profile.paused, _profile.left_at)
    .join(Person.__table__, _person.id == _identity.person_id)
    .outerjoin(PersonRole.__table__, _role.person_id == _person.id)
    .outerjoin(VolunteerProfile.__table__, _profile.person_id == _person.id)
    .where(_identity.kind == bindparam("kind"), _identity.address == bindparam("address"))
)
ROLE = 6  # the column of SENDER_ROWS with the role

INSERT_PERSON = insert(Person.__table__).returning(_person.id)
INSERT_IDENTITY = insert(ContactIdentity.__table__).returning(_identity.id)


def find_sender(session: Session, kind: str, address: str) -> Sender | None:
    rows = SENDER_ROWS.rows(session, {"kind": kind, "address": address})
    if not rows:
        return None
    (identity_id, person_id, opted_out_at, first_name, language, consent_withdrawn_at, _,
     vetting_status, paused, left_at) = rows[0]
    volunteer = None
    if vetting_status is not None:
        volunteer = VolunteerStanding(vetting_status, bool(paused), left_at is not None)
    roles = frozenset(row[ROLE] for row in rows if row[ROLE] is not None)
    return Sender(identity_id, person_id, opted_out_at, first_name, language,
                  consent_withdrawn_at, roles, volunteer)


def find_or_create_sender(session: Session, kind: str, address: str,
                          language: str | None = None) -> Sender:
    """The sender; someone new is created, speaking `language` if the channel knows it."""
    sender = find_sender(session, kind, address)
    if sender is not None:
        return sender
    # Plain inserts here too; a second first message racing this one trips the
    # unique (kind, address) constraint and is retried by the caller.
    language = language or _person.language.default.arg
    person_id = session.execute(INSERT_PERSON, {"language": language}).scalar_one()
    identity_id = session.execute(INSERT_IDENTITY, {
        "person_id": person_id, "kind": kind, "address": address}).scalar_one()
    return Sender(identity_id, person_id, None, None, language, None, frozenset(), None)
