"""Addresses already looked up online, so each is asked about once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Float, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UtcDateTime, utc_now


class GeocodedAddress(Base):
    __tablename__ = "geocoded_addresses"

    # The address as typed, lower-cased with spaces collapsed.
    query: Mapped[str] = mapped_column(String(200), primary_key=True)
    # False when the geocoder knew no such place: not asked again either.
    found: Mapped[bool] = mapped_column(Boolean)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    postcode: Mapped[str | None] = mapped_column(String(10))
    looked_up_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
