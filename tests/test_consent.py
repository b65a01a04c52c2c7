"""WITHDRAW CONSENT stops the hub using someone's details without erasing them; GIVE CONSENT
undoes it."""

from __future__ import annotations

import csv
import io
from sqlalchemy import select

from bot.dialogue.engine import recognise_command
from bot.dialogue.types import State
from bot.services.coordinating.exports import export_requests
from bot.services.people.privacy import purge_expired_personal_data
from models import (
    AuditEvent,
    ContactIdentity,
    OfferStatus,
    Person,
    RequestStatus,
    VolunteerProfile,
)
from test_offers import add_volunteer, ask_for_help, offers_for, request_of, say, waiting_for

ALBERT = "+447700900801"


def prescription_request(hub, phone: str = ALBERT) -> str:
    return ask_for_help(hub, phone, "could someone collect my prescription tomorrow? I'm Albert",
                        "RM17 6SL", "12 Orsett Road", "yes")


def person(hub, phone: str) -> Person:
    with hub.session_factory() as session:
        return session.scalar(select(Person).join(ContactIdentity).where(
            ContactIdentity.address == phone))


def profile(hub, phone: str) -> VolunteerProfile:
    with hub.session_factory() as session:
        return session.get(VolunteerProfile, person(hub, phone).id)


def events(hub, action: str) -> list[AuditEvent]:
    with hub.session_factory() as session:
        return list(session.scalars(select(AuditEvent).where(AuditEvent.action == action)
                                    .order_by(AuditEvent.id)))


def reply(hub, phone: str, text: str) -> str:
    return " ".join(r.body for r in say(hub, phone, text).replies)


def test_the_words_are_whole_phrases_that_no_other_command_uses():
    for words in ("WITHDRAW CONSENT", "withdraw my consent.", "Revoke consent"):
        assert recognise_command(words, State()) == "withdraw_consent"
    for words in ("GIVE CONSENT", "give consent again", "restore my consent"):
        assert recognise_command(words, State()) == "give_consent"
    # A lone word may answer the consent question of a request; STOP is SMS's own.
    for words in ("consent", "I consent", "withdraw", "stop", "forget me"):
        assert recognise_command(words, State()) not in ("withdraw_consent", "give_consent")


def test_withdrawing_consent_asks_first_and_no_changes_nothing(hub):
    reference = prescription_request(hub)
    asked = say(hub, ALBERT, "Withdraw consent").replies[0]
    assert asked.body.startswith("Withdraw your consent?")
    assert "FORGET ME" in asked.body and "GIVE CONSENT" in asked.body
    assert [c.value for c in asked.choices] == ["YES", "NO"]
    assert reply(hub, ALBERT, "no") == "OK, nothing has changed."
    assert request_of(hub, reference).status != RequestStatus.CANCELLED
    assert person(hub, ALBERT).consent_withdrawn_at is None
    assert events(hub, "consent.withdrawn") == []


def test_a_resident_who_withdraws_has_open_requests_cancelled_but_nothing_erased(hub, clock):
    julia = add_volunteer(hub, "Julia", "RM17 5AA", skills=("prescription",))
    reference = prescription_request(hub)
    say(hub, julia, f"yes {reference}")
    assert request_of(hub, reference).status == RequestStatus.ASSIGNED

    say(hub, ALBERT, "WITHDRAW CONSENT")
    done = reply(hub, ALBERT, "yes")
    assert done.startswith("Done: your consent is withdrawn.")
    assert f"1 open request cancelled: {reference}." in done
    assert "FORGET ME" in done and "GIVE CONSENT" in done

    request = request_of(hub, reference)
    assert request.status == RequestStatus.CANCELLED and request.cancelled_at == clock()
    told = waiting_for(hub, julia)[-1]
    assert reference in told and "withdrew consent" in told and "Albert" not in told
    albert = person(hub, ALBERT)
    assert albert.consent_withdrawn_at == clock()
    # Withdrawing is not erasing: the records stay until the retention limit or FORGET ME.
    assert albert.erased_at is None and albert.first_name == "Albert"
    assert request.address_line == "12 Orsett Road" and request.consent_given
    [event] = events(hub, "consent.withdrawn")
    assert (event.actor_person_id, event.channel) == (albert.id, "sms")
    assert event.detail == {"requests_cancelled": [reference], "offers_withdrawn": 0,
                            "paused": False}

    clock.advance(days=hub.settings.retention_days + 1)
    assert purge_expired_personal_data_now(hub, clock) == 1
    assert request_of(hub, reference).address_line is None


