"""Finding a typed address online (OpenStreetMap's Nominatim), when a hub turns it on.

Off by default: postcodes are found offline. With `NEIGHBOURLY_GEOCODER=nominatim`
a resident who answers "what is your postcode?" with an address
("12 Orsett Road, Grays") is found too. Nominatim's usage policy asks for
at most one request a second and a user agent that says who is asking; every
answer, found or not, is kept in the database so no address is asked twice.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Callable, Protocol
from urllib.parse import urlsplit

from geopy.exc import GeopyError
from sqlalchemy.orm import Session

from bot.understanding import parsing
from bot.dialogue.types import KnownPostcode
from models import GeocodedAddress

log = logging.getLogger(__name__)

PRECISION_ADDRESS = "address"
MIN_INTERVAL_SECONDS = 1.0


class Geocoder(Protocol):
    """What we use of geopy's geocoders."""

    def geocode(self, query: str, **options): ...


def nominatim(url: str, user_agent: str, timeout: float = 5.0) -> Geocoder:
    from geopy.geocoders import Nominatim

    parts = urlsplit(url)
    return Nominatim(user_agent=user_agent, domain=parts.netloc + parts.path.rstrip("/"),
                     scheme=parts.scheme or "https", timeout=timeout)


def address_query(text: str) -> str | None:
    """The cache key for a typed address; None when it cannot be an address."""
    query = " ".join(parsing.clean(text).lower().split())[:200]
    has_letters = sum(ch.isalpha() for ch in query) >= 4
    return query if has_letters and len(query.split()) >= 2 else None


class AddressFinder:
    """Typed address -> place, through a geopy geocoder, one request a second at most."""

    def __init__(self, geocoder: Geocoder, *, min_interval: float = MIN_INTERVAL_SECONDS,
                 monotonic: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.geocoder = geocoder
        self.min_interval = min_interval
        self._monotonic = monotonic
        self._sleep = sleep
        # Messages are handled on several threads; they queue here for the rate limit.
        self._lock = threading.Lock()
        self._next_call_at = 0.0

    def __call__(self, session: Session, text: str) -> KnownPostcode | None:
        query = address_query(text)
        if query is None:
            return None
        remembered = session.get(GeocodedAddress, query)
        if remembered is None:
            try:
                location = self._ask(query)
            except GeopyError as error:
                # Unreachable or refusing: the resident is asked for a postcode as before,
                # and nothing is remembered, so the address is tried again next time.
                log.warning("geocoder: no answer (%s)", error.__class__.__name__)
                return None
            remembered = remember(session, query, location)
        if not remembered.found:
            return None
        return KnownPostcode(remembered.postcode, remembered.latitude, remembered.longitude,
                             PRECISION_ADDRESS)

    def _ask(self, query: str):
        with self._lock:
            wait = self._next_call_at - self._monotonic()
            if wait > 0:
                self._sleep(wait)
            try:
                return self.geocoder.geocode(query, country_codes="gb", addressdetails=True)
            finally:
                self._next_call_at = self._monotonic() + self.min_interval


def remember(session: Session, query: str, location) -> GeocodedAddress:
    postcode = None
    if location is not None:
        address = (location.raw or {}).get("address") or {}
        postcode = parsing.normalise_postcode(address.get("postcode") or "")
    # A place with no postcode is no use to us: the request needs its area.
    found = location is not None and postcode is not None
    row = GeocodedAddress(query=query, found=found, postcode=postcode,
                          latitude=location.latitude if found else None,
                          longitude=location.longitude if found else None)
    session.add(row)
    return row
