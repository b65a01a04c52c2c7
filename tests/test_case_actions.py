"""Coordinators act on one request: CANCEL, CLOSE, NOTE, CHANGE, REOPEN, URGENT."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.dialogue.types import AdminCommand
from models import AuditEvent, ContactIdentity, OfferStatus, Person, RequestStatus
from test_admin import coordinator_says, shopping_request
from test_offers import add_volunteer, offers_for, request_of, say, waiting_for

ALBERT = "+447700900602"  # shopping_request's resident


def history_of(hub, carol, reference) -> list[str]:
    return say(hub, carol, f"SHOW {reference}").replies[0].body.splitlines()[1:]


def events(hub, reference, action) -> list[AuditEvent]:
    with hub.session_factory() as session:
        return list(session.scalars(select(AuditEvent).where(
            AuditEvent.subject == reference, AuditEvent.action == action)))


def julia_near_a_shopping_request(hub) -> tuple[str, str]:
    """Julia, a volunteer a street away, and the reference of Albert's shopping request."""
    julia = add_volunteer(hub, "Julia", "RM17 5AA")
    return julia, shopping_request(hub)


# The words.

@pytest.mark.parametrize(("message", "effect"), [
    ("CANCEL R-7Q4K she found a neighbour", AdminCommand("cancel", "R-7Q4K she found a neighbour")),
    ("close R-7Q4K done by phone", AdminCommand("close", "R-7Q4K done by phone")),
    ("NOTE R-7Q4K spoke to her daughter", AdminCommand("note", "R-7Q4K spoke to her daughter")),
    ("CHANGE R-7Q4K when friday", AdminCommand("change", "R-7Q4K when friday")),
    ("REOPEN R-7Q4K", AdminCommand("reopen", "R-7Q4K")),
    ("URGENT R-7Q4K", AdminCommand("urgent", "R-7Q4K")),
])
def test_a_coordinator_acts_on_a_request_by_naming_it(message, effect):
    assert coordinator_says(message).effects == [effect]


@pytest.mark.parametrize("message", ["cancel", "change my address", "note", "urgent",
                                     "I want to cancel"])
def test_without_a_reference_the_words_are_the_coordinators_own(message):
    effects = coordinator_says(message).effects
    assert not any(isinstance(effect, AdminCommand) for effect in effects)


# The service.

def test_cancel_takes_the_residents_path_and_tells_the_volunteer_and_resident(hub, carol):
    julia, reference = julia_near_a_shopping_request(hub)
    say(hub, julia, "YES")
    assert request_of(hub, reference).status == RequestStatus.ASSIGNED
    assert "Please say why" in say(hub, carol, f"CANCEL {reference}").replies[0].body
    reply = say(hub, carol, f"CANCEL {reference} her son is doing it").replies[0].body
    assert f"{reference} is cancelled" in reply and "Julia, who had it, is told" in reply
    assert request_of(hub, reference).status == RequestStatus.CANCELLED
    assert "A coordinator has cancelled" in waiting_for(hub, julia)[-1]
    assert "her son is doing it" not in waiting_for(hub, julia)[-1]  # the resident's business
    assert "cancelled by a coordinator: her son is doing it" in waiting_for(hub, ALBERT)[-1]
    [event] = events(hub, reference, "request.cancelled")
    assert event.detail["by"] == "coordinator" and event.channel == "sms"
    assert any(line.startswith("Cancelled by Carol") and line.endswith("her son is doing it")
               for line in history_of(hub, carol, reference))
    again = say(hub, carol, f"CANCEL {reference} twice").replies[0].body
    assert "can't be done now" in again


def test_cancel_withdraws_offers_still_open(hub, carol):
    _, reference = julia_near_a_shopping_request(hub)
    say(hub, carol, f"CANCEL {reference} duplicate")
    assert [status for *_, status, _ in offers_for(hub, reference)] == [OfferStatus.WITHDRAWN]


