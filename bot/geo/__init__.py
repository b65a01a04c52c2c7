"""Offline geography: UK postcodes to WGS84 coordinates."""

from bot.geo.postcodes import (
    PostcodeIndex,
    PostcodeLocation,
    normalise_postcode,
    outward_code,
)

__all__ = ["PostcodeIndex", "PostcodeLocation", "normalise_postcode", "outward_code"]
