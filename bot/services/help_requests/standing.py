"""Standing requests: "shopping every Friday", one task made each time, ahead of time.

A resident's request whose time repeats (the reader's `When.every_days`) starts one
(`start`). The scheduler (`make_due_tasks`) makes each next task `lead` days before it is
needed, as an ordinary request, and offers it first to the volunteer who did the last one:
the same face at the door matters to someone living alone. If they say no or don't answer,
the offer's round ends and the normal matching goes on (offers.py), leaving them out.

The resident may leave a time out ("no shopping this week") or end it; a coordinator may
also pause, resume or end it (WEEKLY R-7Q4K PAUSE, bot/services/coordinating/case_actions.py, and
the dashboard's request page). Befriending's regular calls are a different thing
(bot/services/calls/checkins.py) and never come here.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.dialogue import standing as standing_words
from bot.dialogue.catalogue import SUPPORTED_LANGUAGES
from bot.dialogue.catalogue import text as catalogue_text
from bot.dialogue.types import Reply, StandingSummary
from bot.dialogue.wording import describe_date
from bot.services.shared import audit
from bot.services.help_requests.cancelling import BY_RESIDENT, cancel_request
from bot.services.sending.notify import Notifier
from bot.services.help_requests.offers import OfferService, RankedVolunteer
from bot.services.shared.references import unused_reference
from models import (
    OPEN_STATUSES,
    HelpRequest,
    Person,
    RequestStatus,
    StandingRequest,
    StandingStatus,
    VettingStatus,
)

# What a week's task copies from the one before: where, what, how it is paid, who referred
# it and the consent given, so nobody is asked it all again every week.
COPIED = ("category", "details", "postcode", "latitude", "longitude", "address_line",
          "resident_age_band", "consent_given", "consent_wording", "consent_at", "channel",
          "source", "referrer_name", "referrer_contact", "consent_recorded_by_id",
          "phone_to_ring", "payment_method")


def start(session: Session, request: HelpRequest, every_days: int, now: datetime) -> None:
    """The request just made is the first of a standing one; the next is `every_days` on."""
    first = request.needed_on or now.date()
    standing = StandingRequest(resident_id=request.resident_id, category=request.category,
                               every_days=every_days, weekday=first.weekday(),
                               next_on=first + timedelta(days=every_days),
                               status=StandingStatus.ACTIVE, created_at=now)
    session.add(standing)
    session.flush()
    request.standing_request_id = standing.id
    audit.record(session, "standing.started", now, actor_id=request.resident_id,
                 subject=request.reference, every_days=every_days, weekday=first.weekday())


def series(session: Session, standing: StandingRequest) -> list[HelpRequest]:
    """Its tasks, the latest needed first."""
    return list(session.scalars(
        select(HelpRequest).where(HelpRequest.standing_request_id == standing.id)
        .order_by(HelpRequest.needed_on.desc(), HelpRequest.id.desc())))


def open_tasks(session: Session, standing: StandingRequest) -> list[HelpRequest]:
    return [task for task in series(session, standing) if task.status in OPEN_STATUSES]


def next_day(session: Session, standing: StandingRequest, today: date) -> date | None:
    """The next day help comes: a task already made, or the next to make (not one left out)."""
    days = [task.needed_on for task in open_tasks(session, standing)
            if task.needed_on and task.needed_on >= today]
    if standing.status == StandingStatus.ACTIVE:
        upcoming = standing.next_on
        if upcoming == standing.skip_on:
            upcoming += timedelta(days=standing.every_days)
        days.append(upcoming)
    return min(days, default=None)


def summaries(session: Session, resident_id: int, today: date) -> tuple[StandingSummary, ...]:
    """A resident's standing requests not ended, for the dialogue (STATUS, their words)."""
    found = session.scalars(select(StandingRequest).where(
        StandingRequest.resident_id == resident_id,
        StandingRequest.status != StandingStatus.ENDED).order_by(StandingRequest.id))
    return tuple(StandingSummary(s.id, s.category, s.every_days, s.weekday, s.status,
                                 next_day(session, s, today)) for s in found)


def last_volunteer(session: Session, standing: StandingRequest) -> Person | None:
    """Who did it last time, if they can still be offered it: approved, not resting, not
    gone."""
    for task in series(session, standing):
        if task.assigned_volunteer_id is None or task.status not in (RequestStatus.DONE,
                                                                    RequestStatus.ASSIGNED):
            continue
        volunteer = session.get(Person, task.assigned_volunteer_id)
        profile = volunteer.volunteer_profile if volunteer is not None else None
        if profile is None or volunteer.erased_at is not None or profile.left_at is not None \
                or profile.paused or profile.vetting_status != VettingStatus.APPROVED:
            return None
        return volunteer
    return None


