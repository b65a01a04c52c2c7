"""Recurring check-in calls: a befriending match's schedule and each call's outcome."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, UtcDateTime, utc_now
from models.people import Person
from models.requests import HelpRequest


class Frequency(StrEnum):
    DAILY = "daily"  # a welfare check on someone vulnerable
    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"


class ScheduleStatus(StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"  # until `paused_until`; with none, until a HANDOVER (caller suspended)
    ENDED = "ended"


class CallOutcome(StrEnum):
    DONE = "done"
    NO_ANSWER = "no_answer"
    RESCHEDULED = "rescheduled"
    CONCERN = "concern"
    MISSED = "missed"  # not logged by the end of its window
    NOT_CALLED = "not_called"  # the resident said nobody rang


class CallSchedule(Base):
    """When the volunteer rings the resident. The database, not the bot's job queue,
    is the source of truth, so every reminder survives a restart."""

    __tablename__ = "call_schedules"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("help_requests.id", ondelete="CASCADE"), unique=True)
    volunteer_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"),
                                              index=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"),
                                             index=True)
    frequency: Mapped[str] = mapped_column(String(16))
    weekday: Mapped[int | None] = mapped_column(Integer)  # 0 = Monday; None for daily
    start_minute: Mapped[int] = mapped_column(Integer)  # minutes after local midnight
    window_minutes: Mapped[int] = mapped_column(Integer, default=120)
    # Not indexed: nearly every schedule is active, and an index on it would tempt the
    # planner away from next_call_at, the index that keeps a scheduler tick small.
    status: Mapped[str] = mapped_column(String(16), default=ScheduleStatus.ACTIVE)
    paused_until: Mapped[date | None] = mapped_column(Date)
    next_call_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    review_at: Mapped[datetime | None] = mapped_column(UtcDateTime, index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    request: Mapped[HelpRequest] = relationship()
    volunteer: Mapped[Person] = relationship(foreign_keys=[volunteer_id])
    resident: Mapped[Person] = relationship(foreign_keys=[resident_id])


class CheckInCall(Base):
    """One call: when it was due, whether the volunteer was reminded, and how it went."""

    __tablename__ = "check_in_calls"
    __table_args__ = (
        # Calls still waiting for an outcome, by when their window ends: what a tick
        # looks at, however long the history of logged calls grows.
        Index("ix_check_in_calls_open", "window_ends_at",
              sqlite_where=text("outcome IS NULL"), postgresql_where=text("outcome IS NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    schedule_id: Mapped[int] = mapped_column(
        ForeignKey("call_schedules.id", ondelete="CASCADE"), index=True)
    due_at: Mapped[datetime] = mapped_column(UtcDateTime)
    window_ends_at: Mapped[datetime] = mapped_column(UtcDateTime)
    attempt: Mapped[int] = mapped_column(Integer, default=1)  # 2, 3: tries after NO ANSWER
    reminded_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    asked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    outcome: Mapped[str | None] = mapped_column(String(16))
    outcome_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    note: Mapped[str | None] = mapped_column(Text)
    escalated_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # Who logged it done, and the time they said it took ("DONE 30 min"): the volunteer's
    # time given. The caller is kept on the call, not read from the schedule, because a
    # HANDOVER moves the schedule to someone else and their calls must not move with it.
    caller_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), index=True)
    minutes_given: Mapped[int | None] = mapped_column(Integer)

    schedule: Mapped[CallSchedule] = relationship()
