"""Where a returning resident asked for help last time, to offer back instead of asking."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.dialogue.types import RememberedPlace
from models import HelpRequest


def remembered_place(session: Session, resident_id: int) -> RememberedPlace | None:
    """Where a resident last asked for help: a whole postcode, with its place on the map,
    not yet forgotten (an erasure or the retention purge leaves only the district)."""
    row = session.execute(
        select(HelpRequest.postcode, HelpRequest.latitude, HelpRequest.longitude,
               HelpRequest.address_line)
        .where(HelpRequest.resident_id == resident_id, HelpRequest.latitude.is_not(None),
               HelpRequest.postcode.like("% %"))
        .order_by(HelpRequest.created_at.desc(), HelpRequest.id.desc()).limit(1)).first()
    return None if row is None else RememberedPlace(*row)
