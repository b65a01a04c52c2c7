"""Where a returning resident asked for help last time, to offer back instead of asking."""

from __future__ import annotations

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from bot.dialogue.types import RememberedPlace
from bot.services.plain_sql import PlainStatement
from models import HelpRequest

LAST_PLACE_OF = PlainStatement(
    select(HelpRequest.postcode, HelpRequest.latitude, HelpRequest.longitude,
           HelpRequest.address_line)
    .where(HelpRequest.resident_id == bindparam("resident_id"),
           HelpRequest.latitude.is_not(None), HelpRequest.postcode.like("% %"))
    .order_by(HelpRequest.created_at.desc(), HelpRequest.id.desc()).limit(1))


def remembered_place(session: Session, resident_id: int) -> RememberedPlace | None:
    """Where a resident last asked for help (a whole postcode, not yet forgotten)."""
    rows = LAST_PLACE_OF.rows(session, {"resident_id": resident_id})
    if not rows:
        return None
    postcode, latitude, longitude, address = rows[0]
    return RememberedPlace(postcode, latitude, longitude, address)
