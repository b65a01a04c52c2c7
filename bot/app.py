"""The composition root: builds the hub's parts from settings, in one place."""

from __future__ import annotations

import gc
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Callable

from sqlalchemy import Engine, event
from sqlalchemy.orm import Session, sessionmaker

from bot.database import build_engine, build_session_factory
from bot.services.coordinating.admin import AdminService
from bot.services.calls.campaigns import CampaignService
from bot.services.calls.checkins import CallPolicy, CheckInService
from bot.services.safeguarding.concerns import ConcernService
from bot.services.coordinating.dashboard_auth import (
    Signer,
    download_link,
    load_secret_key,
    signin_link,
)
from bot.services.running.conversations import (
    ConversationService,
    PostcodeLocator,
    prepare_to_read,
)
from bot.services.community.directory import DirectoryService
from bot.services.running.effects import Services
from bot.services.shared.geocoding import AddressFinder, nominatim
from bot.services.help_requests.matching import VolunteerPool, match_config
from bot.services.sending.notify import Notifier
from bot.services.help_requests.offers import OfferPolicy, OfferService, Ranker
from bot.services.community.partners import PartnerService
from bot.services.shared.postcodes import LazyPostcodeLocator
from bot.services.people.privacy import checkpoint_after_removals
from bot.services.help_requests.receipts import ReceiptService
from bot.services.help_requests.standing import StandingService
from bot.services.help_requests.volunteer_time import MonthlyThanks
from bot.settings import Settings


def system_clock() -> datetime:
    return datetime.now(timezone.utc)


@dataclass
class Hub:
    settings: Settings
    engine: Engine
    session_factory: sessionmaker[Session]
    clock: Callable[[], datetime]
    locate_postcode: PostcodeLocator
    conversations: ConversationService
    offers: OfferService
    concerns: ConcernService
    checkins: CheckInService
    # Signs the dashboard's sign-in links and sessions
    # (bot/services/coordinating/dashboard_auth.py).
    signer: Signer | None = None
    # Coordinators' commands, shared with the dashboard.
    admin: AdminService | None = None
    # Signposting, partner organisations' needs, and shopping receipts.
    directory: DirectoryService | None = None
    partners: PartnerService | None = None
    receipts: ReceiptService | None = None
    # Standing requests, made ahead each week (bot/services/help_requests/standing.py).
    standing: StandingService | None = None
    # The monthly thank-you to volunteers; None when the setting turns it off.
    thanks: MonthlyThanks | None = None

    def close(self) -> None:
        """Close every pooled connection. The hub is done with: a session opened later
        would make a connection that nothing closes (psycopg warns when it is collected,
        in whatever runs then), so that fails at once instead. A session still open now (or
        left unclosed to the garbage collector) hands its connection back later, to the pool
        dispose() has thrown away, where nothing would ever close it: it is closed then."""
        discarded = self.engine.pool
        self.engine.dispose()
        event.listen(discarded, "checkin", close_returned_connection)
        if not event.contains(self.engine, "connect", refuse_connections):
            event.listen(self.engine, "connect", refuse_connections)


def ready_to_serve() -> None:
    """Once in each server process, after its hub is built and before its first message.

    The reader is loaded now, not on a resident's first text. Then everything made so far
    (the imported libraries, the reader's model) is moved where the garbage collector no
    longer walks it (`gc.freeze`): it lasts as long as the process, and walking its two
    hundred thousand objects in a full collection held up one resident's message by about
    80 ms every so often (benchmarks/receive.py, HELP, issue 19). Not for tests, which build
    many hubs in one process.
    """
    prepare_to_read()
    gc.collect()
    gc.freeze()


def refuse_connections(dbapi_connection, connection_record) -> None:
    dbapi_connection.close()
    raise RuntimeError("this hub is closed: build a new one to use the database again")


def close_returned_connection(dbapi_connection, connection_record) -> None:
    connection_record.invalidate()  # closes it; the record stays behind in the discarded pool


