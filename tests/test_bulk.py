"""Batch writes: one statement per table on PostgreSQL, the same rows as a plain INSERT."""

from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import create_engine, event, select

from bot.services.shared.bulk import SMALL_BATCH, among, insert_rows, update_rows
from models import CallSchedule, ContactIdentity, HelpRequest, OutboundMessage, Person

NOW = datetime(2026, 11, 24, 10, 0, tzinfo=timezone.utc)


@pytest.fixture
def engine(database_url):
    engine = create_engine(database_url)
    with engine.begin() as connection:
        connection.execute(Person.__table__.insert(), [
            {"id": i, "first_name": f"P{i}", "language": "en", "created_at": NOW}
            for i in range(1, 41)])
        connection.execute(ContactIdentity.__table__.insert(), [
            {"person_id": i, "kind": "phone", "address": f"+4477009000{i:02d}",
             "created_at": NOW} for i in range(1, 41)])
    yield engine
    engine.dispose()


def statements(engine) -> list[str]:
    seen: list[str] = []
    event.listen(engine, "before_cursor_execute",
                 lambda conn, cursor, statement, *rest: seen.append(statement))
    return seen


@pytest.mark.parametrize("count", [1, SMALL_BATCH, 30])
def test_inserted_rows_read_back_as_written_with_defaults_filled_in(engine, count):
    later = NOW + timedelta(hours=1, microseconds=123)
    rows = [{"person_id": i, "channel": "sms", "address": f"+4477009000{i:02d}",
             "body": f"Reminder {i}: ring at 10:30am — ‘quotes’, commas, {{braces}}",
             "choices": [["YES", "Yes"], ["NO", "No, sorry"]] if i % 2 else [],
             "status": "pending", "next_attempt_at": later if i % 3 else None,
             "created_at": NOW} for i in range(1, count + 1)]
    seen = statements(engine)
    with engine.begin() as connection:
        insert_rows(connection, OutboundMessage.__table__, rows)
    with engine.connect() as connection:
        stored = connection.execute(select(OutboundMessage).order_by(OutboundMessage.id)).all()
    assert [(r.person_id, r.body, r.choices, r.next_attempt_at, r.created_at, r.attempts)
            for r in stored] == [
        (row["person_id"], row["body"], row["choices"], row["next_attempt_at"], NOW, 0)
        for row in rows]
    [insert] = [s for s in seen if s.startswith("INSERT")]  # one statement (or executemany)
    assert ("unnest" in insert) == (engine.dialect.name == "postgresql" and count >= SMALL_BATCH)


def test_updated_rows_change_only_the_rows_named(engine):
    with engine.begin() as connection:
        connection.execute(HelpRequest.__table__.insert(), [
            {"id": i, "reference": f"R-T{i:04d}", "resident_id": i, "category": "befriending",
             "details": "", "urgency": "normal", "consent_given": True, "status": "assigned",
             "created_at": NOW, "assigned_volunteer_id": 41 - i} for i in range(1, 21)])
        connection.execute(CallSchedule.__table__.insert(), [
            {"id": i, "request_id": i, "resident_id": i, "volunteer_id": 41 - i,
             "frequency": "weekly", "weekday": 1, "start_minute": 630, "window_minutes": 120,
             "status": "active", "next_call_at": NOW, "created_at": NOW}
            for i in range(1, 21)])
        update_rows(connection, CallSchedule.__table__, [
            {"id": i, "next_call_at": NOW + timedelta(days=i),
             "status": "paused" if i == 3 else "active",
             "paused_until": date(2026, 12, 24) if i == 3 else None}
            for i in range(2, 14)])
    with engine.connect() as connection:
        stored = {r.id: r for r in connection.execute(select(CallSchedule))}
    assert stored[1].next_call_at == NOW and stored[20].next_call_at == NOW
    assert [stored[i].next_call_at for i in range(2, 14)] == [
        NOW + timedelta(days=i) for i in range(2, 14)]
    assert (stored[3].status, stored[3].paused_until) == ("paused", date(2026, 12, 24))
    assert {stored[i].status for i in range(1, 21) if i != 3} == {"active"}


def test_nothing_to_write_runs_nothing(engine):
    seen = statements(engine)
    with engine.begin() as connection:
        insert_rows(connection, OutboundMessage.__table__, [])
        update_rows(connection, CallSchedule.__table__, [])
    assert not [s for s in seen if s.startswith(("INSERT", "UPDATE"))]


def test_among_finds_exactly_the_ids_given(engine):
    wanted = {2, 5, 39, 1000}  # 1000 is nobody
    with engine.connect() as connection:
        found = connection.scalars(select(Person.id).where(
            among(Person.id, wanted, engine.dialect.name))).all()
    assert sorted(found) == [2, 5, 39]
