"""The time volunteers give: minutes logged with DONE, counts for STATS, MY HOURS and the
dashboard, and a thank-you once a month.

A task counts when it is done by the volunteer it was assigned to; its time is what they
said with DONE ("DONE R-7Q4K 45 min"), kept on the request (`minutes_given`). Months are
the hub's own (its time zone), so a task done at 11pm on the 31st counts in that month.

A befriender's check-in calls count too, each call on its own: a call logged done ("DONE
30 min, she was in good spirits") is help given by the volunteer who logged it (the call's
`caller_id`, so a HANDOVER does not move it), in the month it was logged, with the minutes
they said (or the masked call's length). Calls are counted beside tasks, never as tasks: "2
tasks and 4 calls", and the resident they ring is one of the neighbours they helped. A call
without a time still counts as a call; NO ANSWER, missed and rescheduled calls do not count.
The befriending request itself still counts as one task when the calls end, as before.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import and_, case, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.dialogue.catalogue import counted, text
from bot.dialogue.given_time import describe_minutes
from bot.dialogue.types import GivenTime
from bot.services.shared import audit
from bot.services.sending.notify import Notifier
from models import (
    CallOutcome,
    CallSchedule,
    CheckInCall,
    HelpRequest,
    Person,
    RequestStatus,
    VettingStatus,
    VolunteerProfile,
    VolunteerThanks,
)

# The thank-you goes from this hour (local) on the first days of a month, never at night.
THANKS_FROM_HOUR = 10


def month_start(day: date) -> date:
    return day.replace(day=1)


def previous_month(day: date) -> date:
    return month_start(month_start(day) - timedelta(days=1))


def utc_bounds(first: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """The month starting on `first`, as instants: its first midnight to the next month's."""
    following = month_start(first + timedelta(days=32))
    return (datetime.combine(first, time(), zone), datetime.combine(following, time(), zone))


def done_by(volunteer_id: int | None = None):
    """Tasks done, with the volunteer who did them (one volunteer's, given an id)."""
    conditions = [HelpRequest.status == RequestStatus.DONE,
                  HelpRequest.assigned_volunteer_id.is_not(None),
                  HelpRequest.done_at.is_not(None)]
    if volunteer_id is not None:
        conditions.append(HelpRequest.assigned_volunteer_id == volunteer_id)
    return conditions


def calls_done_by(volunteer_id: int | None = None):
    """Check-in calls logged done, with the volunteer who rang (one volunteer's, given an id)."""
    conditions = [CheckInCall.outcome == CallOutcome.DONE, CheckInCall.caller_id.is_not(None),
                  CheckInCall.outcome_at.is_not(None)]
    if volunteer_id is not None:
        conditions.append(CheckInCall.caller_id == volunteer_id)
    return conditions


def given_by(session: Session, volunteer_id: int, now: datetime, zone: ZoneInfo) -> GivenTime:
    """One volunteer's tasks, calls and minutes: this month, and since they joined. Read on
    every message a volunteer sends, so one query for tasks and one for calls, each counting
    the month and all time together."""
    start, end = utc_bounds(month_start(now.astimezone(zone).date()), zone)
    all_tasks, all_minutes, month_tasks, month_minutes = session.execute(
        counted_with_month(HelpRequest.minutes_given, HelpRequest.done_at, start, end)
        .where(*done_by(volunteer_id))).one()
    all_calls, all_call_minutes, month_calls, month_call_minutes = session.execute(
        counted_with_month(CheckInCall.minutes_given, CheckInCall.outcome_at, start, end)
        .where(*calls_done_by(volunteer_id))).one()
    return GivenTime(month_tasks, month_minutes + month_call_minutes, all_tasks,
                     all_minutes + all_call_minutes, month_calls, all_calls)


def counted_with_month(minutes_given, done_at, start: datetime, end: datetime):
    """Rows and their minutes, in all and between `start` and `end`: four numbers, 0 for none."""
    in_month = and_(done_at >= start, done_at < end)
    return select(func.count(),
                  func.coalesce(func.sum(minutes_given), 0),
                  func.coalesce(func.sum(case((in_month, 1), else_=0)), 0),
                  func.coalesce(func.sum(case((in_month, minutes_given), else_=0)), 0))


@dataclass(frozen=True)
class VolunteerMonth:
    """A volunteer's month: whom they helped, how many tasks and calls, and the time they
    gave (tasks' and calls' minutes together)."""

    volunteer_id: int
    first_name: str
    neighbours: int
    tasks: int
    minutes: int
    calls: int = 0


