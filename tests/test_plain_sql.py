"""Statements run on the driver's cursor: the same values in and out as through SQLAlchemy,
in the session's transaction, in order with the ORM's changes, errors as SQLAlchemy's."""

from datetime import datetime, timezone

import pytest
from sqlalchemy import bindparam, insert, select
from sqlalchemy.exc import IntegrityError

from bot.services.shared.plain_sql import PlainStatement
from bot.services.shared.unit_of_work import UnitOfWork
from models import OutboundMessage, Person

SENT_AT = datetime(2026, 11, 27, 9, 30, 0, 120, tzinfo=timezone.utc)
_outbound = OutboundMessage.__table__.c
INSERT_REPLY = PlainStatement(
    insert(OutboundMessage.__table__).returning(_outbound.id),
    ("person_id", "channel", "address", "body", "choices", "status", "lane", "attempts",
     "sent_at", "created_at"))
READ_REPLY = PlainStatement(
    select(_outbound.body, _outbound.choices, _outbound.sent_at, _outbound.next_attempt_at)
    .where(_outbound.id == bindparam("id")))


def reply(person_id: int, body: str = "Thank you, Łucja — £5 is fine") -> dict:
    return {"person_id": person_id, "channel": "sms", "address": "+447700900321",
            "body": body, "choices": [["yes", "Tak"], ["no", "Nie"]], "status": "sent",
            "lane": 2, "attempts": 0, "sent_at": SENT_AT, "created_at": SENT_AT}


def a_person(hub) -> int:
    with hub.session_factory.begin() as session:
        person = Person(first_name="Łucja")
        session.add(person)
        session.flush()
        return person.id


def test_values_written_plainly_read_back_the_same_through_the_orm_and_plainly(hub):
    person_id = a_person(hub)
    with UnitOfWork(hub.session_factory) as uow:
        [(row_id,)] = INSERT_REPLY.rows(uow.session, reply(person_id))
        uow.commit()
    with UnitOfWork(hub.session_factory) as uow:
        stored = uow.session.get(OutboundMessage, row_id)
        assert (stored.body, stored.choices) == (reply(0)["body"], [["yes", "Tak"], ["no", "Nie"]])
        assert stored.sent_at == SENT_AT and stored.next_attempt_at is None
        [plain] = READ_REPLY.rows(uow.session, {"id": row_id})
    assert plain == (reply(0)["body"], [["yes", "Tak"], ["no", "Nie"]], SENT_AT, None)


def test_they_share_the_sessions_transaction_and_follow_its_orm_changes(hub):
    person_id = a_person(hub)
    with UnitOfWork(hub.session_factory) as uow:
        earlier = OutboundMessage(**{**reply(person_id, "queued first through the ORM")})
        uow.session.add(earlier)
        [(row_id,)] = INSERT_REPLY.rows(uow.session, reply(person_id))
        assert earlier.id is not None and earlier.id < row_id  # flushed first, as autoflush does
        # Not committed: rolled back with the rest.
    with UnitOfWork(hub.session_factory) as uow:
        assert uow.session.scalars(select(OutboundMessage)).all() == []


def test_a_database_error_is_sqlalchemys_with_no_values_in_its_message(hub):
    person_id = a_person(hub)
    duplicate = PlainStatement(insert(Person.__table__).returning(Person.__table__.c.id),
                               ("id", "first_name", "language", "created_at"))
    with UnitOfWork(hub.session_factory) as uow:
        with pytest.raises(IntegrityError) as raised:
            duplicate.rows(uow.session, {"id": person_id, "first_name": "Secret Name",
                                         "language": "en", "created_at": SENT_AT})
    assert "Secret Name" not in str(raised.value)


def test_statements_it_cannot_run_faithfully_are_refused_when_first_used(hub):
    needs_defaults = PlainStatement(insert(Person.__table__), ("first_name",))
    in_list = PlainStatement(select(Person.id).where(Person.language.in_(["en", "pl"])))
    with UnitOfWork(hub.session_factory) as uow:
        with pytest.raises(ValueError, match="column defaults"):
            needs_defaults.rows(uow.session, {"first_name": "Ann"})
        with pytest.raises(ValueError, match="no IN lists"):
            in_list.rows(uow.session, {})
