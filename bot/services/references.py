"""Short request references people can read out and type: "R-7Q4K"."""

from __future__ import annotations

import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import HelpRequest

# No 0/O, 1/I/L: they are misread on paper and over the phone.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
SHORT_LENGTH = 4
# After this many collisions the 4-character space is getting full: go longer.
TRIES_BEFORE_LONGER = 8


def random_reference(length: int = SHORT_LENGTH) -> str:
    return "R-" + "".join(secrets.choice(ALPHABET) for _ in range(length))


def unused_reference(session: Session) -> str:
    for attempt in range(TRIES_BEFORE_LONGER * 2):
        length = SHORT_LENGTH if attempt < TRIES_BEFORE_LONGER else SHORT_LENGTH + 1
        candidate = random_reference(length)
        taken = session.scalar(select(HelpRequest.id).where(HelpRequest.reference == candidate))
        if taken is None:
            return candidate
    raise RuntimeError("could not find an unused request reference")
