"""Recurring check-in calls: planned, reminded, logged, and escalated when they stop.

A befriending match becomes a `CallSchedule` once the volunteer says when they
will ring. The scheduler (`due_work`) creates each `CheckInCall` shortly
before it is due and reminds the volunteer; when the call's window closes
without an outcome the call counts as missed and the volunteer is asked how
it went. NO ANSWER brings a retry later the same day. Calls that keep not
happening reach the coordinators with the history and both people's numbers:
for weekly or fortnightly calls after `missed_before_alert` call days in a
row, for a daily welfare check the same day. The database is the source of
truth, so nothing is lost when the server restarts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from bot.dialogue.given_time import describe_minutes
from bot.dialogue.wording import describe_clock, describe_date
from bot.dialogue.types import CallTime, Choice, Reply
from bot.services.shared import audit
from bot.services.shared.bulk import among, insert_rows, update_rows
from bot.services.shared.describe import (
    aware, coordinators, helped_by, name_of, number_to_ring, phone_of,
)
from bot.services.sending.notify import Notifier
from bot.services.sending.outbox import Lane, outbox_values, queue_message
from models import (
    CallOutcome,
    CallSchedule,
    CheckInCall,
    ContactIdentity,
    Frequency,
    HelpRequest,
    IdentityKind,
    OutboundMessage,
    OutboundStatus,
    Person,
    RequestStatus,
    ScheduleStatus,
    VettingStatus,
)

VOICE = "voice"
VOICE_BODY_PREFIX = "masked call for check-in "
NOT_HAPPENED = (CallOutcome.MISSED, CallOutcome.NO_ANSWER, CallOutcome.NOT_CALLED)
REVIEW_AFTER = timedelta(weeks=6)
LATEST_RETRY_HOUR = 20  # no retry call is asked for after 8pm


@dataclass(frozen=True)
class CallPolicy:
    timezone: str = "Europe/London"
    reminder_lead: timedelta = timedelta(hours=1)
    window: timedelta = timedelta(hours=2)
    retry_after: timedelta = timedelta(hours=2)
    attempts_per_day: int = 3  # the first call and two tries after NO ANSWER
    missed_before_alert: int = 2  # call days in a row, for weekly and fortnightly calls


class CheckInService:
    def __init__(self, notifier: Notifier, policy: CallPolicy = CallPolicy()) -> None:
        self.notifier = notifier
        self.policy = policy
        self.zone = ZoneInfo(policy.timezone)

    # Agreeing the rhythm.

    def plan(self, session: Session, volunteer: Person, reference: str | None, call: CallTime,
             now: datetime) -> list[Reply]:
        say = self.notifier.speaker(volunteer)
        if is_suspended(volunteer):
            return [Reply(say("volunteer_suspended", name=volunteer.first_name or ""))]
        if reference is None:
            current = self.schedule_of(session, volunteer)
            if current is None or current.volunteer_id != volunteer.id:
                return [Reply(say("calls_none"))]
            reference = current.request.reference
        request = session.scalar(select(HelpRequest).where(
            HelpRequest.reference == reference, HelpRequest.assigned_volunteer_id == volunteer.id,
            HelpRequest.status == RequestStatus.ASSIGNED))
        if request is None:
            return [Reply(say("task_unknown", reference=reference))]
        schedule = session.scalar(select(CallSchedule).where(
            CallSchedule.request_id == request.id))
        if schedule is None:
            schedule = CallSchedule(request_id=request.id, volunteer_id=volunteer.id,
                                    resident_id=request.resident_id, created_at=now,
                                    review_at=now + REVIEW_AFTER)
            session.add(schedule)
        schedule.frequency, schedule.weekday, schedule.start_minute = (
            call.frequency, call.weekday, call.start_minute)
        schedule.window_minutes = int(self.policy.window.total_seconds() // 60)
        schedule.status, schedule.paused_until, schedule.ended_at = ScheduleStatus.ACTIVE, None, None
        schedule.next_call_at = self.next_call_after(schedule, now)
        session.flush()
        audit.record(session, "calls.planned", now, actor_id=volunteer.id, subject=reference,
                     frequency=call.frequency, weekday=call.weekday, start=call.start_minute)
        resident = session.get(Person, request.resident_id)
        # The writer hears whom the calls are for by name; "Dave's nan" is no way to tell Dave.
        told = "calls_planned_resident"
        if request.helped_relation:
            told = "calls_planned_resident_for_someone" if request.helped_name \
                else "calls_planned_resident_for_them"
        self.notifier.send(session, resident, now, told,
                           name=resident.first_name or "", volunteer=volunteer.first_name or "",
                           when=self.describe(resident, schedule), helped=request.helped_name)
        rung, phone = callee(session, schedule, say)
        if self.voice_on:
            return [Reply(say("calls_planned_voice", name=rung,
                              when=self.describe(volunteer, schedule), lead=self.lead(say)))]
        return [Reply(say("calls_planned", name=rung,
                          when=self.describe(volunteer, schedule), lead=self.lead(say),
                          phone=phone))]

    def lead(self, say) -> str:
        """How long before each call the reminder comes, in words: "an hour", "30 minutes"."""
        minutes = int(self.policy.reminder_lead.total_seconds() // 60)
        if minutes == 60:
            return say("lead.hour")
        if minutes % 60 == 0:
            return say("lead.hours", count=minutes // 60)
        return say("lead.minutes", count=minutes)

    def describe(self, person: Person, schedule: CallSchedule) -> str:
        """"every Tuesday between 2pm and 4pm", in the person's language."""
        say = self.notifier.speaker(person)
        start = time(schedule.start_minute // 60, schedule.start_minute % 60)
        end_minute = (schedule.start_minute + schedule.window_minutes) % (24 * 60)
        end = time(end_minute // 60, end_minute % 60)
        day = say(f"day.{schedule.weekday}") if schedule.weekday is not None else ""
        return say(f"calls.{schedule.frequency}", day=day, start=clock(start, person.language),
                   end=clock(end, person.language))

    def next_call_after(self, schedule: CallSchedule, moment: datetime,
                        previous: datetime | None = None) -> datetime:
        """The first call time after `moment` (for fortnightly, two weeks after `previous`)."""
        local = moment.astimezone(self.zone)
        day = local.date()
        for offset in range(0, 15):
            candidate_day = day + timedelta(days=offset)
            if schedule.weekday is not None and candidate_day.weekday() != schedule.weekday:
                continue
            candidate = self.at_local(candidate_day, schedule.start_minute)
            if candidate > moment:
                if (schedule.frequency == Frequency.FORTNIGHTLY and previous is not None
                        and candidate - previous < timedelta(days=13)):
                    continue
                return candidate
        raise AssertionError("a weekday always comes round within a fortnight")

    def at_local(self, day: date, minute: int) -> datetime:
        local = datetime.combine(day, time(minute // 60, minute % 60), tzinfo=self.zone)
        return local.astimezone(timezone.utc)

    # What falls due with time.

    def due_work(self, session: Session, now: datetime) -> int:
        done = self.remind_upcoming(session, now)
        done += self.close_windows(session, now)
        done += self.ask_to_carry_on(session, now)
        return done

    def remind_upcoming(self, session: Session, now: datetime) -> int:
        """Create the calls coming due and remind their volunteers.

        The hot path of every tick, so it works on plain rows: one locking query for the
        due schedules (by the next_call_at index), one for the people involved, then one
        batched UPDATE and two INSERTs for the whole batch."""
        table = CallSchedule.__table__
        schedules = [DueSchedule(**row._mapping) for row in session.execute(
            select(*(table.c[name] for name in DueSchedule.__dataclass_fields__)).where(
                table.c.status.in_([ScheduleStatus.ACTIVE, ScheduleStatus.PAUSED]),
                table.c.next_call_at <= now + self.policy.reminder_lead)
            .order_by(table.c.next_call_at).with_for_update(skip_locked=True))]
        if not schedules:
            return 0
        people = recipients(session, {s.volunteer_id for s in schedules}
                            | {s.resident_id for s in schedules})
        # Whom each call is for, and the number given for them (someone written for).
        asked = {row.id: row for row in session.execute(
            select(HelpRequest.id, HelpRequest.helped_name, HelpRequest.helped_relation,
                   HelpRequest.phone_to_ring)
            .where(HelpRequest.id.in_({s.request_id for s in schedules})))}
        count, calls, reminders, missed = 0, [], [], {}
        for schedule in schedules:
            # After downtime a schedule may be several calls behind: windows that have
            # already closed count as missed, without a stale reminder for each.
            while aware(schedule.next_call_at, now) <= now + self.policy.reminder_lead:
                due = aware(schedule.next_call_at, now)
                schedule.next_call_at = self.next_call_after(schedule, due, previous=due)
                if not self.takes_place(schedule, due):
                    continue  # on holiday: this call is skipped, not missed
                window_ends = due + timedelta(minutes=schedule.window_minutes)
                call = dict(schedule_id=schedule.id, due_at=due, window_ends_at=window_ends,
                            attempt=1, reminded_at=now, asked_at=None, outcome=None,
                            outcome_at=None)
                if window_ends <= now:
                    call.update(reminded_at=None, asked_at=now, outcome=CallOutcome.MISSED,
                                outcome_at=now)
                    missed[schedule.id] = call
                else:
                    reminders.append(self.reminder(people[schedule.volunteer_id],
                                                   people[schedule.resident_id], due,
                                                   window_ends, now,
                                                   asked.get(schedule.request_id)))
                calls.append(call)
                count += 1
        # One statement per table for the whole batch, with no ORM bookkeeping.
        connection = session.connection()
        update_rows(connection, table, [
            {"id": s.id, "next_call_at": s.next_call_at, "status": str(s.status),
             "paused_until": s.paused_until} for s in schedules])
        insert_rows(connection, CheckInCall.__table__, calls)
        insert_rows(connection, OutboundMessage.__table__, reminders)
        for schedule_id in missed:  # rare: only after downtime
            schedule = session.get(CallSchedule, schedule_id)
            latest = session.scalar(select(CheckInCall).where(
                CheckInCall.schedule_id == schedule_id).order_by(CheckInCall.due_at.desc())
                .limit(1))
            self.escalate_if_needed(session, schedule, latest, now)
        return count

    def takes_place(self, schedule: CallSchedule, due: datetime) -> bool:
        """False while the calls are paused for a holiday; they resume after its date."""
        if schedule.status != ScheduleStatus.PAUSED:
            return True
        if schedule.paused_until and due.astimezone(self.zone).date() > schedule.paused_until:
            schedule.status, schedule.paused_until = ScheduleStatus.ACTIVE, None
            return True
        return False

    def add_call(self, session: Session, schedule: CallSchedule, due: datetime,
                 window_ends: datetime, now: datetime, attempt: int) -> CheckInCall:
        call = CheckInCall(schedule_id=schedule.id, due_at=due, window_ends_at=window_ends,
                           attempt=attempt, reminded_at=now)
        session.add(call)
        session.add(OutboundMessage(**self.reminder(schedule.volunteer, schedule.resident, due,
                                                    window_ends, now, schedule.request)))
        return call

    def reminder(self, volunteer, resident, due: datetime, window_ends: datetime,
                 now: datetime, request=None) -> dict:
        """The outbox row reminding the volunteer of one call (people as ORM rows or
        `Recipient`s: both have id, first_name, language and identities; the request, as a
        row or its columns, says whom the call is for when the resident wrote for someone)."""
        say = self.notifier.speaker(volunteer)
        times = dict(name=helped_by(request, resident, say) if request is not None
                     else resident.first_name or "",
                     start=clock(due.astimezone(self.zone).time(), volunteer.language),
                     end=clock(window_ends.astimezone(self.zone).time(), volunteer.language))
        if self.voice_on:  # masked: the volunteer never sees the number
            body, choices = say("call_reminder_voice", **times), (
                Choice("CALL", say("choice.call")),)
        else:
            phone = (request.phone_to_ring if request is not None else None) \
                or phone_among(resident.identities)
            body, choices = say("call_reminder", phone=phone, **times), ()
        return outbox_values(volunteer, body, now, self.notifier.enabled_channels, choices,
                             Lane.REMINDERS)

    def close_windows(self, session: Session, now: datetime) -> int:
        """Calls whose window ended with nothing logged: missed, and the volunteer asked."""
        calls = session.scalars(
            select(CheckInCall).where(CheckInCall.outcome.is_(None),
                                      CheckInCall.window_ends_at <= now)
            .order_by(CheckInCall.window_ends_at).with_for_update(skip_locked=True)).all()
        for call in calls:
            call.outcome, call.outcome_at, call.asked_at = CallOutcome.MISSED, now, now
            schedule = call.schedule
            self.notifier.send(session, schedule.volunteer, now, "call_how_did_it_go",
                               name=helped_by(schedule.request, schedule.resident,
                                                self.notifier.speaker(schedule.volunteer)))
            self.escalate_if_needed(session, schedule, call, now)
        return len(calls)

    def ask_to_carry_on(self, session: Session, now: datetime) -> int:
        schedules = session.scalars(select(CallSchedule).where(
            CallSchedule.status == ScheduleStatus.ACTIVE, CallSchedule.review_at <= now)).all()
        for schedule in schedules:
            schedule.review_at = None
            for person, other in ((schedule.volunteer, schedule.resident),
                                  (schedule.resident, schedule.volunteer)):
                self.notifier.send(session, person, now, "calls_review",
                                   name=person.first_name or "", other=other.first_name or "")
        return len(schedules)

    # Outcomes.

    def pending_call(self, session: Session, volunteer_id: int, now: datetime
                     ) -> CheckInCall | None:
        """The call a volunteer's DONE / NO ANSWER is about: the latest that has come due
        and is not yet logged (or was marked missed in the last two days)."""
        return session.scalar(
            select(CheckInCall).join(CallSchedule, CallSchedule.id == CheckInCall.schedule_id)
            .where(CallSchedule.volunteer_id == volunteer_id,
                   CheckInCall.due_at <= now + self.policy.reminder_lead,
                   CheckInCall.due_at >= now - timedelta(days=2),
                   (CheckInCall.outcome.is_(None)) | (CheckInCall.outcome == CallOutcome.MISSED))
            .order_by(CheckInCall.due_at.desc()).limit(1))

    def log(self, session: Session, volunteer: Person, outcome: str, note: str,
            retry_at: datetime | None, channel: str, now: datetime,
            call: CheckInCall | None = None, minutes: int | None = None) -> list[Reply]:
        """Keep how a call went. A call done is time the volunteer gave: it is theirs
        (`caller_id`) with the minutes they said, counted in MY HOURS and STATS beside tasks
        (bot/services/help_requests/volunteer_time.py)."""
        say = self.notifier.speaker(volunteer)
        call = call or self.pending_call(session, volunteer.id, now)
        if call is None and outcome == CallOutcome.DONE:
            logged = self.logged_today(session, volunteer, now)
            if logged is not None:
                # A second DONE (or the same text twice) is not a second call; it may bring
                # the time the first one left out ("DONE" then "DONE 30 min").
                already = say("call_already_logged",
                              name=helped_by(logged.schedule.request, logged.schedule.resident,
                                               say))
                if minutes and logged.minutes_given is None:
                    logged.minutes_given = minutes
                    audit.record(session, "call.time_given", now, actor_id=volunteer.id,
                                 channel=channel, subject=logged.schedule.request.reference,
                                 minutes=minutes)
                    already += " " + self.time_noted(volunteer, minutes)
                return [Reply(already)]
            call = self.call_rung_early(session, volunteer, now)
        if call is None:
            return [Reply(say("call_none_pending"))]
        schedule = call.schedule
        resident_name = helped_by(schedule.request, schedule.resident, say)
        call.outcome, call.outcome_at, call.note = outcome, now, note or None
        if outcome == CallOutcome.DONE:
            call.caller_id, call.minutes_given = volunteer.id, minutes or None
            time_given = {"minutes": minutes} if minutes else {}
            audit.record(session, "call.done", now, actor_id=volunteer.id, channel=channel,
                         subject=schedule.request.reference, **time_given)
            logged = say("call_logged", name=resident_name)
            return [Reply(f"{logged} {self.time_noted(volunteer, minutes)}" if minutes
                          else logged)]
        audit.record(session, f"call.{outcome}", now, actor_id=volunteer.id, channel=channel,
                     subject=schedule.request.reference)
        if outcome == CallOutcome.RESCHEDULED:
            if retry_at is None:
                return [Reply(say("call_reschedule_when"))]
            local = retry_at.astimezone(self.zone)
            self.add_call(session, schedule, retry_at, retry_at + self.policy.window, now,
                          attempt=call.attempt)
            return [Reply(say("call_rescheduled", name=resident_name,
                              when=f"{describe_date(local.date(), volunteer.language)} "
                                   f"{clock(local.time(), volunteer.language)}"))]
        # NO ANSWER: try again later today while tries are left and it is not too late.
        retry = now + self.policy.retry_after
        if (call.attempt < self.policy.attempts_per_day
                and retry.astimezone(self.zone).hour < LATEST_RETRY_HOUR
                and retry.astimezone(self.zone).date() == now.astimezone(self.zone).date()):
            self.add_call(session, schedule, retry, retry + timedelta(hours=1), now,
                          attempt=call.attempt + 1)
            return [Reply(say("call_try_again", name=resident_name,
                              time=clock(retry.astimezone(self.zone).time(),
                                         volunteer.language)))]
        alerted = self.escalate_if_needed(session, schedule, call, now)
        return [Reply(say("call_no_answer_alerted" if alerted else "call_no_answer_noted",
                          name=resident_name))]

    def time_noted(self, volunteer: Person, minutes: int) -> str:
        """"30 minutes noted: thank you for your time." — as said after DONE for a task."""
        return self.notifier.speaker(volunteer)(
            "given_noted", time=describe_minutes(volunteer.language, minutes))

    def call_rung_early(self, session: Session, volunteer: Person, now: datetime,
                        reference: str | None = None) -> CheckInCall | None:
        """A call the volunteer made before it was due ("I rang her early today"): today's
        call when one is still to come today (so no reminder or missed call follows),
        else a call of its own at this moment. None when they have no calls to log."""
        schedule = self.caller_schedule(session, volunteer, reference)
        if schedule is None:
            return None
        next_call = aware(schedule.next_call_at, now)
        if next_call.astimezone(self.zone).date() == now.astimezone(self.zone).date():
            due = next_call
            schedule.next_call_at = self.next_call_after(schedule, due, previous=due)
        else:
            due = now
        call = CheckInCall(schedule_id=schedule.id, due_at=due,
                           window_ends_at=due + timedelta(minutes=schedule.window_minutes),
                           attempt=1)
        session.add(call)
        session.flush()
        return call

    def logged_today(self, session: Session, volunteer: Person, now: datetime
                     ) -> CheckInCall | None:
        """A call this volunteer has already logged as done today, if any."""
        local = now.astimezone(self.zone)
        midnight = datetime.combine(local.date(), time(0), tzinfo=self.zone)
        return session.scalar(
            select(CheckInCall).join(CallSchedule, CallSchedule.id == CheckInCall.schedule_id)
            .where(CallSchedule.volunteer_id == volunteer.id,
                   CallSchedule.status != ScheduleStatus.ENDED,
                   CheckInCall.outcome == CallOutcome.DONE,
                   CheckInCall.outcome_at >= midnight.astimezone(timezone.utc)).limit(1))

    def caller_schedule(self, session: Session, volunteer: Person,
                        reference: str | None = None) -> CallSchedule | None:
        """The calls this volunteer makes (for one request, when named)."""
        schedule = self.schedule_of(session, volunteer, reference)
        return schedule if schedule is not None and schedule.volunteer_id == volunteer.id \
            else None

    def log_task_done(self, session: Session, volunteer: Person, reference: str, note: str,
                      channel: str, now: datetime) -> list[Reply] | None:
        """DONE R-7Q4K on regular calls: today's call is logged and the calls carry on
        (END CALLS ends them). None when the task has no calls running."""
        schedule = self.caller_schedule(session, volunteer, reference)
        if schedule is None:
            return None
        call = self.pending_call(session, volunteer.id, now)
        if call is None or call.schedule_id != schedule.id:
            call = self.call_rung_early(session, volunteer, now, reference)
        replies = self.log(session, volunteer, CallOutcome.DONE, note, None, channel, now,
                           call=call)
        say = self.notifier.speaker(volunteer)
        return replies + [Reply(say("calls_carry_on", when=self.describe(volunteer, schedule),
                                    reference=reference))]

    # Masked calls (Twilio Voice).

    @property
    def voice_on(self) -> bool:
        return VOICE in self.notifier.enabled_channels

    def start_masked_call(self, session: Session, volunteer: Person, now: datetime
                          ) -> list[Reply]:
        """CALL: ring the volunteer and bridge them to the resident, numbers hidden.
        Without Twilio Voice the volunteer is given the number to ring themselves."""
        say = self.notifier.speaker(volunteer)
        schedule = self.schedule_of(session, volunteer)
        if schedule is None or schedule.volunteer_id != volunteer.id:
            return [Reply(say("calls_none"))]
        rung, phone = callee(session, schedule, say)
        volunteer_phone = phone_of(session, volunteer.id)
        if not self.voice_on or not volunteer_phone.startswith("+"):
            return [Reply(say("calls_ring_directly", name=rung, phone=phone))]
        call = self.pending_call(session, volunteer.id, now)
        if call is None:
            call = CheckInCall(schedule_id=schedule.id, due_at=now,
                               window_ends_at=now + self.policy.window, attempt=1,
                               reminded_at=now)
            session.add(call)
            session.flush()
        # The outbox places the call after commit, like any message: retried, never twice.
        session.add(OutboundMessage(person_id=volunteer.id, channel=VOICE, address=volunteer_phone,
                                    body=f"{VOICE_BODY_PREFIX}{call.id}", choices=[],
                                    status=OutboundStatus.PENDING, next_attempt_at=now,
                                    created_at=now))
        audit.record(session, "call.masked_started", now, actor_id=volunteer.id,
                     subject=schedule.request.reference)
        return [Reply(say("calls_connecting", name=rung))]

    def resident_number_for_call(self, session: Session, call_id: int) -> tuple[str, str] | None:
        """(resident's number, their first name) for a masked call, if it can still be made."""
        call = session.get(CheckInCall, call_id)
        if call is None or call.schedule.status == ScheduleStatus.ENDED:
            return None
        rung, phone = callee(session, call.schedule, self.notifier.speaker(call.schedule.volunteer))
        return (phone, rung) if phone.startswith("+") else None

    def record_voice_result(self, session: Session, call_id: int, dial_status: str,
                            seconds: int, now: datetime) -> None:
        """Twilio's report of the bridged leg becomes the call's outcome, as if logged."""
        call = session.get(CheckInCall, call_id)
        if call is None or call.outcome not in (None, CallOutcome.MISSED):
            return  # unknown, or already logged by hand
        volunteer = call.schedule.volunteer
        if dial_status == "completed" and seconds > 0:
            # The bridged leg's length is the time given, measured rather than said.
            minutes = max(1, round(seconds / 60))
            note = f"masked call answered, {minutes} min"
            replies = self.log(session, volunteer, CallOutcome.DONE, note, None, VOICE, now,
                               call=call, minutes=minutes)
        else:
            replies = self.log(session, volunteer, CallOutcome.NO_ANSWER,
                               f"masked call: {dial_status or 'no answer'}", None, VOICE, now,
                               call=call)
        for reply in replies:
            queue_message(session, volunteer, reply.text, now, self.notifier.enabled_channels)

    def note_concern(self, session: Session, volunteer: Person, worry: str,
                     now: datetime) -> None:
        """A CONCERN raised while a call is due is that call's outcome."""
        call = self.pending_call(session, volunteer.id, now)
        if call is not None:
            call.outcome, call.outcome_at, call.note = CallOutcome.CONCERN, now, worry

    def resident_says_nobody_called(self, session: Session, resident: Person, channel: str,
                                    now: datetime) -> list[Reply]:
        say = self.notifier.speaker(resident)
        schedule = session.scalar(select(CallSchedule).where(
            CallSchedule.resident_id == resident.id, CallSchedule.status != ScheduleStatus.ENDED)
            .order_by(CallSchedule.id.desc()).limit(1))
        if schedule is None:
            return [Reply(say("no_call_no_schedule"))]
        call = session.scalar(select(CheckInCall).where(
            CheckInCall.schedule_id == schedule.id, CheckInCall.due_at <= now)
            .order_by(CheckInCall.due_at.desc()).limit(1))
        if call is None or call.outcome == CallOutcome.DONE and call.outcome_at and aware(
                call.outcome_at, now) < now - timedelta(days=1):
            call = CheckInCall(schedule_id=schedule.id, due_at=now, window_ends_at=now,
                               attempt=1)
            session.add(call)
        call.outcome, call.outcome_at = CallOutcome.NOT_CALLED, now
        call.note = "the resident said nobody called"
        audit.record(session, "call.not_called", now, actor_id=resident.id, channel=channel,
                     subject=schedule.request.reference)
        self.alert_coordinators(session, schedule, call, now, "not_called")
        return [Reply(say("no_call_sorry", volunteer=schedule.volunteer.first_name or ""))]

    # Escalation.

    def escalate_if_needed(self, session: Session, schedule: CallSchedule, call: CheckInCall,
                           now: datetime) -> bool:
        session.flush()
        calls = session.scalars(select(CheckInCall).where(CheckInCall.schedule_id == schedule.id)
                                .order_by(CheckInCall.due_at.desc()).limit(30)).all()
        by_day: dict[date, list[CheckInCall]] = {}
        for each in calls:
            by_day.setdefault(aware(each.due_at, now).astimezone(self.zone).date(), []).append(each)
        days = sorted(by_day, reverse=True)
        today = aware(call.due_at, now).astimezone(self.zone).date()

        def day_failed(day: date) -> bool:
            outcomes = [c.outcome for c in by_day[day]]
            return (bool(outcomes) and all(o in NOT_HAPPENED for o in outcomes)
                    and not any(o is None for o in outcomes))

        if schedule.frequency == Frequency.DAILY:
            # An unanswered phone can be a fall: alert the same day once the tries are used up.
            tries = by_day.get(today, [])
            due = (day_failed(today) and (len(tries) >= self.policy.attempts_per_day
                                          or call.outcome == CallOutcome.MISSED))
        else:
            recent = days[: self.policy.missed_before_alert]
            due = len(recent) == self.policy.missed_before_alert and all(map(day_failed, recent))
        if not due or any(c.escalated_at for c in by_day.get(today, [])):
            return False
        self.alert_coordinators(session, schedule, call, now, "missed")
        return True

    def alert_coordinators(self, session: Session, schedule: CallSchedule, call: CheckInCall,
                           now: datetime, why: str) -> None:
        call.escalated_at = now
        history = session.scalars(select(CheckInCall).where(
            CheckInCall.schedule_id == schedule.id).order_by(CheckInCall.due_at.desc()).limit(6))
        lines = "; ".join(
            f"{aware(c.due_at, now).astimezone(self.zone).strftime('%a %-d %b %H:%M')} "
            f"{(c.outcome or 'due').replace('_', ' ')}" for c in history)
        for coordinator in coordinators(session):
            self.notifier.send(
                session, coordinator, now, f"calls_alert_{why}",
                reference=schedule.request.reference,
                resident=name_of(schedule.resident), resident_phone=phone_of(session,
                                                                            schedule.resident_id),
                volunteer=name_of(schedule.volunteer),
                volunteer_phone=phone_of(session, schedule.volunteer_id), history=lines)
        audit.record(session, "calls.escalated", now, subject=schedule.request.reference,
                     reason=why)

    # Changes.

    def end(self, session: Session, person: Person, channel: str, now: datetime,
            reference: str | None = None) -> list[Reply]:
        say = self.notifier.speaker(person)
        schedule = self.schedule_of(session, person, reference)
        if schedule is None:
            return [Reply(say("calls_none"))]
        other = schedule.resident if person.id == schedule.volunteer_id else schedule.volunteer
        self._end(session, schedule, [other], person.first_name or "", person, channel, now)
        for coordinator in coordinators(session):
            self.notifier.send(session, coordinator, now, "calls_ended_alert",
                               reference=schedule.request.reference,
                               who=person.first_name or "", other=other.first_name or "")
        return [Reply(say("calls_ended", other=other.first_name or ""))]

    def end_by_coordinator(self, session: Session, coordinator: Person, reference: str,
                           channel: str, now: datetime) -> list[Reply]:
        say = self.notifier.speaker(coordinator)
        schedule = session.scalar(select(CallSchedule).join(
            HelpRequest, HelpRequest.id == CallSchedule.request_id).where(
            HelpRequest.reference == reference, CallSchedule.status != ScheduleStatus.ENDED))
        if schedule is None:
            return [Reply(say("admin_handover_no_calls", reference=reference))]
        self._end(session, schedule, [schedule.resident, schedule.volunteer],
                  say("a_coordinator"), coordinator, channel, now)
        return [Reply(say("calls_ended_by_you", reference=reference))]

    def _end(self, session: Session, schedule: CallSchedule, told: list[Person], ended_by: str,
             actor: Person, channel: str, now: datetime) -> None:
        schedule.status, schedule.ended_at = ScheduleStatus.ENDED, now
        request = schedule.request
        if request.status == RequestStatus.ASSIGNED:
            request.move_to(RequestStatus.DONE, now)
        for person in told:
            self.notifier.send(session, person, now, "calls_ended_other",
                               name=person.first_name or "", other=ended_by)
        audit.record(session, "calls.ended", now, actor_id=actor.id, channel=channel,
                     subject=request.reference)

    def pause(self, session: Session, person: Person, until: date | None, channel: str,
              now: datetime) -> list[Reply]:
        say = self.notifier.speaker(person)
        schedule = self.schedule_of(session, person)
        if schedule is None:
            return [Reply(say("calls_none"))]
        if until is None:
            return [Reply(say("calls_pause_until"))]
        schedule.status, schedule.paused_until = ScheduleStatus.PAUSED, until
        other = schedule.resident if person.id == schedule.volunteer_id else schedule.volunteer
        self.notifier.send(session, other, now, "calls_paused_other", name=other.first_name or "",
                           other=person.first_name or "",
                           until=describe_date(until, other.language))
        audit.record(session, "calls.paused", now, actor_id=person.id, channel=channel,
                     subject=schedule.request.reference, until=until.isoformat())
        return [Reply(say("calls_paused", until=describe_date(until, person.language)))]

    def schedule_of(self, session: Session, person: Person,
                    reference: str | None = None) -> CallSchedule | None:
        """The person's current calls (for one request, when named). A suspended volunteer
        has none as the caller: no number to ring, nothing to plan, pause or end (a
        coordinator hands them over)."""
        whose = CallSchedule.resident_id == person.id
        if not is_suspended(person):  # and not calls on hold for a new caller
            whose = whose | ((CallSchedule.volunteer_id == person.id)
                             & ~held_for_new_caller())
        query = select(CallSchedule).where(whose, CallSchedule.status != ScheduleStatus.ENDED)
        if reference is not None:
            query = query.join(HelpRequest, HelpRequest.id == CallSchedule.request_id).where(
                HelpRequest.reference == reference)
        return session.scalar(query.order_by(CallSchedule.id.desc()).limit(1))


@dataclass
class DueSchedule:
    """The columns of a call schedule a tick works on, as a plain, changeable copy."""

    id: int
    request_id: int
    volunteer_id: int
    resident_id: int
    frequency: str
    weekday: int | None
    start_minute: int
    window_minutes: int
    status: str
    paused_until: date | None
    next_call_at: datetime


@dataclass(frozen=True)
class IdentityRow:
    id: int
    kind: str
    address: str
    opted_out_at: datetime | None


@dataclass(frozen=True)
class Recipient:
    """What reminding someone needs of them: enough for the outbox to pick a channel."""

    id: int
    first_name: str | None
    language: str
    identities: tuple[IdentityRow, ...]


def recipients(session: Session, person_ids: set[int]) -> dict[int, Recipient]:
    rows = session.execute(
        select(Person.id, Person.first_name, Person.language, ContactIdentity.id,
               ContactIdentity.kind, ContactIdentity.address, ContactIdentity.opted_out_at)
        .outerjoin(ContactIdentity, ContactIdentity.person_id == Person.id)
        .where(among(Person.id, person_ids, session.get_bind().dialect.name)))
    people: dict[int, tuple] = {}
    identities: dict[int, list[IdentityRow]] = {}
    for person_id, first_name, language, identity_id, kind, address, opted_out in rows:
        people[person_id] = (first_name, language)
        if identity_id is not None:
            identities.setdefault(person_id, []).append(
                IdentityRow(identity_id, kind, address, opted_out))
    return {person_id: Recipient(person_id, first_name, language or "en",
                                 tuple(identities.get(person_id, ())))
            for person_id, (first_name, language) in people.items()}


def is_suspended(person: Person) -> bool:
    profile = person.volunteer_profile
    return profile is not None and profile.vetting_status == VettingStatus.SUSPENDED


def callee(session: Session, schedule: CallSchedule, say) -> tuple[str, str]:
    """Whom the volunteer rings for these calls (the resident, or whom they wrote for), and
    on which number."""
    return (helped_by(schedule.request, schedule.resident, say),
            number_to_ring(session, schedule.request) or NO_PHONE)


NO_PHONE = "Telegram only"


def phone_among(identities) -> str:
    """The phone number among a person's already-loaded identities."""
    phones = [i.address for i in identities if i.kind == IdentityKind.PHONE]
    return phones[0] if phones else NO_PHONE


def clock(moment: time, language: str = "en") -> str:
    """2pm, 10:30am (14:00 in a language that counts 24 hours)."""
    return describe_clock(moment.hour * 60 + moment.minute, language)


def hold_calls(session: Session, schedule: CallSchedule, volunteer: Person, notifier: Notifier,
               now: datetime) -> Person:
    """Paused with no end date: no reminders and nothing counted missed until HANDOVER. The
    resident is told a new caller is coming; returned for whoever says more."""
    schedule.status, schedule.paused_until = ScheduleStatus.PAUSED, None
    resident = session.get(Person, schedule.resident_id)
    notifier.send(session, resident, now, "calls_on_hold", name=resident.first_name or "",
                  volunteer=volunteer.first_name or "")
    return resident


def held_for_new_caller():
    """SQL: the schedule is on hold for a new caller (NULL, not false, for a request
    outer-joined without one: test for that first)."""
    return and_(CallSchedule.status == ScheduleStatus.PAUSED,
                CallSchedule.paused_until.is_(None))


def resume_if_held(schedule: CallSchedule) -> None:
    """A schedule held for a new caller starts again (a holiday pause keeps its date)."""
    if schedule.status == ScheduleStatus.PAUSED and schedule.paused_until is None:
        schedule.status = ScheduleStatus.ACTIVE
