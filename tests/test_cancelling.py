"""Cancelling a request tells everyone it touches: offers close, the volunteer hears, calls stop."""

from __future__ import annotations

from sqlalchemy import select

from bot.services.people.coordinators import add_coordinator
from models import AuditEvent, CallSchedule, Offer, OfferStatus, RequestStatus, ScheduleStatus
from test_checkins import calls, tick
from test_offers import add_volunteer, ask_for_help, request_of, say, waiting_for

LYDIA, ALBERT, CAROL = "+447700900801", "+447700900802", "+447700900803"


def lydia_asks_for_shopping(hub) -> str:
    return ask_for_help(hub, LYDIA, "Could someone do my shopping tomorrow? I'm Lydia",
                        "RM17 6SL", "12 Orsett Road", "yes")


def test_a_resident_who_cancels_an_accepted_task_has_the_volunteer_told_at_once(hub):
    julia = add_volunteer(hub, "Julia", "RM17 5AA")
    reference = lydia_asks_for_shopping(hub)
    assert "marked as yours" in " ".join(r.body for r in say(hub, julia, "yes").replies) or \
        request_of(hub, reference).status == RequestStatus.ASSIGNED
    assert "Cancel" in say(hub, LYDIA, "cancel").replies[0].body
    told = say(hub, LYDIA, "yes").replies[0].body
    assert f"{reference} is cancelled. We've told Julia" in told
    assert f"Lydia has cancelled {reference} (shopping)" in waiting_for(hub, julia)[-1]
    assert "please don't go" in waiting_for(hub, julia)[-1]
    assert request_of(hub, reference).status == RequestStatus.CANCELLED
    with hub.session_factory() as session:
        event = session.scalars(select(AuditEvent).where(
            AuditEvent.action == "request.cancelled")).one()
        assert event.detail["by"] == "resident" and event.detail["volunteer_told"] is True


def test_cancelling_while_offers_are_out_closes_every_offer_quietly(hub):
    volunteers = [add_volunteer(hub, name, "RM17 5AA") for name in ("Ian", "Grace", "Sam")]
    reference = lydia_asks_for_shopping(hub)
    say(hub, LYDIA, "I don't need the shopping any more, my daughter is coming")
    assert "is cancelled" in say(hub, LYDIA, "yes").replies[0].body
    with hub.session_factory() as session:
        assert set(session.scalars(select(Offer.status))) == {OfferStatus.WITHDRAWN}
    late = " ".join(r.body for r in say(hub, volunteers[0], f"YES {reference}").replies)
    assert "cancelled" in late.lower() or "no longer" in late.lower()
    assert request_of(hub, reference).status == RequestStatus.CANCELLED


def test_cancelling_befriending_ends_the_calls_and_the_caller_is_asked_not_to_ring(hub, clock):
    with hub.session_factory.begin() as session:
        add_coordinator(session, "phone", CAROL, "Carol", hub.clock())
    ann = add_volunteer(hub, "Ann", "RM17 5AA")
    reference = ask_for_help(hub, ALBERT, "Could someone ring me for a chat now and then? "
                             "I'm Albert", "RM17 6SL", "I'm 84", "afternoons", "yes")
    say(hub, ann, "yes")
    say(hub, ann, "Wednesdays 2pm")
    say(hub, ALBERT, f"cancel {reference}")
    told = say(hub, ALBERT, "yes").replies[0].body
    assert "regular calls with Ann have stopped" in told
    assert "please don't ring again" in waiting_for(hub, ann)[-1]
    with hub.session_factory() as session:
        assert session.scalars(select(CallSchedule)).one().status == ScheduleStatus.ENDED
    before = len(waiting_for(hub, ann))
    tick(hub, clock, days=8)  # a week on: no reminder, nothing missed, no alert
    assert len(waiting_for(hub, ann)) == before
    assert calls(hub) == []
    assert not any("CALLS MISSED" in body for body in waiting_for(hub, CAROL))


def test_cancelling_twice_is_harmless(hub):
    reference = lydia_asks_for_shopping(hub)
    say(hub, LYDIA, f"cancel {reference}")
    say(hub, LYDIA, "yes")
    again = say(hub, LYDIA, f"cancel {reference}").replies[0].body
    assert "can't find an open request" in again
    with hub.session_factory() as session:
        assert len(session.scalars(select(AuditEvent).where(
            AuditEvent.action == "request.cancelled")).all()) == 1
