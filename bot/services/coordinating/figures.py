"""The hub's figures for a period of days: counts and times, computed in one place.

The dashboard's Statistics page, `neighbourly report` (and its CSV) and STATS read
their numbers here, so a figure means the same wherever it is shown. Everything
is counts and durations: no names, numbers, addresses or free text leave this
module, and districts ("RM17") are the finest place it names.

Days are the hub's own (settings.timezone): a request made at 00:30 on 1 October
in London belongs to October, though it is still 30 September in UTC. A week runs
Monday to Sunday and is cut at the period's ends.

How each figure is counted:
- requests: made in the period, by the day they were made, whatever became of them;
  done / cancelled or expired / still open is what became of them by now.
- time to a volunteer: from the request to the volunteer who has it (`assigned_at`,
  set when an offer is accepted or a coordinator assigns it); "within a day" is
  within 24 hours, out of every request made in the period.
- percentiles: the median, and the 90th percentile by nearest rank (the smallest
  time at least nine in ten are within).
- volunteers: joined (sign-up or import) and left in the period; "helped someone"
  is a volunteer who accepted a task or made a check-in call in it (each counted
  once). Available, paused and awaiting checks are as they stand now: the hub
  keeps no history of pauses.
- check-in calls: by the day they were due; made (logged done), no answer, missed
  (not logged in time, or the resident said nobody rang), and raised with a
  coordinator (the calls whose failure alerted the coordinators).
- concerns: raised in the period, how many urgent, and the time to the first
  coordinator's ACK (a concern resolved without one counts as acknowledged then).
- districts: requests made in the period, open requests now and available
  volunteers now, by postcode district.
"""

from __future__ import annotations

import calendar
import math
import statistics
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Iterable, Mapping, Sequence
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.dialogue.catalogue import counted
from bot.services.shared.describe import district_of
from models import (
    OPEN_STATUSES,
    CallOutcome,
    CallSchedule,
    CheckInCall,
    Concern,
    HelpCategory,
    HelpRequest,
    Offer,
    OfferStatus,
    Person,
    RequestStatus,
    VettingStatus,
    VolunteerProfile,
)

CATEGORIES = tuple(category.value for category in HelpCategory)
LONGEST_PERIOD = timedelta(days=366)
A_DAY_IN_MINUTES = 24 * 60
MISSED = (CallOutcome.MISSED, CallOutcome.NOT_CALLED)


class PeriodError(ValueError):
    """A period that cannot be counted: the wrong way round, too long, or all ahead."""


@dataclass(frozen=True)
class Week:
    """Monday to Sunday, or the part of it inside the period."""

    first: date
    last: date


@dataclass(frozen=True)
class Period:
    """Whole days from `first` to `last` (both counted), in the hub's time zone."""

    first: date
    last: date
    timezone: str = "Europe/London"
    # The month it is (possibly so far), when it starts on the 1st: how it is named,
    # and what it is compared with.
    month: bool = False

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise PeriodError("a period ends after it starts")
        if self.last - self.first >= LONGEST_PERIOD:
            raise PeriodError("a period is a year at most")

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def starts_at(self) -> datetime:
        return local_midnight(self.first, self.zone)

    @property
    def ends_at(self) -> datetime:
        """The moment after the period: midnight starting the day after `last`."""
        return local_midnight(self.last + timedelta(days=1), self.zone)

    @property
    def days(self) -> tuple[date, ...]:
        return tuple(self.first + timedelta(days=n) for n in range((self.last - self.first).days
                                                                  + 1))

    @property
    def weeks(self) -> tuple[Week, ...]:
        weeks, monday = [], self.first - timedelta(days=self.first.weekday())
        while monday <= self.last:
            weeks.append(Week(max(monday, self.first), min(monday + timedelta(days=6),
                                                           self.last)))
            monday += timedelta(days=7)
        return tuple(weeks)

    @property
    def whole_month(self) -> bool:
        return self.month and self.last.day == month_length(self.first)

    def local_day(self, moment: datetime) -> date:
        return moment.astimezone(self.zone).date()

    def week_of(self, moment: datetime) -> int:
        """The index in `weeks` of the week this moment falls in."""
        day = self.local_day(moment)
        first_monday = self.first - timedelta(days=self.first.weekday())
        return (day - first_monday).days // 7


def local_midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=zone).astimezone(timezone.utc)


