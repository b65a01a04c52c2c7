"""Adding coordinators (from the command line, by whoever runs the server)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from bot.services import audit
from bot.services.effects import grant_role
from bot.services.identities import find_or_create_person
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
