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


def random_reference(length: int = SHORT_LENGTH, prefix: str = "R-") -> str:
    return prefix + "".join(secrets.choice(ALPHABET) for _ in range(length))


def unused_reference(session: Session, model: type = HelpRequest, prefix: str = "R-") -> str:
    """A reference no row of `model` carries yet: "R-7Q4K" for requests, "N-3KD9" for needs."""
    for attempt in range(TRIES_BEFORE_LONGER * 2):
        length = SHORT_LENGTH if attempt < TRIES_BEFORE_LONGER else SHORT_LENGTH + 1
        candidate = random_reference(length, prefix)
        taken = session.scalar(select(model.id).where(model.reference == candidate))
        if taken is None:
            return candidate
    raise RuntimeError(f"could not find an unused {prefix} reference")
