"""The hub's figures (bot/services/coordinating/figures.py), checked against a month of known
activity.

`a_known_autumn` plays two months in a hub through the real dialogue and services,
moving the clock across days: requests of each kind, offers taken at known delays, a
request a coordinator assigns after two days, a cancellation, a resident erased,
weekly check-in calls made, missed and escalated, concerns raised and acknowledged,
volunteers joining, pausing and leaving. It keeps its own ledger of what happened on
which day in London; the tests count from that ledger (or from the rows, with their own
arithmetic), never with the module under test.
"""

from __future__ import annotations

import io
import csv
import math
import statistics
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bot.services.coordinating.figures import (
    Period,
    PeriodError,
    days_between,
    figures_for,
    kinds_in_words,
    last_four_weeks,
    month_of,
    previous_period,
    this_week,
    times_of,
)
from bot.services.shared.csv_cells import safe_cell
from bot.services.coordinating.figures_csv import write_figures_csv
from bot.services.people.privacy import erase_person
from bot.services.running.scheduler import run_due_work
from models import (
    CallSchedule,
    CheckInCall,
    ContactIdentity,
    HelpRequest,
    OPEN_STATUSES,
    RequestStatus,
    VolunteerProfile,
)
from test_offers import add_volunteer, ask_for_help, say

LONDON = ZoneInfo("Europe/London")
CAROL = "+447700900601"  # conftest's coordinator
NOVEMBER = date(2026, 11, 1)


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


def london_day(moment: datetime) -> date:
    return moment.astimezone(LONDON).date()


@dataclass
class Ledger:
    """What the scenario did, as the test saw it: (London day, what) for each event."""

    requests: list[tuple[date, str, str]] = field(default_factory=list)  # day, kind, district
    waits: list[tuple[date, float]] = field(default_factory=list)  # request day, minutes
    joined: list[date] = field(default_factory=list)
    left: list[date] = field(default_factory=list)
    helped: list[tuple[date, str]] = field(default_factory=list)  # day, volunteer
    concerns: list[tuple[date, bool, float | None]] = field(default_factory=list)
    people: dict[str, str] = field(default_factory=dict)  # name -> phone
    words: list[str] = field(default_factory=list)  # free text people sent
    addresses: list[str] = field(default_factory=list)

    def in_month(self, items, month: date):
        return [item for item in items
                if (item[0] if isinstance(item, tuple) else item).replace(day=1) == month]


