"""The composition root: builds the hub's parts from settings, in one place."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Callable

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot.database import build_engine, build_session_factory
from bot.services.admin import AdminService
from bot.services.checkins import CallPolicy, CheckInService
from bot.services.concerns import ConcernService
from bot.services.dashboard_auth import Signer, load_secret_key, signin_link
from bot.services.conversations import ConversationService, PostcodeLocator
from bot.services.effects import Services
from bot.services.geocoding import AddressFinder, nominatim
from bot.services.matching import VolunteerPool, match_config
from bot.services.notify import Notifier
from bot.services.offers import OfferPolicy, OfferService, Ranker
from bot.services.postcodes import LazyPostcodeLocator
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
    # Signs the dashboard's sign-in links and sessions (bot/services/dashboard_auth.py).
    signer: Signer | None = None
    # Coordinators' commands, shared with the dashboard.
    admin: AdminService | None = None

    def close(self) -> None:
        self.engine.dispose()


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
    engine = build_engine(settings.database_url)
    session_factory = build_session_factory(engine)
    locate = locate_postcode or default_postcode_locator(settings)
    # Offers and news go out on whichever configured channel reaches each person.
    policy = OfferPolicy(per_round=settings.offers_per_round,
                         timeout=timedelta(minutes=settings.offer_timeout_minutes))
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
    signer = Signer(lambda: load_secret_key(settings.secret_key, settings.cache_dir))
    dashboard_url = settings.public_url or f"http://{settings.host}:{settings.port}"
    admin = AdminService(offers, notifier, ranker if isinstance(ranker, VolunteerPool) else None,
                         locate, settings.default_phone_region, checkins.describe,
                         settings.hub_name,
                         lambda person, now: signin_link(dashboard_url, signer, person.id, now))
    services = Services(offers, concerns, admin, checkins)
    conversations = ConversationService(session_factory, settings.hub_name, locate, clock,
                                        services, find_address)
    return Hub(settings, engine, session_factory, clock, locate, conversations, offers, concerns,
               checkins, signer, admin)