def purge_expired_personal_data_now(hub, clock) -> int:
    with hub.session_factory.begin() as session:
        return purge_expired_personal_data(session, clock(), hub.settings.retention_days)


def test_a_volunteer_who_withdraws_gets_no_offers_until_consent_is_given_again(hub, clock):
    julia = add_volunteer(hub, "Julia", "RM17 5AA", skills=("prescription",))
    reference = prescription_request(hub)
    assert [status for _, _, status, _ in offers_for(hub, reference)] == [OfferStatus.OFFERED]

    say(hub, julia, "withdraw my consent")
    done = reply(hub, julia, "yes")
    assert "You'll get no more offers." in done
    assert profile(hub, julia).paused
    # Her open offer is withdrawn and the request moves on (nobody else: to the queue).
    assert [status for _, _, status, _ in offers_for(hub, reference)] == [OfferStatus.WITHDRAWN]
    assert request_of(hub, reference).status == RequestStatus.NEW
    assert events(hub, "consent.withdrawn")[0].detail["paused"] is True

    assert "Text GIVE CONSENT first" in reply(hub, julia, "RESUME")
    assert profile(hub, julia).paused
    again = reply(hub, julia, "give consent")
    assert "your consent is recorded again" in again and "Text RESUME" in again
    assert person(hub, julia).consent_withdrawn_at is None
    [given] = events(hub, "consent.given")
    assert given.detail["how"] == "give_consent"
    assert "Welcome back" in reply(hub, julia, "RESUME")
    assert not profile(hub, julia).paused


def test_a_volunteer_keeps_the_tasks_already_taken(hub):
    julia = add_volunteer(hub, "Julia", "RM17 5AA", skills=("prescription",))
    reference = prescription_request(hub)
    say(hub, julia, f"yes {reference}")
    say(hub, julia, "withdraw consent")
    assert "Tasks you've taken stay yours" in reply(hub, julia, "yes")
    assert request_of(hub, reference).status == RequestStatus.ASSIGNED


def test_withdrawing_twice_or_giving_consent_that_stands_changes_nothing(hub):
    assert "Your consent stands" in reply(hub, ALBERT, "GIVE CONSENT")
    say(hub, ALBERT, "withdraw consent")
    say(hub, ALBERT, "yes")
    assert "already withdrawn" in reply(hub, ALBERT, "withdraw consent")
    assert len(events(hub, "consent.withdrawn")) == 1
    assert events(hub, "consent.given") == []


def test_yes_to_a_new_requests_consent_question_gives_consent_again(hub):
    first = prescription_request(hub)
    say(hub, ALBERT, "withdraw consent")
    say(hub, ALBERT, "yes")
    second = prescription_request(hub)
    assert second != first and request_of(hub, second).consent_given
    assert person(hub, ALBERT).consent_withdrawn_at is None
    [given] = events(hub, "consent.given")
    assert given.detail["how"] == second


def test_the_requests_export_shows_a_withdrawn_consent(hub):
    kept = prescription_request(hub, "+447700900802")
    withdrawn = prescription_request(hub)
    say(hub, ALBERT, "withdraw consent")
    say(hub, ALBERT, "yes")
    stream = io.StringIO()
    with hub.session_factory() as session:
        export_requests(session, stream)
    consent = {row["reference"]: row["consent"]
               for row in csv.DictReader(io.StringIO(stream.getvalue()))}
    assert consent == {kept: "yes", withdrawn: "withdrawn"}


def test_a_withdrawal_is_remembered_across_messages_and_shown_to_the_dialogue(hub, clock):
    say(hub, ALBERT, "withdraw consent")
    say(hub, ALBERT, "yes")
    clock.advance(days=1)
    assert person(hub, ALBERT).consent_withdrawn_at is not None
    assert "already withdrawn" in reply(hub, ALBERT, "revoke my consent")
