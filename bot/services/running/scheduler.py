"""Work that falls due with time rather than with a message.

`neighbourly serve` runs `run_due_work` every few seconds; `neighbourly chat`
runs it once on opening, so a hub tried from the terminal alone still moves
offers on when nobody answered them in time.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from bot.services.calls.campaigns import CampaignService
from bot.services.help_requests.check_reminders import remind_of_expiring_checks
from bot.services.calls.checkins import CheckInService
from bot.services.safeguarding.concerns import ConcernService
from bot.services.help_requests.offers import OfferService
from bot.services.sending.outbox import forget_sent_attachments
from bot.services.people.privacy import forget_sent_addresses, purge_expired_personal_data
from bot.services.help_requests.receipts import ReceiptService
from bot.services.help_requests.standing import StandingService
from bot.services.safeguarding.takeover import TakeoverCommands
from bot.services.shared.unit_of_work import UnitOfWork
from bot.services.help_requests.volunteer_time import MonthlyThanks

log = logging.getLogger("bot.services.running.scheduler")
# When each database (by its session factory) last had the retention purge, in this process.
PURGE_EVERY = timedelta(days=1)
last_purge: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
# Checks run out by the day: looking hourly is soon enough, and spares a query every tick.
CHECK_REMINDERS_EVERY = timedelta(hours=1)
last_check_reminders: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def claiming(session_factory: sessionmaker[Session]) -> UnitOfWork:
    """A unit of work that claims due work: on SQLite it holds the write lock from the
    start, as row locks do on PostgreSQL (see `UnitOfWork`)."""
    return UnitOfWork(session_factory, lock_first=True)


def claimed(session_factory: sessionmaker[Session], work: Callable[[Session], int]) -> int:
    """One kind of due work in a transaction of its own (claimed, committed): what it did."""
    with claiming(session_factory) as uow:
        done = work(uow.session)
        uow.commit()
    return done


def run_due_work(session_factory: sessionmaker[Session], offers: OfferService,
                 concerns: ConcernService, now: datetime,
                 checkins: CheckInService | None = None, *,
                 retention_days: int | None = None,
                 receipts: ReceiptService | None = None,
                 takeovers: TakeoverCommands | None = None,
                 campaigns: CampaignService | None = None,
                 standing: StandingService | None = None,
                 thanks: MonthlyThanks | None = None) -> int:
    """Repeat urgent concerns nobody has taken, move on offers nobody answered in time,
    offer a backlog of waiting requests all at once when it is over the threshold,
    remind, close and escalate check-in calls, and tell the coordinators of shopping
    receipts the resident has not confirmed in time. Hourly, remind the coordinators of
    volunteers' checks running out within 30 days (once per check). Blank the number on
    messages sent to people who asked to be forgotten, and delete files (exports) already
    sent; once a day, purge requests closed longer than `retention_days` ago (no purge
    when it is None). Make the next task of each standing request due within its lead
    days, offered first to whoever did the last; once a month, thank each volunteer who
    helped (when `thanks` is given). Put the next check-ups of running campaigns in the
    outbox, at the SMS provider's pace (when `campaigns` is given).

    Returns how many things it did (so the caller can wake the outbox)."""
    repeated = claimed(session_factory,
                       lambda session: concerns.repeat_urgent_alerts(session, now))
    if repeated:
        log.warning("scheduler: %d urgent concern(s) still not acknowledged: alerted again",
                    repeated)
    expired = claimed(session_factory, lambda session: offers.expire_due_offers(session, now))
    if expired:
        log.info("scheduler: %d offer(s) ran out of time and moved on", expired)
    # Before the alerts: a request the backlog offers now is not raised as unmatched.
    backlog = claimed(session_factory, lambda session: offers.offer_backlog(session, now))
    unmatched = claimed(session_factory, lambda session: offers.alert_unmatched(session, now))
    if unmatched:
        log.warning("scheduler: %d request(s) with no volunteer raised with the coordinators",
                    unmatched)
    calls = 0
    if checkins is not None:
        calls = claimed(session_factory, lambda session: checkins.due_work(session, now))
    late_receipts = 0
    if receipts is not None:
        late_receipts = claimed(session_factory,
                                lambda session: receipts.escalate_unanswered(session, now))
    handed_back = 0
    if takeovers is not None:  # conversations held (TAKE) whose coordinator went quiet
        handed_back = claimed(session_factory,
                              lambda session: takeovers.hand_back_ran_out(session, now))
    if handed_back:
        log.info("scheduler: %d conversation(s) a coordinator held went back to the hub",
                 handed_back)
    made = 0
    if standing is not None:
        made = claimed(session_factory, lambda session: standing.make_due_tasks(session, now))
        if made:
            log.info("scheduler: %d standing request task(s) made and offered", made)
    thanked = 0
    if thanks is not None:
        thanked = claimed(session_factory, lambda session: thanks.due_work(session, now))
        if thanked:
            log.info("scheduler: %d volunteer(s) thanked for last month", thanked)
    check_ups = 0
    if campaigns is not None:  # the next check-ups of running campaigns, at the SMS pace
        check_ups = claimed(session_factory,
                            lambda session: campaigns.send_due_check_ups(session, now))
    if check_ups:
        log.info("scheduler: %d check-up(s) put in the outbox", check_ups)
    checks_told = 0
    if now - last_check_reminders.get(session_factory, now - CHECK_REMINDERS_EVERY) \
            >= CHECK_REMINDERS_EVERY:
        # Through the concerns' notifier: the one the coordinators' alerts go out by.
        checks_told = claimed(session_factory, lambda session: remind_of_expiring_checks(
            session, concerns.notifier, now))
        last_check_reminders[session_factory] = now
        if checks_told:
            log.info("scheduler: coordinators reminded of %d volunteer check(s) running out",
                     checks_told)
    with claiming(session_factory) as uow:
        forget_sent_addresses(uow.session)
        forget_sent_attachments(uow.session)
        uow.commit()
    if retention_days is not None and now - last_purge.get(session_factory, now - PURGE_EVERY) \
            >= PURGE_EVERY:
        purged = claimed(session_factory, lambda session: purge_expired_personal_data(
            session, now, retention_days))
        last_purge[session_factory] = now
        if purged:
            log.info("scheduler: personal data purged from %d request(s) closed over %d days ago",
                     purged, retention_days)
    return repeated + expired + backlog + calls + late_receipts + handed_back + checks_told + made + thanked \
        + check_ups
