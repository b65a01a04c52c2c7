"""Work that falls due with time rather than with a message.

`neighbourly serve` runs `run_due_work` every few seconds; `neighbourly chat`
runs it once on opening, so a hub tried from the terminal alone still moves
offers on when nobody answered them in time.
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from bot.services.checkins import CheckInService
from bot.services.concerns import ConcernService
from bot.services.offers import OfferService
from bot.services.unit_of_work import UnitOfWork

log = logging.getLogger("bot.services.scheduler")


def run_due_work(session_factory: sessionmaker[Session], offers: OfferService,
                 concerns: ConcernService, now: datetime,
                 checkins: CheckInService | None = None) -> int:
    """Repeat urgent concerns nobody has taken, move on offers nobody answered in time,
    and remind, close and escalate check-in calls.

    Returns how many things it did (so the caller can wake the outbox)."""
    with UnitOfWork(session_factory) as uow:
        repeated = concerns.repeat_urgent_alerts(uow.session, now)
        uow.commit()
    if repeated:
        log.warning("scheduler: %d urgent concern(s) still not acknowledged: alerted again",
                    repeated)
    with UnitOfWork(session_factory) as uow:
        expired = offers.expire_due_offers(uow.session, now)
        uow.commit()
    if expired:
        log.info("scheduler: %d offer(s) ran out of time and moved on", expired)
    calls = 0
    if checkins is not None:
        with UnitOfWork(session_factory) as uow:
            calls = checkins.due_work(uow.session, now)
            uow.commit()
    return repeated + expired + calls
