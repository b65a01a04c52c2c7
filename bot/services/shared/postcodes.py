"""Postcodes to places for the dialogue, backed by the offline postcode index."""

from __future__ import annotations

import threading
from typing import Callable

from bot.dialogue.types import KnownPostcode


class LazyPostcodeLocator:
    """Loads the postcode index on the first lookup, not when the app starts.

    Most messages carry no postcode; a console session that never needs the
    index should not pay for loading it.
    """

    def __init__(self, load_index: Callable[[], object]) -> None:
        self._load_index = load_index
        self._index = None
        self._lock = threading.Lock()

    def _loaded(self):
        if self._index is None:
            with self._lock:
                if self._index is None:
                    self._index = self._load_index()
        return self._index

    def __call__(self, postcode: str) -> KnownPostcode | None:
        place = self._loaded().lookup(postcode)
        if place is None:
            return None
        # Keep what the person typed (normalised) even when only its district is known.
        typed = postcode if place.precision == "district" and " " in postcode else place.postcode
        return KnownPostcode(typed, float(place.latitude), float(place.longitude), place.precision)
