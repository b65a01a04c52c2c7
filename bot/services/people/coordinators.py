"""Adding, listing and removing coordinators (from the command line, by whoever runs the
server)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from bot.services.shared import audit
from bot.services.shared.describe import coordinators
from bot.services.shared.identities import find_identity, find_or_create_person, grant_role
from models import Person, Role


def add_coordinator(
    session: Session, kind: str, address: str, first_name: str, now: datetime
) -> tuple[Person, bool]:
    """Make the person behind this identity a coordinator; False if they already were."""
    person, _ = find_or_create_person(session, kind, address)
    person.first_name = first_name
    already = person.has_role(Role.COORDINATOR)
    grant_role(person, Role.COORDINATOR)
    session.flush()
    if not already:
        audit.record(session, "coordinator.added", now, channel="cli",
                     subject=f"person:{person.id}")
    return person, not already


class LastCoordinator(Exception):
    """Removing them would leave safeguarding concerns and alerts reaching nobody."""


def remove_coordinator(session: Session, kind: str, address: str,
                       now: datetime) -> Person | None:
    """Take the coordinator role away (they stay a resident or volunteer if they were);
    None when nobody with this identity coordinates. Never the last coordinator."""
    identity = find_identity(session, kind, address)
    if identity is None or not identity.person.has_role(Role.COORDINATOR):
        return None
    person = identity.person
    if [c.id for c in coordinators(session)] == [person.id]:
        raise LastCoordinator(person.first_name or "they")
    person.roles = [role for role in person.roles if role.role != Role.COORDINATOR]
    session.flush()
    audit.record(session, "coordinator.removed", now, channel="cli",
                 subject=f"person:{person.id}")
    return person