def default_postcode_locator(settings: Settings) -> PostcodeLocator:
    def load_index():
        from bot.geo.postcodes import PostcodeIndex

        return PostcodeIndex.load(Path(settings.cache_dir))

    return LazyPostcodeLocator(load_index)


def build_hub(
    settings: Settings,
    *,
    clock: Callable[[], datetime] = system_clock,
    locate_postcode: PostcodeLocator | None = None,
    ranker: Ranker | None = None,
) -> Hub:
    engine = build_engine(settings.database_url.get_secret_value())
    session_factory = build_session_factory(engine)
    # After an erasure commits, SQLite's write-ahead log is emptied of the old pages.
    checkpoint_after_removals(session_factory)
    locate = locate_postcode or default_postcode_locator(settings)
    # Offers and news go out on whichever configured channel reaches each person.
    policy = OfferPolicy(per_round=settings.offers_per_round,
                         timeout=timedelta(minutes=settings.offer_timeout_minutes),
                         unmatched_alert=timedelta(minutes=settings.unmatched_alert_minutes),
                         backlog_threshold=settings.backlog_threshold)
    ranker = ranker or VolunteerPool(match_config(settings))
    # Offers, news and alerts go out on whichever configured channel reaches each person.
    notifier = Notifier(settings.enabled_channels)
    offers = OfferService(ranker, notifier, policy)
    find_address = None
    if settings.geocoder == "nominatim":
        find_address = AddressFinder(nominatim(settings.nominatim_url, settings.user_agent))
    concerns = ConcernService(notifier, timedelta(minutes=settings.concern_repeat_minutes))
    checkins = CheckInService(notifier, CallPolicy(
        timezone=settings.timezone,
        reminder_lead=timedelta(minutes=settings.call_reminder_minutes),
        window=timedelta(minutes=settings.call_window_minutes),
        missed_before_alert=settings.missed_calls_before_alert))
    signer = Signer(lambda: load_secret_key(settings.secret_key.get_secret_value(),
                                            settings.cache_dir))
    dashboard_url = settings.public_url or f"http://{settings.host}:{settings.port}"
    directory = DirectoryService(locate, notifier.say)
    partners = PartnerService(notifier, settings.default_phone_region)
    receipts = ReceiptService(notifier, timedelta(days=settings.receipt_answer_days))
    admin = AdminService(offers, notifier, ranker if isinstance(ranker, VolunteerPool) else None,
                         locate, settings.default_phone_region, checkins.describe,
                         settings.hub_name,
                         lambda person, now: signin_link(dashboard_url, signer, person.id, now),
                         lambda person, what, now: download_link(dashboard_url, signer,
                                                                 person.id, what, now),
                         directory=directory, partners=partners, receipts=receipts,
                         timezone=settings.timezone)
    admin.takeover_time = timedelta(minutes=settings.takeover_minutes)  # TAKE ... RELEASE
    # CAMPAIGN (bot/services/calls/campaigns.py): check-ups go out no faster than the SMS provider
    # sends them (TWILIO_MESSAGES_PER_SECOND; 0 there: Twilio queues, so no pace of ours).
    admin.campaigns = CampaignService(
        settings.hub_name, settings.default_phone_region, locate,
        enabled_channels=settings.enabled_channels,
        texts_per_minute=round(settings.twilio_messages_per_second * 60),
        call_after=timedelta(hours=settings.campaign_call_after_hours))
    standing = StandingService(offers, notifier, timedelta(days=settings.standing_lead_days),
                               settings.timezone)
    admin.standing = standing  # WEEKLY R-7Q4K PAUSE (bot/services/coordinating/case_actions.py)
    services = Services(offers, concerns, admin, checkins, directory, partners, receipts,
                        standing)
    conversations = ConversationService(session_factory, settings.hub_name, locate, clock,
                                        services, find_address)
    return Hub(settings, engine, session_factory, clock, locate, conversations, offers, concerns,
               checkins, signer, admin, directory, partners, receipts, standing=standing,
               thanks=MonthlyThanks(notifier, settings.timezone) if settings.monthly_thanks
               else None)