def month_length(day: date) -> int:
    return calendar.monthrange(day.year, day.month)[1]


def today_in(zone_name: str, now: datetime) -> date:
    return now.astimezone(ZoneInfo(zone_name)).date()


# The periods coordinators pick.

def this_week(now: datetime, zone_name: str) -> Period:
    today = today_in(zone_name, now)
    return Period(today - timedelta(days=today.weekday()), today, zone_name)


def last_four_weeks(now: datetime, zone_name: str) -> Period:
    today = today_in(zone_name, now)
    return Period(today - timedelta(days=27), today, zone_name)


def month_of(year: int, month: int, now: datetime, zone_name: str) -> Period:
    """That calendar month; up to today while it is not over. A month ahead: PeriodError."""
    try:
        first = date(year, month, 1)
    except ValueError:
        raise PeriodError("no such month") from None
    today = today_in(zone_name, now)
    if first > today:
        raise PeriodError("that month has not started yet")
    last = first.replace(day=month_length(first))
    return Period(first, min(last, today), zone_name, month=True)


def days_between(first: date, last: date, now: datetime, zone_name: str) -> Period:
    """A period picked by its dates, cut at today."""
    today = today_in(zone_name, now)
    if first > today:
        raise PeriodError("that period has not started yet")
    return Period(first, min(last, today), zone_name)


def previous_period(period: Period) -> Period:
    """What a period is compared with: the month before a month (its first days as many
    as this month has had so far, when this one is not over); the same weekdays of the
    week before for part of a week; else as many days just before."""
    length = (period.last - period.first).days
    if period.month:
        last_month_end = period.first - timedelta(days=1)
        first = last_month_end.replace(day=1)
        if period.whole_month:
            return Period(first, last_month_end, period.timezone, month=True)
        # As many days as this month has had: named by its dates, not as a month.
        return Period(first, min(first + timedelta(days=length), last_month_end),
                      period.timezone)
    if period.first.weekday() == 0 and length < 7:
        return Period(period.first - timedelta(days=7), period.last - timedelta(days=7),
                      period.timezone)
    last = period.first - timedelta(days=1)
    return Period(last - timedelta(days=length), last, period.timezone)


# What is counted.

@dataclass(frozen=True)
class Times:
    """How long some things took, in minutes: how many, the median, the 90th percentile."""

    count: int = 0
    median: float | None = None
    p90: float | None = None


def times_of(minutes: Iterable[float]) -> Times:
    ordered = sorted(minutes)
    if not ordered:
        return Times()
    nearest_rank = math.ceil(0.9 * len(ordered))
    return Times(len(ordered), statistics.median(ordered), ordered[nearest_rank - 1])


@dataclass(frozen=True)
class DayOfRequests:
    day: date
    by_kind: tuple[int, ...]  # in CATEGORIES order

    @property
    def total(self) -> int:
        return sum(self.by_kind)


@dataclass(frozen=True)
class WeekOfWaits:
    week: Week
    requests: int  # made that week
    matched: Times  # of those that have had a volunteer: how long it took


@dataclass(frozen=True)
class DistrictCounts:
    district: str
    requests: int  # made in the period
    open_now: int
    volunteers_available: int


@dataclass(frozen=True)
class WeekOfVolunteers:
    week: Week
    joined: int
    helped: int
    left: int


@dataclass(frozen=True)
class VolunteerStanding:
    """Volunteers as they stand now (not erased, not left)."""

    available: int  # approved and not paused
    paused: int  # approved and paused
    awaiting_checks: int


@dataclass(frozen=True)
class WeekOfCalls:
    week: Week
    made: int
    no_answer: int
    missed: int
    escalated: int


@dataclass(frozen=True)
class WeekOfConcerns:
    week: Week
    raised: int
    urgent: int
    acknowledged: Times