class Autumn:
    """The scenario's moves, each at a given moment, written into the ledger."""

    def __init__(self, hub, clock) -> None:
        self.hub, self.clock, self.ledger = hub, clock, Ledger()
        self.created: dict[str, datetime] = {}

    def at(self, moment: str) -> datetime:
        self.clock.now = utc(moment)
        run_due_work(self.hub.session_factory, self.hub.offers, self.hub.concerns,
                     self.clock(), self.hub.checkins)
        return self.clock.now

    def volunteer(self, moment: str, name: str, postcode: str, skills, **options) -> str:
        when = self.at(moment)
        phone = add_volunteer(self.hub, name, postcode, skills=skills, cap=50, **options)
        with self.hub.session_factory.begin() as session:
            person_id = session.scalar(select(ContactIdentity.person_id).where(
                ContactIdentity.address == phone))
            session.get(VolunteerProfile, person_id).joined_at = when
        self.ledger.joined.append(london_day(when))
        self.ledger.people[name] = phone
        return phone

    def ask(self, moment: str, name: str, phone: str, kind: str, postcode: str) -> str:
        when = self.at(moment)
        first = {"shopping": f"can someone get my shopping? I'm {name}",
                 "prescription": f"could someone collect my prescription from the chemist? "
                                 f"I'm {name}",
                 "dog_walking": f"can someone walk my dog? I'm {name}",
                 "befriending": f"Could someone ring me for a chat now and then? I'm {name}"}
        if kind == "befriending":
            messages = (first[kind], postcode, "I'm 84", "afternoons", "yes")
        else:
            messages = (first[kind], postcode, "14 Orsett Road", "tomorrow", "yes")
        reference = ask_for_help(self.hub, phone, *messages)
        self.created[reference] = when
        self.ledger.requests.append((london_day(when), kind, postcode.split()[0]))
        self.ledger.people[name] = phone
        self.ledger.words.append(first[kind])
        self.ledger.addresses += [postcode, "14 Orsett Road"]
        return reference

    def took(self, reference: str, volunteer: str, name: str) -> None:
        """The volunteer has it now: the wait from its request, and who helped when."""
        created = self.created[reference]
        self.ledger.waits.append((london_day(created),
                                  (self.clock() - created).total_seconds() / 60))
        self.ledger.helped.append((london_day(self.clock()), name))

    def accept(self, moment: str, reference: str, volunteer: str, name: str) -> None:
        self.at(moment)
        assert f"{reference} is yours" in " ".join(
            r.body for r in say(self.hub, volunteer, f"YES {reference}").replies)
        self.took(reference, volunteer, name)

    def assign(self, moment: str, reference: str, volunteer: str, name: str) -> None:
        self.at(moment)
        said = say(self.hub, CAROL, f"ASSIGN {reference} {name}").replies[0].body
        assert reference in said and name in said, said
        self.took(reference, volunteer, name)

    def concern(self, moment: str, volunteer: str, text: str, urgent: bool) -> int:
        self.at(moment)
        say(self.hub, volunteer, f"CONCERN {text}")
        self.ledger.words.append(text)
        from models import Concern
        with self.hub.session_factory() as session:
            concern = session.scalars(select(Concern).order_by(Concern.id.desc())).first()
        assert concern.urgent == urgent
        self.ledger.concerns.append((london_day(self.clock()), urgent, None))
        return concern.id

    def acknowledge(self, moment: str, number: int) -> None:
        raised_day, urgent, _ = self.ledger.concerns[-1]
        raised = self.clock()
        self.at(moment)
        assert f"C-{number} is yours" in say(self.hub, CAROL, f"ACK C-{number}").replies[0].body
        self.ledger.concerns[-1] = (raised_day, urgent,
                                    (self.clock() - raised).total_seconds() / 60)

    def leaves(self, moment: str, phone: str) -> None:
        when = self.at(moment)
        with self.hub.session_factory.begin() as session:
            person_id = session.scalar(select(ContactIdentity.person_id).where(
                ContactIdentity.address == phone))
            session.get(VolunteerProfile, person_id).left_at = when
        self.ledger.left.append(london_day(when))


