"""Finding a typed address online (OpenStreetMap's Nominatim), when a hub turns it on.

Off by default: postcodes are found offline. With `NEIGHBOURLY_GEOCODER=nominatim`
a resident who answers "what is your postcode?" with an address
("12 Orsett Road, Grays") is found too. Nominatim's usage policy asks for
at most one request a second and a user agent that says who is asking; every
answer, found or not, is kept in the database so no address is asked twice.
"""

from __future__ import annotations

import logging
from typing import Protocol
from urllib.parse import urlsplit

from geopy.exc import GeopyError
from geopy.extra.rate_limiter import RateLimiter
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

    def __init__(self, geocoder: Geocoder, *,
                 min_interval: float = MIN_INTERVAL_SECONDS) -> None:
        self.geocoder = geocoder
        # geopy's limiter is thread-safe: messages handled on several threads queue in it.
        # No retries and no swallowed errors: a resident is waiting for the reply, so a
        # geocoder that fails is reported at once and they are asked for their postcode.
        self._limited_geocode = RateLimiter(geocoder.geocode, min_delay_seconds=min_interval,
                                            max_retries=0, error_wait_seconds=min_interval,
                                            swallow_exceptions=False)

    @property
    def min_interval(self) -> float:
        """Seconds at least between two requests' starts."""
        return self._limited_geocode.min_delay_seconds

    @min_interval.setter
    def min_interval(self, seconds: float) -> None:
        self._limited_geocode.min_delay_seconds = seconds

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
        return self._limited_geocode(query, country_codes="gb", addressdetails=True)


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
