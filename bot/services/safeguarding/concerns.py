"""Safeguarding concerns: stored, sent to every coordinator at once, repeated until taken.

A concern reaches each coordinator on whatever channel reaches them, in the
same transaction that records it. An urgent one is sent again every few
minutes (setting) until a coordinator replies ACK; then the volunteer who
raised it is told who has it. RESOLVE closes it with a note. Everything is
audited.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from bot.dialogue.types import Reply
from bot.services.shared import audit
from bot.services.shared.describe import aware, coordinators, how_long, name_of, phone_of
from bot.services.sending.notify import Notifier
from bot.services.sending.outbox import Lane
from models import (
    Concern,
    ConcernSource,
    ConcernStatus,
    HelpRequest,
    Person,
    RequestStatus,
)

log = logging.getLogger(__name__)
# The kind of danger the reader found, written before the words in the alert and the list.
DANGER_LABELS = {"medical": "medical emergency", "suicide": "suicide or self-harm",
                 "abuse": "abuse or intruder", "fire_gas": "fire or gas",
                 "welfare": "without food, medicine, heat or care"}
SHOWN_TEXT = 120  # characters of the concern in an alert; the whole text is in CONCERNS


class ConcernService:
    def __init__(self, notifier: Notifier, repeat_every: timedelta) -> None:
        self.notifier = notifier
        self.repeat_every = repeat_every

    def raise_concern(self, session: Session, volunteer: Person, text: str, urgent: bool,
                      reference: str | None, channel: str, now: datetime) -> Concern:
        request = task_in_question(session, volunteer, reference)
        concern = Concern(source=ConcernSource.VOLUNTEER, raised_by_id=volunteer.id,
                          resident_id=request.resident_id if request else None,
                          request_id=request.id if request else None, text=text, urgent=urgent,
                          channel=channel, status=ConcernStatus.OPEN, raised_at=now)
        return self._record(session, concern, now)

    def flag_danger(self, session: Session, person: Person, text: str, kind: str,
                    channel: str, now: datetime) -> Concern:
        words = f"[{DANGER_LABELS.get(kind, kind)}] {text}"
        task = open_task_of(session, person)
        if task is not None:
            # A volunteer with a task in hand: the danger is most likely where they are ("no
            # answer and I can see her on the floor"), so the coordinators are told whose
            # task it is, not "about themselves, no task".
            concern = Concern(source=ConcernSource.VOLUNTEER, raised_by_id=person.id,
                              resident_id=task.resident_id, request_id=task.id, text=words,
                              urgent=True, channel=channel, status=ConcernStatus.OPEN,
                              raised_at=now)
            return self._record(session, concern, now)
        request = session.scalar(select(HelpRequest).where(HelpRequest.resident_id == person.id)
                                 .order_by(HelpRequest.created_at.desc()).limit(1))
        concern = Concern(source=ConcernSource.RESIDENT, raised_by_id=person.id,
                          resident_id=person.id, request_id=request.id if request else None,
                          text=words, urgent=True,
                          channel=channel, status=ConcernStatus.OPEN, raised_at=now)
        return self._record(session, concern, now)

    def _record(self, session: Session, concern: Concern, now: datetime) -> Concern:
        session.add(concern)
        session.flush()
        audit.record(session, "concern.raised", now, actor_id=concern.raised_by_id,
                     channel=concern.channel, subject=f"C-{concern.id}", urgent=concern.urgent,
                     source=concern.source)
        self.alert_coordinators(session, concern, now)
        return concern

    def alert_coordinators(self, session: Session, concern: Concern, now: datetime) -> int:
        everyone = coordinators(session)
        if not everyone:
            # Kept, and listed by CONCERNS as soon as a coordinator exists.
            log.error("concern C-%s has no coordinator to go to: add one with "
                      "`neighbourly coordinator add`", concern.id)
        for coordinator in everyone:
            key, params = self._alert(session, concern, coordinator)
            # Urgent ones, and their repeats, go before everything else waiting to be sent.
            self.notifier.send(session, coordinator, now, key,
                               lane=Lane.SAFETY if concern.urgent else Lane.CONVERSATION,
                               **params)
        concern.last_alert_at = now
        concern.alerts_sent += 1
        return len(everyone)

    def _alert(self, session: Session, concern: Concern,
               coordinator: Person) -> tuple[str, dict[str, object]]:
        say = self.notifier.speaker(coordinator)
        raiser = session.get(Person, concern.raised_by_id) if concern.raised_by_id else None
        resident = session.get(Person, concern.resident_id) if concern.resident_id else None
        request = session.get(HelpRequest, concern.request_id) if concern.request_id else None
        task = say("concern_no_task") if request is None else say(
            "concern_task", reference=request.reference,
            category=say(f"category.{request.category}").lower())
        text = concern.text if len(concern.text) <= SHOWN_TEXT else concern.text[:SHOWN_TEXT] + "…"
        key = "concern_alert_urgent" if concern.urgent else "concern_alert"
        if concern.raised_by_id is not None and concern.raised_by_id == concern.resident_id:
            key += "_self"  # "from someone (+44...) about someone (+44...)" said it twice
        return key, dict(
            number=concern.id, text=text, task=task,
            raiser=name_of(raiser), raiser_phone=phone_of(session, concern.raised_by_id),
            resident=name_of(resident), resident_phone=phone_of(session, concern.resident_id))

    def repeat_urgent_alerts(self, session: Session, now: datetime) -> int:
        """Send again every urgent concern nobody has acknowledged for `repeat_every`."""
        due = session.scalars(
            select(Concern).where(Concern.status == ConcernStatus.OPEN, Concern.urgent.is_(True),
                                  or_(Concern.last_alert_at.is_(None),
                                      Concern.last_alert_at <= now - self.repeat_every))
            .order_by(Concern.id).with_for_update(skip_locked=True)).all()
        for concern in due:
            self.alert_coordinators(session, concern, now)
        return len(due)

    # What coordinators do.

    def manage(self, session: Session, coordinator: Person, action: str, number: int | None,
               note: str, channel: str, now: datetime) -> list[Reply]:
        say = self.notifier.speaker(coordinator)
        if action == "list":
            return [Reply(self.open_list(session, coordinator, now))]
        concern = session.get(Concern, number, with_for_update=True)
        if concern is None or concern.status == ConcernStatus.RESOLVED:
            return [Reply(say("concern_unknown", number=number))]
        if action == "ack":
            if concern.status == ConcernStatus.OPEN:
                concern.status = ConcernStatus.ACKNOWLEDGED
                concern.acknowledged_by_id, concern.acknowledged_at = coordinator.id, now
                audit.record(session, "concern.acknowledged", now, actor_id=coordinator.id,
                             channel=channel, subject=f"C-{concern.id}")
                self.tell_raiser(session, concern, coordinator, now)
            return [Reply(say("concern_acknowledged", number=concern.id))]
        if not note:
            return [Reply(say("concern_needs_note", number=concern.id))]
        concern.status = ConcernStatus.RESOLVED
        concern.resolved_by_id, concern.resolved_at, concern.resolution_note = (
            coordinator.id, now, note)
        if concern.acknowledged_at is None:
            concern.acknowledged_by_id, concern.acknowledged_at = coordinator.id, now
        audit.record(session, "concern.resolved", now, actor_id=coordinator.id, channel=channel,
                     subject=f"C-{concern.id}")
        return [Reply(say("concern_resolved", number=concern.id))]

    def tell_raiser(self, session: Session, concern: Concern, coordinator: Person,
                    now: datetime) -> None:
        if concern.source != ConcernSource.VOLUNTEER or concern.raised_by_id is None:
            return
        volunteer = session.get(Person, concern.raised_by_id)
        if volunteer is not None:
            self.notifier.send(session, volunteer, now, "concern_taken_up",
                               coordinator=coordinator.first_name or "A coordinator")

    def open_list(self, session: Session, coordinator: Person, now: datetime) -> str:
        say = self.notifier.speaker(coordinator)
        concerns = session.scalars(
            select(Concern).where(Concern.status != ConcernStatus.RESOLVED)
            .order_by(Concern.urgent.desc(), Concern.raised_at)).all()
        if not concerns:
            return say("concern_none")
        lines = "\n".join(
            say("concern_line", number=c.id, text=c.text[:SHOWN_TEXT],
                urgent=say("concern_line_urgent") if c.urgent else "",
                status=c.status, age=how_long(now - aware(c.raised_at, now)))
            for c in concerns)
        return say("concern_list", lines=lines)


def open_task_of(session: Session, volunteer: Person) -> HelpRequest | None:
    """The task a volunteer has in hand now, the latest given them; None for anyone else."""
    return session.scalar(select(HelpRequest).where(
        HelpRequest.assigned_volunteer_id == volunteer.id,
        HelpRequest.status == RequestStatus.ASSIGNED)
        .order_by(HelpRequest.assigned_at.desc()).limit(1))


def task_in_question(session: Session, volunteer: Person,
                     reference: str | None) -> HelpRequest | None:
    """The task the volunteer named, else their latest one."""
    query = select(HelpRequest).where(
        HelpRequest.assigned_volunteer_id == volunteer.id,
        HelpRequest.status.in_([RequestStatus.ASSIGNED, RequestStatus.DONE]))
    if reference:
        named = session.scalar(query.where(HelpRequest.reference == reference))
        if named is not None:
            return named
    return session.scalar(query.order_by(HelpRequest.assigned_at.desc()).limit(1))