def test_close_marks_it_done_with_the_reason(hub, carol):
    _, reference = julia_near_a_shopping_request(hub)
    assert "Please say why" in say(hub, carol, f"CLOSE {reference}").replies[0].body
    reply = say(hub, carol, f"CLOSE {reference} neighbour did it").replies[0].body
    assert f"{reference} is closed as done" in reply
    assert request_of(hub, reference).status == RequestStatus.DONE
    assert [status for *_, status, _ in offers_for(hub, reference)] == [OfferStatus.WITHDRAWN]
    assert any(line.startswith("Closed as done by Carol") and "neighbour did it" in line
               for line in history_of(hub, carol, reference))


def test_notes_are_kept_with_their_author_and_time(hub, carol, clock):
    reference = shopping_request(hub)
    assert "What is the note?" in say(hub, carol, f"NOTE {reference}").replies[0].body
    clock.advance(minutes=5)
    assert "Note added" in say(hub, carol, f"NOTE {reference} rang her, she is fine").replies[0].body
    [event] = events(hub, reference, "request.noted")
    assert event.detail["text"] == "rang her, she is fine"
    assert "Note by Carol at 10:05: rang her, she is fine" in history_of(hub, carol, reference)


def test_change_when_and_address_tells_the_volunteer_who_has_it(hub, carol):
    julia, reference = julia_near_a_shopping_request(hub)
    say(hub, julia, "YES")
    reply = say(hub, carol, f"CHANGE {reference} when friday").replies[0].body
    assert f"{reference} changed" in reply and "Julia, who had it, is told" in reply
    request = request_of(hub, reference)
    assert request.needed_on is not None and request.needed_on.weekday() == 4
    assert f"A coordinator has changed {reference}" in waiting_for(hub, julia)[-1]
    say(hub, carol, f"CHANGE {reference} address 14 Orsett Road RM17 6SL")
    request = request_of(hub, reference)
    assert (request.address_line, request.postcode) == ("14 Orsett Road", "RM17 6SL")
    assert "14 Orsett Road, RM17 6SL" in waiting_for(hub, julia)[-1]
    changes = [line for line in history_of(hub, carol, reference)
               if line.startswith("Changed by Carol")]
    assert len(changes) == 2 and changes[1].endswith("14 Orsett Road, RM17 6SL")


def test_change_kind_and_words_it_cannot_read(hub, carol):
    reference = shopping_request(hub)
    assert "What changes?" in say(hub, carol, f"CHANGE {reference}").replies[0].body
    assert "Which kind" in say(hub, carol, f"CHANGE {reference} kind zzz").replies[0].body
    say(hub, carol, f"CHANGE {reference} kind prescription")
    assert request_of(hub, reference).category == "prescription"


def test_reopen_starts_matching_again_and_urgent_marks_it(hub, carol):
    _, reference = julia_near_a_shopping_request(hub)
    assert "still open" in say(hub, carol, f"REOPEN {reference}").replies[0].body
    say(hub, carol, f"CANCEL {reference} by mistake")
    assert "can't be done now" in say(hub, carol, f"URGENT {reference}").replies[0].body
    assert "open again" in say(hub, carol, f"REOPEN {reference}").replies[0].body
    request = request_of(hub, reference)
    assert request.status in (RequestStatus.OFFERED, RequestStatus.MATCHING, RequestStatus.NEW)
    assert request.cancelled_at is None
    assert "marked urgent" in say(hub, carol, f"URGENT {reference}").replies[0].body
    assert request_of(hub, reference).urgency == "urgent"
    assert "already urgent" in say(hub, carol, f"URGENT {reference}").replies[0].body
    history = history_of(hub, carol, reference)
    assert any(line.startswith("Reopened by Carol") for line in history)
    assert any(line.startswith("Marked urgent by Carol") for line in history)