def a_known_autumn(hub, clock) -> Ledger:
    """October and November 2026 in a hub in Grays, then the clock stops on 3 December."""
    autumn = Autumn(hub, clock)
    # 23:30 UTC on 30 September is 00:30 on 1 October in London (BST): October's.
    vera = autumn.volunteer("2026-09-30 23:30", "Veronique", "RM17 5AA",
                            ("shopping", "befriending"))
    wilf = autumn.volunteer("2026-09-30 23:35", "Wilfred", "RM16 2XU",
                            ("shopping", "prescription"))
    xena = autumn.volunteer("2026-10-10 09:00", "Xanthe", "RM17 5AA",
                            ("dog_walking", "prescription"))
    first = autumn.ask("2026-09-30 23:40", "Albertine", "+447700900811", "shopping",
                       "RM17 6SL")
    autumn.accept("2026-10-01 00:10", first, vera, "Veronique")
    second = autumn.ask("2026-10-14 10:00", "Bartholomew", "+447700900812", "prescription",
                        "RM16 2XU")
    autumn.accept("2026-10-14 10:50", second, wilf, "Wilfred")
    number = autumn.concern("2026-10-20 10:00", vera,
                            "Albertine would like the library van to call more often", False)
    autumn.acknowledge("2026-10-20 11:00", number)

    # November. Cuthbert's weekly calls: Wednesdays at 2pm with Veronique.
    calls = autumn.ask("2026-11-02 09:00", "Cuthbert", "+447700900813", "befriending",
                       "RM17 6SL")
    autumn.accept("2026-11-02 09:30", calls, vera, "Veronique")
    say(hub, vera, "Wednesdays 2pm")
    # Nobody takes Dorothea's prescription in time: Carol assigns it after two days.
    slow = autumn.ask("2026-11-03 09:00", "Dorothea", "+447700900814", "prescription",
                      "RM17 6SL")
    autumn.at("2026-11-04 13:05")  # reminded of Wednesday's call
    autumn.at("2026-11-04 14:30")
    assert "logged" in say(hub, vera, "done, he was cheerful").replies[0].body
    autumn.ledger.words.append("he was cheerful")
    autumn.assign("2026-11-05 10:00", slow, wilf, "Wilfred")
    autumn.at("2026-11-06 10:00")
    assert "receipt" in say(hub, wilf, f"DONE {slow}").replies[0].body
    say(hub, wilf, "NONE")
    autumn.volunteer("2026-11-09 10:00", "Yolanda", "RM20 3LP", ("shopping",), paused=True)
    ermintrude = "+447700900815"
    autumn.ask("2026-11-10 12:00", "Ermintrude", ermintrude, "shopping", "RM17 6SL")
    autumn.at("2026-11-10 12:20")
    say(hub, ermintrude, "cancel my request")
    assert "cancelled" in say(hub, ermintrude, "yes").replies[0].body
    autumn.at("2026-11-11 16:05")  # Wednesday's call window closes unlogged: missed
    autumn.volunteer("2026-11-12 10:00", "Zinnia", "RM17 5AA", ("shopping",),
                     vetting="pending", checks=())
    autumn.leaves("2026-11-16 09:00", xena)
    autumn.at("2026-11-18 16:05")  # missed again: the coordinators are alerted
    number = autumn.concern("2026-11-19 10:00", wilf,
                            "Dorothea has had a fall and can't get up", True)
    autumn.acknowledge("2026-11-19 10:08", number)
    autumn.concern("2026-11-20 10:00", wilf, "Dorothea seemed low and forgetful", False)
    with hub.session_factory.begin() as session:  # Ermintrude asks to be forgotten
        erase_person(session, session.scalar(select(ContactIdentity.person_id).where(
            ContactIdentity.address == ermintrude)), clock(), None, "cli", offers=hub.offers)
    autumn.at("2026-11-25 13:05")
    autumn.at("2026-11-25 14:30")
    assert "try Cuthbert again" in say(hub, vera, "no answer").replies[0].body
    autumn.at("2026-11-25 16:40")
    assert "logged" in say(hub, vera, "done").replies[0].body
    # 23:30 on 30 November is still November in London (GMT); 00:30 on 1 December is not.
    autumn.ask("2026-11-30 23:30", "Fenella", "+447700900816", "dog_walking", "RM16 2XU")
    december = autumn.ask("2026-12-01 00:30", "Gwendolyn", "+447700900817", "shopping",
                          "RM17 6SL")
    autumn.accept("2026-12-01 01:00", december, wilf, "Wilfred")
    autumn.at("2026-12-03 10:00")
    return autumn.ledger


@pytest.fixture
def autumn(hub, clock, carol) -> Ledger:
    return a_known_autumn(hub, clock)


def figures_of(hub, period: Period):
    with hub.session_factory() as session:
        return figures_for(session, period, hub.clock())


def month(year: int, number: int, hub) -> Period:
    return month_of(year, number, hub.clock(), hub.settings.timezone)


def nearest_rank_p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[math.ceil(0.9 * len(ordered)) - 1]


def calls_by_london_day(hub) -> list[tuple[date, str | None, bool]]:
    with hub.session_factory() as session:
        return [(london_day(due), outcome, escalated is not None)
                for due, outcome, escalated in session.execute(
                    select(CheckInCall.due_at, CheckInCall.outcome, CheckInCall.escalated_at)
                    .join(CallSchedule, CallSchedule.id == CheckInCall.schedule_id))]


