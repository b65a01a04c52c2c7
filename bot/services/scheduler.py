"""Work that falls due with time rather than with a message.

`neighbourly serve` runs `run_due_work` every few seconds; `neighbourly chat`
runs it once on opening, so a hub tried from the terminal alone still moves
offers on when nobody answered them in time.
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from bot.services.offers import OfferService
from bot.services.unit_of_work import UnitOfWork

log = logging.getLogger("bot.services.scheduler")


def run_due_work(session_factory: sessionmaker[Session], offers: OfferService,
                 now: datetime) -> int:
    """Close offers nobody answered in time and ask the next volunteers; returns how many."""
    with UnitOfWork(session_factory) as uow:
        expired = offers.expire_due_offers(uow.session, now)
        uow.commit()
    if expired:
        log.info("scheduler: %d offer(s) ran out of time and moved on", expired)
    return expired