def test_reopen_tells_the_resident_once_in_their_own_language(hub, carol):
    _, reference = julia_near_a_shopping_request(hub)
    with hub.session_factory.begin() as session:
        session.scalars(select(Person).join(ContactIdentity).where(
            ContactIdentity.address == ALBERT)).one().language = "pl"
    say(hub, carol, f"CANCEL {reference} by mistake")
    told_before = len(waiting_for(hub, ALBERT))
    say(hub, carol, f"REOPEN {reference}")
    [told] = waiting_for(hub, ALBERT)[told_before:]
    assert told.startswith(f"Twoja prośba {reference} (zakupy) jest znowu otwarta")
    say(hub, carol, f"REOPEN {reference}")  # still open: nothing more to tell
    assert len(waiting_for(hub, ALBERT)) == told_before + 1


def test_reopen_offers_it_again_to_the_volunteer_who_had_it(hub, carol):
    julia, reference = julia_near_a_shopping_request(hub)
    say(hub, julia, "YES")
    say(hub, carol, f"CANCEL {reference} by mistake")
    say(hub, carol, f"REOPEN {reference}")
    assert [(name, status) for name, _, status, _ in offers_for(hub, reference)] == [
        ("Julia", OfferStatus.OFFERED)]
    assert waiting_for(hub, julia)[-1].startswith("Can you help? Albert needs shopping")
    assert request_of(hub, reference).status == RequestStatus.OFFERED
    # Her first acceptance no longer stands, so taking it again is the one accepted offer.
    assert f"{reference} is yours" in say(hub, julia, "YES").replies[0].body
    assert request_of(hub, reference).assigned_volunteer_id is not None
    assert [status for *_, status, _ in offers_for(hub, reference)] == [OfferStatus.ACCEPTED]


def test_after_reopening_another_volunteer_can_take_what_the_first_one_had(hub, carol):
    julia, reference = julia_near_a_shopping_request(hub)
    say(hub, julia, "YES")
    say(hub, carol, f"CANCEL {reference} by mistake")
    kai = add_volunteer(hub, "Kai", "RM17 5AA")
    say(hub, carol, f"REOPEN {reference}")
    offered = {name for name, _, status, _ in offers_for(hub, reference)
               if status == OfferStatus.OFFERED}
    assert offered == {"Julia", "Kai"}
    say(hub, julia, f"NO {reference}")
    assert f"{reference} is yours" in say(hub, kai, f"YES {reference}").replies[0].body
    assert request_of(hub, reference).status == RequestStatus.ASSIGNED


def test_reopen_offers_it_again_to_whose_open_offer_the_cancel_withdrew(hub, carol):
    julia, reference = julia_near_a_shopping_request(hub)
    say(hub, carol, f"CANCEL {reference} by mistake")
    assert "cancelled" in say(hub, julia, f"YES {reference}").replies[0].body
    say(hub, carol, f"REOPEN {reference}")
    assert [(name, status) for name, _, status, _ in offers_for(hub, reference)] == [
        ("Julia", OfferStatus.OFFERED)]
    assert waiting_for(hub, julia)[-1].startswith("Can you help? Albert needs shopping")


def test_reopen_does_not_ask_again_who_said_no(hub, carol):
    julia, reference = julia_near_a_shopping_request(hub)
    say(hub, julia, "NO")
    say(hub, carol, f"CLOSE {reference} neighbour did it")
    say(hub, carol, f"REOPEN {reference}")
    assert [(name, status) for name, _, status, _ in offers_for(hub, reference)] == [
        ("Julia", OfferStatus.DECLINED)]
    assert request_of(hub, reference).status == RequestStatus.NEW


def test_case_actions_are_refused_to_residents(hub):
    reference = shopping_request(hub)
    say(hub, "+447700900603", f"CLOSE {reference} done")
    assert request_of(hub, reference).status != RequestStatus.DONE
    assert not events(hub, reference, "request.closed")


def test_an_unknown_reference_is_said_so(hub, carol):
    assert "can't find a request R-ZZZZ" in say(hub, carol, "NOTE R-ZZZZ hello").replies[0].body
