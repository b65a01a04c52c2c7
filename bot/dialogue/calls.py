"""Check-in calls in the conversation: agreeing when, logging how it went, changes.

After winning a befriending task the volunteer is asked when they will ring
("Tuesdays 2pm"). When a call has come due they log it with DONE (and a note
if they like), NO ANSWER or RESCHEDULE and a time. Either side can PAUSE
CALLS until a date or END CALLS; a resident can say nobody called.
"""

from __future__ import annotations

from bot.dialogue import parsing
from bot.dialogue.turn import Turn
from bot.dialogue.types import (
    ChangeCalls,
    Inbound,
    LogCall,
    ReportNoCall,
    SetCallPlan,
    StartCall,
    State,
)

PLAN_FLOW = "call_plan"
NO_ANSWER_PHRASES = ("no answer", "no reply", "didn't answer", "didnt answer", "did not answer",
                     "not answering", "no one answered", "nobody answered")
NOBODY_CALLED_PHRASES = ("no one called", "nobody called", "no one rang", "nobody rang",
                         "no call", "no phone call", "didn't call", "didnt call",
                         "hasn't called", "hasnt called", "did not call", "not called",
                         "no one phoned", "nobody phoned", "didn't ring", "didnt ring")


def ask_for_plan(turn: Turn, reference: str, name: str, preference: str) -> State:
    turn.say("calls_ask_when", name=name, preference=preference)
    return State(PLAN_FLOW, "when", {"reference": reference})


def understand(state: State, inbound: Inbound, turn: Turn) -> State | None:
    """Handle a message about check-in calls; None when it is about something else."""
    text_words = parsing.words_of(inbound.text)
    person = inbound.person
    if state.flow == PLAN_FLOW:
        return read_plan(state, inbound, turn)
    first = parsing.first_word(inbound.text)
    if "coordinator" in person.roles and first in ("end", "stop") and parsing.contains_phrase(
            text_words, "calls") and parsing.find_reference(inbound.text):
        turn.do(ChangeCalls("end", reference=parsing.find_reference(inbound.text)))
        return State()
    if person.has_calls and parsing.contains_phrase(text_words, "calls"):
        if first in ("end", "stop"):
            turn.do(ChangeCalls("end"))
            return State()
        if first in ("change", "move"):
            call = parsing.parse_call_time(inbound.text)
            if call is None:
                turn.say("calls_ask_when_again")
                return state
            turn.do(SetCallPlan(None, call))
            return State()
        if first == "pause":
            found = parsing.find_when(inbound.text, inbound.received_at.date())
            turn.do(ChangeCalls("pause", found[0] if found else None))
            return State()
    if person.has_calls and person.volunteer is not None and parsing.first_word(
            inbound.text) in ("call", "ring", "connect") and len(text_words.split()) <= 3:
        turn.do(StartCall())
        return State()
    if person.call_pending_with is not None:
        logged = read_outcome(inbound, turn)
        if logged is not None:
            return logged
    elif calls_are_all_their_tasks(inbound) and parsing.first_word(inbound.text) == "done" \
            and not parsing.find_reference(inbound.text):
        # A befriending match is not "done" after one call: END CALLS ends it.
        turn.say("call_none_pending")
        return State()
    if person.has_calls and person.volunteer is None and any(
            parsing.contains_phrase(text_words, phrase) for phrase in NOBODY_CALLED_PHRASES):
        turn.do(ReportNoCall())
        return State()
    return None


def calls_are_all_their_tasks(inbound: Inbound) -> bool:
    volunteer = inbound.person.volunteer
    return (inbound.person.has_calls and volunteer is not None and bool(volunteer.tasks)
            and all(task.category == "befriending" for task in volunteer.tasks))


def read_plan(state: State, inbound: Inbound, turn: Turn) -> State:
    call = parsing.parse_call_time(inbound.text)
    if call is None:
        turn.say("calls_ask_when_again")
        return state
    turn.do(SetCallPlan(state.data["reference"], call))
    return State()


def read_outcome(inbound: Inbound, turn: Turn) -> State | None:
    if parsing.find_reference(inbound.text):
        return None  # "DONE R-7Q4K" is about a task, not a call
    text_words = parsing.words_of(inbound.text)
    first = parsing.first_word(inbound.text)
    if first in ("done", "called", "rang", "spoke"):
        note = parsing.clean(inbound.text).split(maxsplit=1)
        turn.do(LogCall("done", note[1] if len(note) > 1 else ""))
        return State()
    if any(parsing.contains_phrase(text_words, phrase) for phrase in NO_ANSWER_PHRASES):
        turn.do(LogCall("no_answer"))
        return State()
    if first in ("reschedule", "rescheduled", "moved", "move"):
        found = parsing.find_when(inbound.text, inbound.received_at.date())
        minute = parsing.clock_minutes(parsing.clean(inbound.text).lower())
        turn.do(LogCall("rescheduled", retry_on=found[0] if found else None,
                        retry_minute=minute))
        return State()
    return None