# The months of the known autumn, counted two ways.

def test_requests_are_counted_on_the_hubs_own_days_by_kind(hub, autumn):
    november, october = figures_of(hub, month(2026, 11, hub)), figures_of(hub, month(2026, 10,
                                                                                     hub))
    for figures, first in ((november, NOVEMBER), (october, date(2026, 10, 1))):
        made = autumn.in_month(autumn.requests, first)
        assert figures.requests == len(made)
        assert figures.by_kind == {kind: sum(k == kind for _, k, _ in made)
                                   for kind in figures.by_kind}
        for day in figures.days:
            assert day.total == sum(d == day.day for d, _, _ in made), day
    assert november.requests == 4 and october.requests == 2  # 1 October's is 30 Sep in UTC
    assert [day.day for day in november.days if day.total] == [
        date(2026, 11, 2), date(2026, 11, 3), date(2026, 11, 10), date(2026, 11, 30)]


def test_the_time_to_a_volunteer_median_90th_percentile_and_within_a_day(hub, autumn):
    november = figures_of(hub, month(2026, 11, hub))
    waits = [minutes for day, minutes in autumn.in_month(autumn.waits, NOVEMBER)]
    assert sorted(waits) == [30, 2 * 24 * 60 + 60]  # Cuthbert's calls; Dorothea's, assigned
    assert november.waits.count == len(waits)
    assert november.waits.median == statistics.median(waits)
    assert november.waits.p90 == nearest_rank_p90(waits)
    assert november.within_a_day == sum(minutes <= 24 * 60 for minutes in waits) == 1
    assert november.within_a_day_percent == round(100 * 1 / 4)
    by_week = {week.week.first: week for week in november.waits_by_week}
    assert by_week[date(2026, 11, 2)].matched.count == 2
    assert by_week[date(2026, 11, 2)].requests == 2
    assert by_week[date(2026, 11, 9)].requests == 1 and by_week[date(2026, 11, 9)].matched.count == 0


def test_what_became_of_the_requests_is_counted_as_the_rows_say(hub, autumn):
    november = figures_of(hub, month(2026, 11, hub))
    period = month(2026, 11, hub)
    with hub.session_factory() as session:
        statuses = list(session.scalars(select(HelpRequest.status).where(
            HelpRequest.created_at >= period.starts_at, HelpRequest.created_at < period.ends_at)))
    assert len(statuses) == 4  # Ermintrude was erased: her request is still counted
    assert november.done == statuses.count(RequestStatus.DONE) == 1
    assert november.closed == statuses.count(RequestStatus.CANCELLED) == 1
    assert november.still_open == sum(s in OPEN_STATUSES for s in statuses) == 2


def test_volunteers_joining_helping_leaving_and_standing_now(hub, autumn):
    november, october = figures_of(hub, month(2026, 11, hub)), figures_of(hub, month(2026, 10,
                                                                                     hub))
    assert november.joined == len(autumn.in_month(autumn.joined, NOVEMBER)) == 2
    assert october.joined == len(autumn.in_month(autumn.joined, date(2026, 10, 1))) == 3
    assert november.left == len(autumn.in_month(autumn.left, NOVEMBER)) == 1
    helpers = {name for day, name in autumn.in_month(autumn.helped, NOVEMBER)}
    assert november.helped == len(helpers) == 2  # Veronique (calls) and Wilfred
    assert october.helped == 2
    # As they stand on 3 December: Xanthe left, Yolanda paused, Zinnia awaits checks.
    standing = november.standing
    assert (standing.available, standing.paused, standing.awaiting_checks) == (2, 1, 1)
    weeks = {week.week.first: week for week in november.volunteers_by_week}
    assert weeks[date(2026, 11, 9)].joined == 2 and weeks[date(2026, 11, 16)].left == 1


