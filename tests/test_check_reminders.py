"""Coordinators hear once, 30 days ahead, that a volunteer's check runs out."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.services.help_requests.check_reminders import REMINDED
from bot.services.running.scheduler import run_due_work
from models import AuditEvent, Person
from test_offers import waiting_for
from test_volunteers_csv import rows, run_import


def tick(hub, clock) -> int:
    return run_due_work(hub.session_factory, hub.offers, hub.concerns, clock())


def check_messages(hub, phone) -> list[str]:
    return [body for body in waiting_for(hub, phone) if body.startswith("CHECK")]


def test_a_check_running_out_within_30_days_is_told_once(hub, carol, clock):
    run_import(hub, rows(
        "Priya,07700900021,,RM17 6SL,3,shopping,every day,en,,,,"
        "id;dbs:2026-12-20;training:2027-06-01"))
    assert tick(hub, clock) == 1
    told = check_messages(hub, carol)
    assert told == [(
        "CHECK: Priya's enhanced DBS runs out on 20 Dec 2026, in 26 days. Ask them "
        "(+447700900021) to renew it, then send APPROVE Priya DBS. After 20 Dec 2026 they get "
        "no offers that need it.")]
    for hours in (2, 24, 24 * 10):  # the scheduler runs on; nothing is said twice
        clock.advance(hours=hours)
        tick(hub, clock)
    assert check_messages(hub, carol) == told
    with hub.session_factory() as session:
        event = session.scalars(select(AuditEvent).where(AuditEvent.action == REMINDED)).one()
        assert event.detail == {"check": "dbs_enhanced", "expires_on": "2026-12-20"}


def test_the_reminder_comes_when_the_check_is_30_days_from_running_out(hub, carol, clock):
    run_import(hub, rows(
        "Priya,07700900021,,RM17 6SL,3,shopping,every day,en,,,,id:2027-01-03;dbs"))
    tick(hub, clock)  # 40 days ahead
    assert check_messages(hub, carol) == []
    clock.advance(days=9)
    tick(hub, clock)  # 31 days ahead
    assert check_messages(hub, carol) == []
    clock.advance(days=1)
    tick(hub, clock)
    assert check_messages(hub, carol) == [(
        "CHECK: Priya's ID check runs out on 3 Jan 2027, in 30 days. Ask them (+447700900021) "
        "to renew it, then send APPROVE Priya ID. After 3 Jan 2027 they get no offers that need "
        "it.")]


def test_a_renewed_check_with_a_new_date_is_told_again_when_that_nears(hub, carol, clock):
    line = "Priya,07700900021,,RM17 6SL,3,shopping,every day,en,,,,id;dbs:{}"
    run_import(hub, rows(line.format("2026-12-01")))
    tick(hub, clock)
    run_import(hub, rows(line.format("2027-12-01")))
    clock.advance(days=30)
    tick(hub, clock)
    assert len(check_messages(hub, carol)) == 1
    clock.now = clock.now.replace(year=2027, month=11, day=5)
    tick(hub, clock)
    assert [body.split(" runs out on ")[1][:11] for body in check_messages(hub, carol)] == [
        "1 Dec 2026,", "1 Dec 2027,"]


def test_a_check_that_ran_out_untold_is_told_as_run_out(hub, carol, clock):
    run_import(hub, rows("Priya,07700900021,,RM17 6SL,3,shopping,every day,en,,,,"
                         "id;dbs:2026-11-20"))
    tick(hub, clock)
    assert check_messages(hub, carol) == [(
        "CHECK: Priya's enhanced DBS ran out on 20 Nov 2026, so they get no offers that need "
        "it. Ask them (+447700900021) to renew it, then send APPROVE Priya DBS.")]


def test_long_run_out_left_and_suspended_volunteers_are_not_told(hub, carol, clock):
    run_import(hub, rows(
        "Priya,07700900021,,RM17 6SL,3,shopping,every day,en,,,,id;dbs:2026-01-01",
        "Omar,07700900022,,RM17 6SL,3,shopping,every day,en,,,,id;dbs:2026-12-01",
        "Lee,07700900023,,RM17 6SL,3,shopping,every day,en,,,,id;dbs:2026-12-01"))
    with hub.session_factory.begin() as session:
        omar, lee = (session.scalars(select(Person).where(Person.first_name == name)).one()
                     for name in ("Omar", "Lee"))
        omar.volunteer_profile.left_at = clock()
        lee.volunteer_profile.vetting_status = "suspended"
    assert tick(hub, clock) == 0
    assert check_messages(hub, carol) == []


def test_with_no_coordinator_yet_the_reminder_waits_for_one(hub, clock):
    from bot.services.people.coordinators import add_coordinator

    run_import(hub, rows("Priya,07700900021,,RM17 6SL,3,shopping,every day,en,,,,"
                         "id;dbs:2026-12-20"))
    assert tick(hub, clock) == 0
    with hub.session_factory() as session:
        assert session.scalar(select(func.count()).select_from(AuditEvent)
                              .where(AuditEvent.action == REMINDED)) == 0
    with hub.session_factory.begin() as session:
        add_coordinator(session, "phone", "+447700900601", "Carol", clock())
    clock.advance(hours=1)
    assert tick(hub, clock) == 1
    assert len(check_messages(hub, "+447700900601")) == 1


def test_every_coordinator_is_told_in_their_own_language(hub, carol, clock):
    from bot.services.people.coordinators import add_coordinator

    with hub.session_factory.begin() as session:
        marta, _ = add_coordinator(session, "phone", "+447700900602", "Marta", clock())
        marta.language = "pl"
    run_import(hub, rows("Priya,07700900021,,RM17 6SL,3,befriending,every day,en,,,,"
                         "id;training:2026-12-10"))
    assert tick(hub, clock) == 1
    assert "Priya's training runs out on 10 Dec 2026, in 16 days" in check_messages(hub, carol)[0]
    polish = [body for body in waiting_for(hub, "+447700900602") if "SPRAWDZENIE" in body]
    assert polish and "szkolenie wygasa 10 Dec 2026, za 16 dni" in polish[0]
    assert "APPROVE Priya TRAINING" in polish[0]
