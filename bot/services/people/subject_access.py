"""Everything the hub holds about one person, for a subject access request.

Under UK GDPR anyone may ask for a copy of their personal data, and the hub's
organisation has a month to answer. `neighbourly export person` writes this
report as JSON for whoever handles the request. Their own rows come whole
(every column); rows that are mostly about someone else (a task they did for a
resident, a concern raised about them) come with only what concerns them, and
sections that may still hold others' details or safeguarding information are
listed under "review_before_sending", as the law lets an organisation withhold
those after a person's review.
"""

from __future__ import annotations

import base64
from datetime import date, datetime
from typing import Any

from sqlalchemy import inspect, or_, select
from sqlalchemy.orm import Session

from bot.services.shared.describe import district_of
from models import (
    AuditEvent,
    CallSchedule,
    Campaign,
    CampaignMember,
    CheckInCall,
    Concern,
    ConversationState,
    HelpRequest,
    InboundMessage,
    NeedOffer,
    Offer,
    OutboundMessage,
    Person,
    ReceiptPhoto,
)

REVIEW = ("concerns_about_them", "call_notes", "messages_received")


def subject_access_report(session: Session, person_id: int, now: datetime) -> dict[str, Any]:
    person = session.get(Person, person_id)
    if person is None:
        raise LookupError(f"no person {person_id}")
    own_requests = list(session.scalars(select(HelpRequest).where(
        HelpRequest.resident_id == person_id).order_by(HelpRequest.id)))
    own_ids = [request.id for request in own_requests]
    schedules = list(session.scalars(select(CallSchedule).where(or_(
        CallSchedule.resident_id == person_id, CallSchedule.volunteer_id == person_id))
        .order_by(CallSchedule.id)))
    calls = list(session.scalars(select(CheckInCall).where(
        CheckInCall.schedule_id.in_([schedule.id for schedule in schedules]))
        .order_by(CheckInCall.due_at)))
    conversation = session.get(ConversationState, person_id)
    return {
        "generated_at": now.isoformat(),
        "review_before_sending": list(REVIEW),
        "person": columns_of(person),
        "contact_identities": [columns_of(i) for i in person.identities],
        "roles": [columns_of(role) for role in person.roles],
        "volunteer_profile": columns_of(person.volunteer_profile),
        "conversation": columns_of(conversation, leave_out={"questions_waiting"}),
        "requests_made": [columns_of(request) for request in own_requests],
        "tasks_as_volunteer": [
            {"reference": r.reference, "category": r.category, "status": r.status,
             "assigned_at": plain(r.assigned_at), "district": district_of(r.postcode)}
            for r in session.scalars(select(HelpRequest).where(
                HelpRequest.assigned_volunteer_id == person_id).order_by(HelpRequest.id))],
        "offers_received": [
            {"reference": offer.request.reference, "status": offer.status,
             "offered_at": plain(offer.offered_at), "answered_at": plain(offer.answered_at),
             "reasons": offer.reasons}
            for offer in session.scalars(select(Offer).where(
                Offer.volunteer_id == person_id).order_by(Offer.id))],
        "partner_needs_offered": [
            {"reference": offer.need.reference, "status": offer.status,
             "offered_at": plain(offer.offered_at), "answered_at": plain(offer.answered_at)}
            for offer in session.scalars(select(NeedOffer).where(
                NeedOffer.volunteer_id == person_id).order_by(NeedOffer.id))],
        # Lists a coordinator imported to check on them (bot/services/calls/campaigns.py), with
        # the legal basis each was held under.
        "check_up_lists": [
            {**columns_of(member), "list": campaign.name, "legal_basis": campaign.legal_basis}
            for member, campaign in session.execute(
                select(CampaignMember, Campaign).join(
                    Campaign, Campaign.id == CampaignMember.campaign_id)
                .where(CampaignMember.person_id == person_id).order_by(CampaignMember.id))],
        # Photos of receipts for their shopping, or that they sent as its volunteer, whole
        # (base64), since the photo itself is the data they are entitled to see.
        "receipt_photos": [
            {"reference": reference, "received_at": plain(photo.received_at),
             "sent_by_them": photo.volunteer_id == person_id,
             "content_type": photo.content_type,
             "content_base64": base64.b64encode(photo.content).decode("ascii")}
            for photo, reference in session.execute(
                select(ReceiptPhoto, HelpRequest.reference)
                .join(HelpRequest, HelpRequest.id == ReceiptPhoto.request_id)
                .where(or_(ReceiptPhoto.request_id.in_(own_ids),
                           ReceiptPhoto.volunteer_id == person_id))
                .order_by(ReceiptPhoto.id))],
        "regular_calls": [columns_of(schedule) for schedule in schedules],
        "calls": [columns_of(call, leave_out={"note"}) for call in calls],
        "call_notes": [{"due_at": plain(call.due_at), "note": call.note}
                       for call in calls if call.note is not None],
        "concerns_raised": [columns_of(c, leave_out={"resident_id"}) for c in session.scalars(
            select(Concern).where(Concern.raised_by_id == person_id).order_by(Concern.id))],
        "concerns_about_them": [
            {"raised_at": plain(c.raised_at), "status": c.status, "text": c.text}
            for c in session.scalars(select(Concern).where(
                Concern.raised_by_id.is_distinct_from(person_id),
                or_(Concern.resident_id == person_id, Concern.request_id.in_(own_ids)))
                .order_by(Concern.id))],
        "messages_sent": [
            {"at": plain(m.received_at), "channel": m.channel, "text": m.body}
            for m in session.scalars(select(InboundMessage).where(
                InboundMessage.person_id == person_id).order_by(InboundMessage.id))],
        "messages_received": [
            {"at": plain(m.created_at), "channel": m.channel, "status": m.status,
             "text": m.body}
            for m in session.scalars(select(OutboundMessage).where(
                OutboundMessage.person_id == person_id).order_by(OutboundMessage.id))],
        "audit_trail": [
            {"at": plain(e.occurred_at), "action": e.action, "channel": e.channel,
             "by_them": e.actor_person_id == person_id}
            for e in session.scalars(select(AuditEvent).where(or_(
                AuditEvent.actor_person_id == person_id,
                AuditEvent.subject == f"person:{person_id}",
                AuditEvent.subject.in_([r.reference for r in own_requests])))
                .order_by(AuditEvent.id))],
    }


def columns_of(row: Any, leave_out: frozenset[str] | set[str] = frozenset()) -> dict | None:
    """Every column of one row, as JSON-ready values."""
    if row is None:
        return None
    return {attribute.key: plain(getattr(row, attribute.key))
            for attribute in inspect(row).mapper.column_attrs
            if attribute.key not in leave_out}


def plain(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value