def test_check_in_calls_made_no_answer_missed_and_escalated(hub, autumn):
    november = figures_of(hub, month(2026, 11, hub))
    calls = [call for call in calls_by_london_day(hub) if call[0].replace(day=1) == NOVEMBER]
    made = sum(outcome == "done" for _, outcome, _ in calls)
    no_answer = sum(outcome == "no_answer" for _, outcome, _ in calls)
    missed = sum(outcome in ("missed", "not_called") for _, outcome, _ in calls)
    escalated = sum(flag for _, _, flag in calls)
    assert (made, no_answer, missed, escalated) == (2, 1, 2, 1)
    assert (november.calls_made, november.calls_no_answer, november.calls_missed,
            november.calls_escalated) == (made, no_answer, missed, escalated)
    weeks = {week.week.first: week for week in november.calls_by_week}
    assert weeks[date(2026, 11, 16)].escalated == 1 and weeks[date(2026, 11, 23)].no_answer == 1


def test_concerns_raised_urgent_and_the_time_to_acknowledge(hub, autumn):
    november, october = figures_of(hub, month(2026, 11, hub)), figures_of(hub, month(2026, 10,
                                                                                     hub))
    raised = autumn.in_month(autumn.concerns, NOVEMBER)
    acks = [minutes for _, _, minutes in raised if minutes is not None]
    assert november.concerns_raised == len(raised) == 2
    assert november.concerns_urgent == sum(urgent for _, urgent, _ in raised) == 1
    assert november.acknowledged.count == len(acks) == 1
    assert november.acknowledged.median == november.acknowledged.p90 == acks[0] == 8
    assert october.acknowledged.median == 60


def test_districts_count_the_periods_requests_and_what_is_open_and_available_now(hub, autumn):
    november = figures_of(hub, month(2026, 11, hub))
    made = autumn.in_month(autumn.requests, NOVEMBER)
    districts = {d.district: d for d in november.districts}
    for district in {d for _, _, d in made}:
        assert districts[district].requests == sum(d == district for _, _, d in made)
    with hub.session_factory() as session:
        open_postcodes = list(session.scalars(select(HelpRequest.postcode).where(
            HelpRequest.status.in_(OPEN_STATUSES))))
    for district, counts in districts.items():
        assert counts.open_now == sum((p or "").startswith(district + " ")
                                      for p in open_postcodes)
    assert districts["RM17"].volunteers_available == 1  # Veronique; Zinnia awaits checks
    assert districts["RM16"].volunteers_available == 1  # Wilfred
    assert "RM20" not in districts  # Yolanda is paused: not available, nothing asked there


def test_the_csv_holds_every_total_for_both_months_and_no_formula(hub, autumn):
    period = month(2026, 11, hub)
    november, october = figures_of(hub, period), figures_of(hub, previous_period(period))
    stream = io.StringIO()
    rows = write_figures_csv(stream, november, october)
    table = list(csv.DictReader(io.StringIO(stream.getvalue())))
    assert len(table) == rows
    totals = {(row["from"], row["measure"], row["group"]): row["value"] for row in table
              if row["section"] == "totals"}
    assert totals[("2026-11-01", "requests", "")] == "4"
    assert totals[("2026-10-01", "requests", "")] == "2"
    assert totals[("2026-11-01", "requests", "befriending")] == "1"
    assert totals[("2026-11-01", "had_a_volunteer_within_a_day_percent", "")] == "25"
    assert totals[("2026-11-01", "calls_escalated", "")] == "1"
    assert totals[("2026-11-01", "minutes_to_acknowledge_median", "")] == "8.0"
    days = [row for row in table if row["section"] == "requests_by_day" and row["value"] != "0"]
    assert {(row["from"], row["group"]) for row in days} == {
        ("2026-11-02", "befriending"), ("2026-11-03", "prescription"),
        ("2026-11-10", "shopping"), ("2026-11-30", "dog_walking")}


# Periods, on the hub's own days.