def month_by_volunteer(session: Session, first: date, zone: ZoneInfo) -> list[VolunteerMonth]:
    """Each volunteer who did something in the month starting `first` (a task done or a call
    logged done), most help first: tasks and calls together, then time."""
    start, end = utc_bounds(first, zone)
    # One row per volunteer and neighbour, so a resident both rung and helped with a task
    # is one neighbour, not two.
    task_rows = session.execute(
        select(HelpRequest.assigned_volunteer_id, HelpRequest.resident_id,
               func.count(HelpRequest.id), func.coalesce(func.sum(HelpRequest.minutes_given), 0))
        .where(*done_by(), HelpRequest.done_at >= start, HelpRequest.done_at < end)
        .group_by(HelpRequest.assigned_volunteer_id, HelpRequest.resident_id)).all()
    call_rows = session.execute(
        select(CheckInCall.caller_id, CallSchedule.resident_id, func.count(CheckInCall.id),
               func.coalesce(func.sum(CheckInCall.minutes_given), 0))
        .join(CallSchedule, CallSchedule.id == CheckInCall.schedule_id)
        .where(*calls_done_by(), CheckInCall.outcome_at >= start, CheckInCall.outcome_at < end)
        .group_by(CheckInCall.caller_id, CallSchedule.resident_id)).all()
    helped: dict[int, tuple[set[int], list[int]]] = {}  # residents; tasks, calls, minutes
    for rows, counts_at in ((task_rows, 0), (call_rows, 1)):
        for volunteer_id, resident_id, count, minutes in rows:
            residents, counts = helped.setdefault(volunteer_id, (set(), [0, 0, 0]))
            residents.add(resident_id)
            counts[counts_at] += count
            counts[2] += minutes
    names = dict(session.execute(select(Person.id, Person.first_name)
                                 .where(Person.id.in_(list(helped)))).all()) if helped else {}
    found = [VolunteerMonth(volunteer_id, names.get(volunteer_id) or "", len(residents), tasks,
                            minutes, calls)
             for volunteer_id, (residents, (tasks, calls, minutes)) in helped.items()
             if volunteer_id in names]
    return sorted(found, key=lambda v: (-(v.tasks + v.calls), -v.minutes, v.first_name))


def note_minutes(session: Session, volunteer: Person, reference: str, minutes: int | None,
                 now: datetime, channel: str) -> str:
    """Keep the time a task took on the task the volunteer just marked done; the words to
    add to the thanks ("45 minutes noted."), or "" when none was said or the task isn't
    theirs and done."""
    if not minutes:
        return ""
    request = session.scalar(select(HelpRequest).where(
        HelpRequest.reference == reference, HelpRequest.assigned_volunteer_id == volunteer.id,
        HelpRequest.status == RequestStatus.DONE))
    if request is None:
        return ""
    request.minutes_given = minutes
    audit.record(session, "request.time_given", now, actor_id=volunteer.id, channel=channel,
                 subject=reference, minutes=minutes)
    return text(volunteer.language, "given_noted",
                time=describe_minutes(volunteer.language, minutes))


def thank_volunteers(session: Session, notifier: Notifier, now: datetime, zone: ZoneInfo) -> int:
    """Once a month, from the morning of its first day: each volunteer who helped last month
    hears their own count. The row in `volunteer_thanks` is the claim, so a scheduler that
    runs twice, or two at once, thanks nobody twice. Returns how many were thanked."""
    local = now.astimezone(zone)
    if local.hour < THANKS_FROM_HOUR and local.day == 1:
        return 0
    first = previous_month(local.date())
    month = first.strftime("%Y-%m")
    already = set(session.scalars(select(VolunteerThanks.volunteer_id)
                                  .where(VolunteerThanks.month == month)))
    thanked = 0
    for helped in month_by_volunteer(session, first, zone):
        if helped.volunteer_id in already:
            continue
        volunteer = session.get(Person, helped.volunteer_id)
        profile = session.get(VolunteerProfile, helped.volunteer_id)
        if volunteer is None or volunteer.erased_at is not None or profile is None \
                or profile.left_at is not None \
                or profile.vetting_status == VettingStatus.SUSPENDED:
            continue  # gone, or suspended: a thank-you would be wrong now
        try:
            with session.begin_nested():  # another scheduler got there first: skip them
                session.add(VolunteerThanks(volunteer_id=helped.volunteer_id, month=month,
                                            tasks=helped.tasks, minutes=helped.minutes,
                                            sent_at=now))
                session.flush()
        except IntegrityError:
            continue
        language = volunteer.language
        neighbours = counted(language, "given.neighbours", helped.neighbours)
        if helped.minutes:
            notifier.send(session, volunteer, now, "monthly_thanks", name=helped.first_name,
                          neighbours=neighbours, hours=describe_minutes(language, helped.minutes))
        else:
            notifier.send(session, volunteer, now, "monthly_thanks_no_time",
                          name=helped.first_name, neighbours=neighbours)
        audit.record(session, "volunteer.thanked", now, subject=f"person:{volunteer.id}",
                     month=month, tasks=helped.tasks, minutes=helped.minutes)
        thanked += 1
    return thanked


class MonthlyThanks:
    """The scheduler's part: `thank_volunteers` with the hub's notifier and time zone (built
    only when the setting leaves the thank-yous on)."""

    def __init__(self, notifier: Notifier, timezone: str = "UTC") -> None:
        self.notifier = notifier
        self.zone = ZoneInfo(timezone)

    def due_work(self, session: Session, now: datetime) -> int:
        return thank_volunteers(session, self.notifier, now, self.zone)
