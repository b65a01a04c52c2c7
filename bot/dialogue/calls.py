"""Check-in calls in the conversation: agreeing when, logging how it went, changes.

After winning a befriending task the volunteer is asked when they will ring
("Tuesdays 2pm"). When a call has come due they log it with DONE (and a note
if they like), NO ANSWER or RESCHEDULE and a time. Either side can PAUSE
CALLS until a date or END CALLS; a resident can say nobody called.
"""

from __future__ import annotations

from bot.understanding import parsing, polish
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
END_FLOW = "end_calls"
NO_ANSWER_PHRASES = ("no answer", "no reply", "didn't answer", "didnt answer", "did not answer",
                     "not answering", "no one answered", "nobody answered")
NOBODY_CALLED_PHRASES = ("no one called", "nobody called", "no one rang", "nobody rang",
                         "no call", "no phone call", "didn't call", "didnt call",
                         "hasn't called", "hasnt called", "did not call", "not called",
                         "no one phoned", "nobody phoned", "didn't ring", "didnt ring")


def log_call_done(inbound: Inbound, turn: Turn) -> State:
    """The call is done: what follows the first word is the note ("DONE 30 min, she was
    cheerful"), and the time said is the time given."""
    note = parsing.clean(inbound.text).split(maxsplit=1)
    turn.do(LogCall("done", note[1] if len(note) > 1 else "", minutes=turn.reading.minutes))
    return State()


def first_is(inbound: Inbound, english: tuple[str, ...], in_polish: set[str]) -> bool:
    """Whether the message starts with one of these words, in English or in Polish."""
    return (parsing.first_word(inbound.text) in english
            or polish.first_word(inbound.text) in in_polish)


def names_calls(inbound: Inbound) -> bool:
    """"calls", or Polish "rozmowy": END CALLS is KONIEC ROZMÓW."""
    return (parsing.contains_phrase(parsing.words_of(inbound.text), "calls")
            or polish.has_any(polish.fold(inbound.text), polish.CALLS))


def ask_for_plan(turn: Turn, reference: str, name: str, preference: str) -> State:
    turn.say("calls_ask_when", name=name, preference=preference)
    return State(PLAN_FLOW, "when", {"reference": reference})


def understand(state: State, inbound: Inbound, turn: Turn) -> State | None:
    """Handle a message about check-in calls; None when it is about something else."""
    text_words = parsing.words_of(inbound.text)
    person = inbound.person
    if state.flow == PLAN_FLOW:
        return read_plan(state, inbound, turn)
    if "coordinator" in person.roles and first_is(inbound, ("end", "stop"), polish.END_FIRST) \
            and names_calls(inbound) and parsing.find_reference(inbound.text):
        turn.do(ChangeCalls("end", reference=parsing.find_reference(inbound.text)))
        return State()
    if state.flow == END_FLOW:
        ended = confirm_end(state, inbound, turn)
        if ended is not None:
            return ended
    if person.has_calls and names_calls(inbound):
        if first_is(inbound, ("end", "stop"), polish.END_FIRST):
            # Ending someone's calls is not undone by a text: ask first.
            reference = parsing.find_reference(inbound.text)
            turn.say("calls_end_confirm", choices=turn.yes_no())
            return State(END_FLOW, "confirm", {"reference": reference})
        if first_is(inbound, ("change", "move"), polish.CHANGE_FIRST):
            call = parsing.parse_call_time(inbound.text)
            if call is None:
                turn.say("calls_ask_when_again")
                return state
            turn.do(SetCallPlan(None, call))
            return State()
        if first_is(inbound, ("pause",), polish.PAUSE_FIRST):
            found = parsing.find_when(inbound.text, inbound.received_at.date())
            turn.do(ChangeCalls("pause", found[0] if found else None))
            return State()
    if person.has_calls and person.volunteer is not None and first_is(
            inbound, ("call", "ring", "connect"), polish.CALL_NOW_FIRST) \
            and len(text_words.split()) <= 3:
        turn.do(StartCall())
        return State()
    if person.call_pending_with is not None:
        logged = read_outcome(inbound, turn)
        if logged is not None:
            return logged
    elif calls_are_all_their_tasks(inbound) and first_is(inbound, ("done",), polish.DONE) \
            and not parsing.find_reference(inbound.text):
        # A befriending match is not "done" after one call: this is today's call, rung
        # before it was due; the calls carry on until END CALLS.
        return log_call_done(inbound, turn)
    if person.has_calls and person.volunteer is None and (any(
            parsing.contains_phrase(text_words, phrase) for phrase in NOBODY_CALLED_PHRASES)
            or polish.has_any(polish.fold(inbound.text), polish.NOBODY_CALLED)):
        turn.do(ReportNoCall())
        return State()
    return None


def confirm_end(state: State, inbound: Inbound, turn: Turn) -> State | None:
    """YES ends the calls (both told by the service); NO keeps them."""
    answer = parsing.parse_yes_no(inbound.text)
    if answer is None:
        return None
    if answer:
        turn.do(ChangeCalls("end", reference=state.data.get("reference")))
    else:
        turn.say("calls_kept")
    return State()


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
    if parsing.starts_a_report(inbound.text):
        return log_call_done(inbound, turn)
    if any(parsing.contains_phrase(text_words, phrase) for phrase in NO_ANSWER_PHRASES) \
            or polish.has_any(polish.fold(inbound.text), polish.NO_ANSWER):
        turn.do(LogCall("no_answer"))
        return State()
    if first_is(inbound, ("reschedule", "rescheduled", "moved", "move"), polish.RESCHEDULE_FIRST):
        found = parsing.find_when(inbound.text, inbound.received_at.date())
        minute = parsing.clock_minutes(parsing.clean(inbound.text).lower())
        turn.do(LogCall("rescheduled", retry_on=found[0] if found else None,
                        retry_minute=minute))
        return State()
    return None
