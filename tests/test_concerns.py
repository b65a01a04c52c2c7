"""Safeguarding concerns: from a volunteer's CONCERN or a resident's words to every coordinator."""

from __future__ import annotations

from sqlalchemy import select

from bot.services.people.coordinators import add_coordinator
from bot.services.running.scheduler import run_due_work
from models import AuditEvent, Concern, ConcernStatus
from test_offers import add_volunteer, ask_for_help, say, waiting_for

CAROL, DEV = "+447700900501", "+447700900502"
LYDIA = "+447700900503"


def with_coordinators(hub) -> None:
    with hub.session_factory.begin() as session:
        add_coordinator(session, "phone", CAROL, "Carol", hub.clock())
        add_coordinator(session, "phone", DEV, "Dev", hub.clock())


def julia_has_lydias_shopping(hub) -> tuple[str, str]:
    julia = add_volunteer(hub, "Julia", "RM17 5AA")
    reference = ask_for_help(hub, LYDIA, "can someone get my shopping? I'm Lydia", "RM17 6SL",
                             "12 Orsett Road", "tomorrow", "yes")
    say(hub, julia, "yes")
    return julia, reference


def concerns(hub) -> list[Concern]:
    with hub.session_factory() as session:
        return list(session.scalars(select(Concern).order_by(Concern.id)))


def test_a_volunteers_concern_reaches_every_coordinator_at_once(hub):
    with_coordinators(hub)
    julia, reference = julia_has_lydias_shopping(hub)
    reply = say(hub, julia, "CONCERN Lydia seemed very confused and did not know what day it was")
    assert "gone to the coordinators" in reply.replies[0].body
    for coordinator in (CAROL, DEV):
        alert = waiting_for(hub, coordinator)[-1]
        assert alert.startswith("CONCERN C-")
        assert "Julia" in alert and julia in alert and "Lydia" in alert and LYDIA in alert
        assert reference in alert and "what day it was" in alert
    [concern] = concerns(hub)
    assert concern.status == ConcernStatus.OPEN and not concern.urgent
    assert concern.text == "Lydia seemed very confused and did not know what day it was"


def test_concern_on_its_own_asks_what_worries_them_then_takes_the_next_message(hub):
    with_coordinators(hub)
    julia, _ = julia_has_lydias_shopping(hub)
    assert "what worries you" in say(hub, julia, "concern").replies[0].body
    assert "gone to the coordinators" in say(hub, julia, "She had no heating on").replies[0].body
    assert concerns(hub)[0].text == "She had no heating on"
    assert "What do you need help with?" in say(hub, julia, "hello").replies[0].body


def test_danger_makes_it_urgent_repeated_until_a_coordinator_acknowledges(hub, clock):
    with_coordinators(hub)
    julia, _ = julia_has_lydias_shopping(hub)
    reply = say(hub, julia, "concern Lydia has had a fall and can't get up")
    assert "call 999 now" in reply.replies[0].body
    number = concerns(hub)[0].id
    assert waiting_for(hub, CAROL)[-1].startswith(f"URGENT CONCERN C-{number}")
    alerts = lambda: sum("URGENT" in body for body in waiting_for(hub, CAROL))  # noqa: E731
    clock.advance(minutes=2)
    run_due_work(hub.session_factory, hub.offers, hub.concerns, clock())
    assert alerts() == 1  # not yet: every 5 minutes by default
    clock.advance(minutes=4)
    run_due_work(hub.session_factory, hub.offers, hub.concerns, clock())
    assert alerts() == 2
    assert f"C-{number} is yours" in say(hub, DEV, f"ACK C-{number}").replies[0].body
    assert "Dev, a coordinator, is looking into it" in waiting_for(hub, julia)[-1]
    clock.advance(minutes=30)
    run_due_work(hub.session_factory, hub.offers, hub.concerns, clock())
    assert alerts() == 2
    assert concerns(hub)[0].status == ConcernStatus.ACKNOWLEDGED


def test_resolve_needs_a_note_and_closes_the_concern(hub):
    with_coordinators(hub)
    julia, _ = julia_has_lydias_shopping(hub)
    say(hub, julia, "CONCERN she has not been eating properly")
    number = concerns(hub)[0].id
    assert f"C-{number}" in say(hub, CAROL, "CONCERNS").replies[0].body
    assert "add a short note" in say(hub, CAROL, f"resolve {number}").replies[0].body
    assert "resolved" in say(hub, CAROL, f"RESOLVE C-{number} spoke to her GP, visit booked"
                             ).replies[0].body
    concern = concerns(hub)[0]
    assert concern.status == ConcernStatus.RESOLVED
    assert concern.resolution_note == "spoke to her GP, visit booked"
    assert "No open concerns" in say(hub, CAROL, "concerns").replies[0].body
    with hub.session_factory() as session:
        actions = session.scalars(select(AuditEvent.action)).all()
    assert {"concern.raised", "concern.resolved"} <= set(actions)


def test_a_residents_words_of_danger_get_advice_and_reach_the_coordinators(hub):
    with_coordinators(hub)
    reply = say(hub, "+447700900504", "I've fallen in the kitchen and can't get up")
    bodies = [r.body for r in reply.replies]
    assert "call 999 now" in bodies[0]
    # The advice alone: someone on the floor needs an ambulance, not the menu of kinds of help.
    assert not any("What do you need help with?" in body for body in bodies)
    alert = waiting_for(hub, CAROL)[-1]
    assert alert.startswith("URGENT CONCERN C-1 from someone (+447700900504) about themselves")
    assert concerns(hub)[0].source == "resident"


def test_concern_words_from_others_are_just_their_conversation(hub):
    with_coordinators(hub)
    for text in ("CONCERNS", "ACK C-1", "resolve 1 done"):
        body = say(hub, "+447700900505", text).replies[0].body
        assert "concern" not in body.lower()
    assert concerns(hub) == []


def test_a_concern_with_no_coordinator_is_kept(hub):
    julia, _ = julia_has_lydias_shopping(hub)
    assert "gone to the coordinators" in say(hub, julia, "CONCERN door was open").replies[0].body
    assert len(concerns(hub)) == 1


def test_a_would_be_volunteers_lived_experience_is_not_taken_for_danger(hub):
    with_coordinators(hub)
    say(hub, "+447700900506", "I'd like to volunteer")
    reply = say(hub, "+447700900506", "I nursed my dad after he had a fall and could not get up")
    assert "999" not in reply.replies[0].body
    assert concerns(hub) == []


def test_danger_a_volunteer_finds_on_the_job_names_the_task_and_the_resident(hub):
    # It had reached the coordinators as "from Julia about themselves, no task": they could
    # not tell whose door she was at.
    with_coordinators(hub)
    julia, reference = julia_has_lydias_shopping(hub)
    reply = say(hub, julia, "no answer and i can see her on the floor through the window")
    assert "999" in reply.replies[0].body
    alert = waiting_for(hub, CAROL)[-1]
    assert alert.startswith("URGENT CONCERN C-1 from Julia")
    assert "Lydia" in alert and LYDIA in alert and reference in alert
    [concern] = concerns(hub)
    assert concern.source == "volunteer" and concern.urgent


def test_danger_from_a_volunteer_with_no_task_in_hand_is_about_themselves(hub):
    with_coordinators(hub)
    julia = add_volunteer(hub, "Julia", "RM17 5AA")
    say(hub, julia, "I've fallen in the kitchen and can't get up")
    alert = waiting_for(hub, CAROL)[-1]
    assert alert.startswith("URGENT CONCERN C-1 from Julia") and "about themselves" in alert