def occurrence_on_or_after(standing: StandingRequest, day: date) -> date:
    """The first of its days, still to make, on or after `day`."""
    if day <= standing.next_on:
        return standing.next_on
    steps = -(-(day - standing.next_on).days // standing.every_days)
    return standing.next_on + timedelta(days=steps * standing.every_days)


class StandingService:
    def __init__(self, offers: OfferService, notifier: Notifier, lead: timedelta,
                 timezone: str = "UTC") -> None:
        self.offers = offers
        self.notifier = notifier
        # How far ahead each time's task is made (and so offered).
        self.lead = lead
        self.zone = ZoneInfo(timezone)

    def today(self, now: datetime) -> date:
        return now.astimezone(self.zone).date()

    # The scheduler's part.

    def make_due_tasks(self, session: Session, now: datetime) -> int:
        """Make each standing request's next task once it is `lead` days away; returns how
        many were made. Locked, locked rows skipped: two servers never make one twice."""
        today = self.today(now)
        due = list(session.scalars(
            select(StandingRequest).where(StandingRequest.status == StandingStatus.ACTIVE,
                                          StandingRequest.next_on <= today + self.lead)
            .order_by(StandingRequest.next_on, StandingRequest.id)
            .with_for_update(skip_locked=True)))
        made = 0
        for standing in due:
            while standing.next_on <= today + self.lead:
                day = standing.next_on
                standing.next_on = day + timedelta(days=standing.every_days)
                if day == standing.skip_on:
                    standing.skip_on = None  # the time the resident said to leave out
                    continue
                if day < today:
                    continue  # passed while the hub was not running: too late to help
                self.make_task(session, standing, day, now)
                made += 1
        return made

    def make_task(self, session: Session, standing: StandingRequest, day: date,
                  now: datetime) -> HelpRequest | None:
        """One time's task, copied from the last, offered first to the last volunteer."""
        tasks = series(session, standing)
        if not tasks:
            return None  # its requests were purged or erased: nothing to copy
        before = tasks[0]
        task = HelpRequest(reference=unused_reference(session), resident_id=standing.resident_id,
                           needed_on=day, needed_when_text=day.strftime("%a %-d %b"),
                           urgency="normal", status=RequestStatus.NEW, created_at=now,
                           standing_request_id=standing.id)
        for name in COPIED:
            setattr(task, name, getattr(before, name))
        session.add(task)
        session.flush()
        audit.record(session, "standing.task_made", now, subject=task.reference,
                     after=before.reference, needed_on=day.isoformat())
        volunteer = last_volunteer(session, standing)
        if volunteer is None or not task.consent_given:
            self.offers.start_matching(session, task, now)
            return task
        resident = session.get(Person, standing.resident_id)
        said = {language: catalogue_text(language, "standing_offer_reason",
                                         name=resident.first_name or "")
                for language in SUPPORTED_LANGUAGES}
        task.move_to(RequestStatus.MATCHING, now)
        self.offers.make_offers(session, task, [RankedVolunteer(
            volunteer.id, 1.0, None, said["en"], said)], now)
        return task

    # The resident's words (bot/dialogue/standing.py).

    def change(self, session: Session, resident: Person, standing_id: int, action: str,
               on: date | None, channel: str, now: datetime) -> list[Reply]:
        say = self.notifier.speaker(resident)
        standing = session.get(StandingRequest, standing_id)
        if standing is None or standing.resident_id != resident.id \
                or standing.status == StandingStatus.ENDED:
            return [Reply(say("standing_gone"))]
        category = say(f"category.{standing.category}").lower()
        every = standing_words.describe_every(say, standing.every_days, standing.weekday)
        if action == "end":
            cancelled = self.end(session, standing, now, actor_id=resident.id, channel=channel)
            key = "standing_ended_with_task" if cancelled else "standing_ended"
            return [Reply(say(key, category=category, every=every,
                              references=", ".join(cancelled)))]
        day = self.skip(session, standing, on or self.today(now), now, resident.id, channel)
        return [Reply(say("standing_skipped", category=category, every=every,
                          date=describe_date(day, resident.language)))]

    def skip(self, session: Session, standing: StandingRequest, day: date, now: datetime,
             actor_id: int | None, channel: str | None, why: str = BY_RESIDENT) -> date:
        """Leave out its first time on or after `day`: a task already made is cancelled
        (its volunteer told, in the words for `why`), one not yet made is not made. Returns
        the day left out."""
        made = sorted((task for task in open_tasks(session, standing)
                       if task.needed_on and task.needed_on >= day),
                      key=lambda task: task.needed_on)
        still_to_make = occurrence_on_or_after(standing, day)
        if made and made[0].needed_on <= still_to_make:
            task = made[0]
            cancel_request(session, task, now, self.notifier, why=why, actor_id=actor_id,
                           channel=channel, reason="this time left out of a standing request")
            left_out = task.needed_on
        else:
            standing.skip_on = left_out = still_to_make
        audit.record(session, "standing.skipped", now, actor_id=actor_id, channel=channel,
                     subject=f"standing:{standing.id}", day=left_out.isoformat())
        return left_out

    def end(self, session: Session, standing: StandingRequest, now: datetime, *,
            actor_id: int | None, channel: str | None, why: str = BY_RESIDENT) -> list[str]:
        """No more tasks; those made and not yet done are cancelled (volunteers told, in the
        words for `why`). Returns their references."""
        standing.status, standing.ended_at = StandingStatus.ENDED, now
        cancelled = []
        for task in open_tasks(session, standing):
            if cancel_request(session, task, now, self.notifier, why=why,
                              actor_id=actor_id, channel=channel,
                              reason="standing request ended") is not None:
                cancelled.append(task.reference)
        audit.record(session, "standing.ended", now, actor_id=actor_id, channel=channel,
                     subject=f"standing:{standing.id}", cancelled=cancelled)
        return cancelled

    def pause(self, session: Session, standing: StandingRequest, now: datetime,
              actor_id: int | None, channel: str | None) -> None:
        """No new tasks until resumed; one already made stays, to be done or cancelled."""
        standing.status, standing.paused_at = StandingStatus.PAUSED, now
        audit.record(session, "standing.paused", now, actor_id=actor_id, channel=channel,
                     subject=f"standing:{standing.id}")

    def resume(self, session: Session, standing: StandingRequest, now: datetime,
               actor_id: int | None, channel: str | None) -> date:
        """Tasks again, from its next day to come (the days paused are not made late)."""
        standing.status, standing.paused_at = StandingStatus.ACTIVE, None
        standing.next_on = occurrence_on_or_after(standing, self.today(now))
        audit.record(session, "standing.resumed", now, actor_id=actor_id, channel=channel,
                     subject=f"standing:{standing.id}", next_on=standing.next_on.isoformat())
        return standing.next_on

    def tell_resident(self, session: Session, standing: StandingRequest, action: str,
                      now: datetime, left_out: date | None = None) -> None:
        """A coordinator paused, resumed, skipped (`left_out`: the day) or ended this: the
        resident hears it in their own language, so no one waits for a volunteer who is not
        coming (or misses one who is)."""
        resident = session.get(Person, standing.resident_id)
        if resident is None or resident.erased_at is not None:
            return
        say = self.notifier.speaker(resident)
        params = {"name": resident.first_name or "",
                  "category": say(f"category.{standing.category}").lower(),
                  "every": standing_words.describe_every(say, standing.every_days,
                                                         standing.weekday)}
        if action == "resume":
            upcoming = next_day(session, standing, self.today(now))
            params["date"] = describe_date(upcoming, resident.language) if upcoming else "-"
        if action == "skip":
            params["date"] = describe_date(left_out, resident.language) if left_out else "-"
        key = {"end": "standing_ended_by_coordinator",
               "skip": "standing_skipped_by_coordinator"}.get(action,
                                                           f"standing_{action}d_by_coordinator")
        self.notifier.send(session, resident, now, key, **params)

    def describe(self, session: Session, standing: StandingRequest, say, language: str,
                 now: datetime) -> str:
        """One line for SHOW and the dashboard: "every Friday, active, next Fri 11 Dec"."""
        upcoming = next_day(session, standing, self.today(now))
        return say("standing_described",
                   every=standing_words.describe_every(say, standing.every_days,
                                                       standing.weekday),
                   status=say(f"standing_status.{standing.status}"),
                   next=describe_date(upcoming, language) if upcoming else "-")
