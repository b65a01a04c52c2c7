"""A volunteer's own words about their tasks and calls stay in the volunteer's world.

"I rang her early today, we had a lovely chat" from someone with regular calls is
today's call, not a new request: the hub asks before logging it ("Shall I log
today's call with Rose as done?"). "Dropped the shopping off" is a task done. Only a
clear request ("I need someone to get my own shopping, I've broken my wrist") starts a
resident's request; anything else shows what is waiting for them.
"""

from __future__ import annotations

from bot.dialogue import money, offers, wording
from bot.dialogue.turn import Turn
from bot.dialogue.types import Inbound, MarkTaskDone, RequestSummary, State
from bot.understanding import parsing, reports

FLOW = "task_news"
# A volunteer with tasks starts a request of their own only when the reader is this sure
# that one is asked for, and nothing in the words reports what they did.
CLEARLY_ASKS = 0.9


def understand(inbound: Inbound, turn: Turn) -> State | None:
    """Words from a volunteer with tasks (or telling of one done), read against their
    tasks; None when they clearly ask for help themselves, or have no tasks to tell of."""
    volunteer = inbound.person.volunteer
    reading = turn.reading
    if volunteer is None or not (volunteer.tasks or reading.reported):
        return None
    if reading.reported is None and reading.intent == "request" \
            and reading.intents[0].confidence >= CLEARLY_ASKS:
        return None
    calls = [t for t in volunteer.tasks if t.category == "befriending"]
    errands = [t for t in volunteer.tasks if t.category != "befriending"]
    if reading.reported == reports.CALL and calls \
            or reading.reported == reports.DONE and calls and not errands:
        task = which_task(calls, inbound, turn)
        if task is None:
            return State()
        turn.say("log_call_confirm", choices=turn.yes_no(),
                 name=wording.task_person(task, turn.t))
        return State(FLOW, "call", {"reference": task.reference, "note": reading.text})
    if reading.reported == reports.DONE and errands:
        task = which_task(errands, inbound, turn)
        if task is None:
            return State()
        turn.say("task_done_confirm", choices=turn.yes_no(), reference=task.reference,
                 category=turn.category_name(task.category),
                 name=wording.task_person(task, turn.t))
        return State(FLOW, "done", {"reference": task.reference})
    return offers.remind(inbound, turn)


def which_task(tasks: list[RequestSummary], inbound: Inbound, turn: Turn
               ) -> RequestSummary | None:
    """The task the words are about: the only one, or the one whose person they name."""
    if len(tasks) == 1:
        return tasks[0]
    words = set(parsing.words_of(inbound.text).split())
    named = [t for t in tasks
             if any(name and name.lower() in words for name in (t.first_name, t.helped_name))]
    if len(named) == 1:
        return named[0]
    turn.say("done_which", reference=tasks[0].reference)
    return None


def confirm(state: State, inbound: Inbound, turn: Turn) -> State | None:
    """YES logs the call or marks the task done; NO logs nothing; anything else is read
    afresh (None)."""
    answer = turn.reading.yes_no
    if answer is None:
        return None
    reference = state.data["reference"]
    if not answer:
        turn.say("task_news_kept")
        return State()
    if state.step == "call":
        turn.do(MarkTaskDone(reference, note=state.data.get("note", "")))
        return State()
    task = next((t for t in inbound.person.volunteer.tasks if t.reference == reference), None)
    if task is None:  # given back or reassigned in the meantime
        turn.say("task_unknown", reference=reference)
        return State()
    return money.finish_task(task, "", turn)