@dataclass(frozen=True)
class Figures:
    period: Period
    counted_at: datetime  # the "now" of open requests, available volunteers and standing
    days: tuple[DayOfRequests, ...]
    done: int
    closed: int  # cancelled or expired
    still_open: int
    within_a_day: int
    waits: Times
    waits_by_week: tuple[WeekOfWaits, ...]
    districts: tuple[DistrictCounts, ...]
    volunteers_by_week: tuple[WeekOfVolunteers, ...]
    helped: int  # volunteers who helped someone in the period, each once
    standing: VolunteerStanding
    calls_by_week: tuple[WeekOfCalls, ...]
    concerns_by_week: tuple[WeekOfConcerns, ...]
    acknowledged: Times

    @property
    def requests(self) -> int:
        return sum(day.total for day in self.days)

    @property
    def by_kind(self) -> dict[str, int]:
        return {category: sum(day.by_kind[index] for day in self.days)
                for index, category in enumerate(CATEGORIES)}

    @property
    def within_a_day_percent(self) -> int | None:
        return round(100 * self.within_a_day / self.requests) if self.requests else None

    @property
    def joined(self) -> int:
        return sum(week.joined for week in self.volunteers_by_week)

    @property
    def left(self) -> int:
        return sum(week.left for week in self.volunteers_by_week)

    @property
    def calls_made(self) -> int:
        return sum(week.made for week in self.calls_by_week)

    @property
    def calls_no_answer(self) -> int:
        return sum(week.no_answer for week in self.calls_by_week)

    @property
    def calls_missed(self) -> int:
        return sum(week.missed for week in self.calls_by_week)

    @property
    def calls_escalated(self) -> int:
        return sum(week.escalated for week in self.calls_by_week)

    @property
    def calls_due(self) -> int:
        return self.calls_made + self.calls_no_answer + self.calls_missed

    @property
    def concerns_raised(self) -> int:
        return sum(week.raised for week in self.concerns_by_week)

    @property
    def concerns_urgent(self) -> int:
        return sum(week.urgent for week in self.concerns_by_week)


def figures_for(session: Session, period: Period, now: datetime) -> Figures:
    """Every figure for the period, from the database, as of `now`."""
    start, end = period.starts_at, period.ends_at
    weeks = period.weeks

    requests = session.execute(
        select(HelpRequest.category, HelpRequest.status, HelpRequest.postcode,
               HelpRequest.created_at, HelpRequest.assigned_at)
        .where(HelpRequest.created_at >= start, HelpRequest.created_at < end)).all()
    per_day = {day: [0] * len(CATEGORIES) for day in period.days}
    waits: list[float] = []
    weekly_requests = [0] * len(weeks)
    weekly_waits: list[list[float]] = [[] for _ in weeks]
    made_in: dict[str, int] = {}
    for row in requests:
        kind = row.category if row.category in CATEGORIES else HelpCategory.OTHER.value
        per_day[period.local_day(row.created_at)][CATEGORIES.index(kind)] += 1
        week = period.week_of(row.created_at)
        weekly_requests[week] += 1
        if row.assigned_at is not None:
            minutes = (row.assigned_at - row.created_at).total_seconds() / 60
            waits.append(minutes)
            weekly_waits[week].append(minutes)
        count_district(made_in, row.postcode)

    open_now: dict[str, int] = {}
    for postcode in session.scalars(select(HelpRequest.postcode).where(
            HelpRequest.status.in_(OPEN_STATUSES))):
        count_district(open_now, postcode)

    profiles = session.execute(
        select(VolunteerProfile.postcode, VolunteerProfile.vetting_status,
               VolunteerProfile.paused, VolunteerProfile.joined_at, VolunteerProfile.left_at,
               Person.erased_at)
        .join(Person, Person.id == VolunteerProfile.person_id)).all()
    joined, left = [0] * len(weeks), [0] * len(weeks)
    available_in: dict[str, int] = {}
    available = paused = awaiting = 0
    for profile in profiles:
        if start <= profile.joined_at < end:
            joined[period.week_of(profile.joined_at)] += 1
        if profile.left_at is not None and start <= profile.left_at < end:
            left[period.week_of(profile.left_at)] += 1
        if profile.left_at is not None or profile.erased_at is not None:
            continue
        if profile.vetting_status == VettingStatus.APPROVED:
            if profile.paused:
                paused += 1
            else:
                available += 1
                count_district(available_in, profile.postcode)
        elif profile.vetting_status == VettingStatus.PENDING:
            awaiting += 1

    calls = session.execute(
        select(CheckInCall.due_at, CheckInCall.outcome, CheckInCall.escalated_at,
               CallSchedule.volunteer_id)
        .join(CallSchedule, CallSchedule.id == CheckInCall.schedule_id)
        .where(CheckInCall.due_at >= start, CheckInCall.due_at < end)).all()
    call_counts = [[0, 0, 0, 0] for _ in weeks]  # made, no answer, missed, escalated
    helpers: list[set[int]] = [set() for _ in weeks]
    for call in calls:
        week = period.week_of(call.due_at)
        if call.outcome == CallOutcome.DONE:
            call_counts[week][0] += 1
            helpers[week].add(call.volunteer_id)
        elif call.outcome == CallOutcome.NO_ANSWER:
            call_counts[week][1] += 1
        elif call.outcome in MISSED:
            call_counts[week][2] += 1
        if call.escalated_at is not None:
            call_counts[week][3] += 1

    for volunteer_id, answered_at in session.execute(
            select(Offer.volunteer_id, Offer.answered_at)
            .where(Offer.status == OfferStatus.ACCEPTED, Offer.answered_at >= start,
                   Offer.answered_at < end)):
        helpers[period.week_of(answered_at)].add(volunteer_id)

    concerns = session.execute(
        select(Concern.raised_at, Concern.urgent, Concern.acknowledged_at)
        .where(Concern.raised_at >= start, Concern.raised_at < end)).all()
    raised, urgent = [0] * len(weeks), [0] * len(weeks)
    acks: list[list[float]] = [[] for _ in weeks]
    for concern in concerns:
        week = period.week_of(concern.raised_at)
        raised[week] += 1
        urgent[week] += bool(concern.urgent)
        if concern.acknowledged_at is not None:
            acks[week].append((concern.acknowledged_at - concern.raised_at).total_seconds()
                              / 60)

    statuses = [row.status for row in requests]
    return Figures(
        period=period, counted_at=now,
        days=tuple(DayOfRequests(day, tuple(kinds)) for day, kinds in per_day.items()),
        done=statuses.count(RequestStatus.DONE),
        closed=sum(status in (RequestStatus.CANCELLED, RequestStatus.EXPIRED)
                   for status in statuses),
        still_open=sum(status in OPEN_STATUSES for status in statuses),
        within_a_day=sum(minutes <= A_DAY_IN_MINUTES for minutes in waits),
        waits=times_of(waits),
        waits_by_week=tuple(WeekOfWaits(week, weekly_requests[n], times_of(weekly_waits[n]))
                            for n, week in enumerate(weeks)),
        districts=tuple(
            DistrictCounts(district, made_in.get(district, 0), open_now.get(district, 0),
                           available_in.get(district, 0))
            for district in sorted(set(made_in) | set(open_now) | set(available_in))),
        volunteers_by_week=tuple(WeekOfVolunteers(week, joined[n], len(helpers[n]), left[n])
                                 for n, week in enumerate(weeks)),
        helped=len(set().union(*helpers)),
        standing=VolunteerStanding(available, paused, awaiting),
        calls_by_week=tuple(WeekOfCalls(week, *call_counts[n]) for n, week in enumerate(weeks)),
        concerns_by_week=tuple(WeekOfConcerns(week, raised[n], urgent[n], times_of(acks[n]))
                               for n, week in enumerate(weeks)),
        acknowledged=times_of(minutes for week in acks for minutes in week),
    )