def test_a_period_runs_from_local_midnight_to_local_midnight_across_the_clock_change():
    day = Period(date(2026, 10, 25), date(2026, 10, 25))  # the clocks go back: 25 hours
    assert day.starts_at == utc("2026-10-24 23:00")
    assert day.ends_at - day.starts_at == timedelta(hours=25)
    summer = Period(date(2026, 10, 1), date(2026, 10, 1))
    assert summer.starts_at == utc("2026-09-30 23:00")


def test_weeks_run_monday_to_sunday_cut_at_the_periods_ends():
    weeks = Period(date(2026, 11, 1), date(2026, 11, 30)).weeks
    assert [(w.first.day, w.last.day) for w in weeks] == [
        (1, 1), (2, 8), (9, 15), (16, 22), (23, 29), (30, 30)]


def test_the_periods_coordinators_pick_and_what_they_are_compared_with():
    now = utc("2026-11-25 23:30")  # a Wednesday, nearly midnight
    week = this_week(now, "Europe/London")
    assert (week.first, week.last) == (date(2026, 11, 23), date(2026, 11, 25))
    assert (previous_period(week).first, previous_period(week).last) == (
        date(2026, 11, 16), date(2026, 11, 18))
    four = last_four_weeks(now, "Europe/London")
    assert (four.first, previous_period(four).last) == (date(2026, 10, 29), date(2026, 10, 28))
    so_far = month_of(2026, 11, now, "Europe/London")
    assert so_far.last == date(2026, 11, 25) and not so_far.whole_month
    before = previous_period(so_far)
    assert (before.first, before.last, before.month) == (date(2026, 10, 1),
                                                         date(2026, 10, 25), False)
    october = month_of(2026, 10, now, "Europe/London")
    assert october.whole_month and previous_period(october).last == date(2026, 9, 30)
    march = previous_period(month_of(2026, 3, now, "Europe/London"))
    assert (march.first, march.last) == (date(2026, 2, 1), date(2026, 2, 28))
    assert days_between(date(2026, 11, 20), date(2027, 1, 1), now, "Europe/London").last == (
        date(2026, 11, 25))
    with pytest.raises(PeriodError):
        month_of(2026, 12, now, "Europe/London")
    with pytest.raises(PeriodError):
        days_between(date(2025, 1, 1), date(2026, 11, 1), now, "Europe/London")
    with pytest.raises(PeriodError):
        days_between(date(2026, 11, 5), date(2026, 11, 1), now, "Europe/London")


def test_a_moment_near_midnight_belongs_to_the_hubs_day_not_utcs():
    in_auckland = this_week(utc("2026-11-29 12:00"), "Pacific/Auckland")  # Monday 01:00 there
    assert in_auckland.first == in_auckland.last == date(2026, 11, 30)


def test_median_and_90th_percentile_by_nearest_rank():
    assert times_of([]).count == 0 and times_of([]).median is None
    ten = times_of(range(1, 11))
    assert (ten.count, ten.median, ten.p90) == (10, 5.5, 9)
    assert times_of([5]).p90 == 5 and times_of([1, 100]).p90 == 100


def test_kinds_in_words_for_stats_most_asked_first_with_plurals():
    counts = {"befriending": 2, "shopping": 1, "dog_walking": 0, "transport": 2}
    assert kinds_in_words(counts, "en") == (
        "2 friendly phone calls, 2 lifts to appointments, 1 shopping trip")
    assert kinds_in_words({"shopping": 5, "befriending": 22}, "pl") == (
        "22 rozmowy telefoniczne, 5 próśb o zakupy")


@pytest.mark.parametrize("value, written", [
    ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"), ("+44 7700", "'+44 7700"),
    ("-1+2", "'-1+2"), ("@SUM(A1)", "'@SUM(A1)"), ("\t=1", "'\t=1"), ("RM17", "RM17"),
    (12, "12"), (2.5, "2.5"), (None, "")])
def test_a_csv_cell_that_looks_like_a_formula_stays_text(value, written):
    assert safe_cell(value) == written
