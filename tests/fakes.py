"""Test doubles that subclass or satisfy the real ports, with small known data."""

from __future__ import annotations

import os

from bot.understanding import parsing
from bot.dialogue.types import KnownPostcode

# A few real postcodes in Thurrock and Essex, with their coordinates.
KNOWN_POSTCODES = {
    "RM17 6SL": (51.4786, 0.3236),
    "RM17 5AA": (51.4790, 0.3310),
    "RM16 2XU": (51.4920, 0.3240),
    "RM20 3LP": (51.4730, 0.2660),
    "SS17 0AD": (51.5160, 0.4340),
    "CM1 1AA": (51.7340, 0.4690),
    "SW1A 1AA": (51.5010, -0.1416),
}


class FakePostcodeLocator:
    """Knows a handful of postcodes; other postcodes in their districts fall back
    to the district, as the real index does."""

    def __init__(self, known: dict[str, tuple[float, float]] | None = None) -> None:
        self.known = dict(known or KNOWN_POSTCODES)
        self.lookups: list[str] = []

    def __call__(self, postcode: str) -> KnownPostcode | None:
        self.lookups.append(postcode)
        if postcode in self.known:
            return KnownPostcode(postcode, *self.known[postcode], "postcode")
        district = postcode.split(" ")[0]
        in_district = [place for code, place in self.known.items() if code.split(" ")[0] == district]
        if in_district and (parsing.normalise_postcode(postcode) or " " not in postcode):
            latitude = sum(p[0] for p in in_district) / len(in_district)
            longitude = sum(p[1] for p in in_district) / len(in_district)
            return KnownPostcode(postcode, latitude, longitude, "district")
        return None


def shared_reader_cache() -> dict[str, str]:
    """The environment a started command needs to use the reader's model the test run
    trained (conftest), rather than train its own: tests otherwise clear NEIGHBOURLY_*."""
    from bot.understanding.model import READER_CACHE_ENV

    folder = os.environ.get(READER_CACHE_ENV)
    return {READER_CACHE_ENV: folder} if folder else {}