def count_district(counts: dict[str, int], postcode: str | None) -> None:
    district = district_of(postcode).upper()
    if district != "?":
        counts[district] = counts.get(district, 0) + 1


STATUS_ORDER = tuple(status.value for status in RequestStatus)  # ties in a request's order


def ranked_in_words(counts: Mapping[str, int], order: Sequence[str], key_prefix: str,
                    language: str) -> str:
    """The counts said most first, each with its plural phrase from the catalogue
    (`key_prefix` + name); equal counts keep `order`, and a zero is left out."""
    ranked = sorted((name for name in order if counts.get(name)),
                    key=lambda name: (-counts[name], order.index(name)))
    return ", ".join(counted(language, f"{key_prefix}{name}", counts[name]) for name in ranked)


def statuses_in_words(counts: Mapping[str, int], language: str) -> str:
    """ "3 waiting, 1 with a volunteer": requests by where they stand, most first."""
    return ranked_in_words(counts, STATUS_ORDER, "figures.status.", language)


def kinds_in_words(counts: Mapping[str, int], language: str) -> str:
    """ "3 shopping trips, 2 friendly phone calls": the kinds asked for, most first; a kind
    not in CATEGORIES counts as something else."""
    by_kind = {kind: 0 for kind in CATEGORIES}
    for kind, count in counts.items():
        by_kind[kind if kind in by_kind else HelpCategory.OTHER.value] += count
    return ranked_in_words(by_kind, CATEGORIES, "figures.kind.", language)
