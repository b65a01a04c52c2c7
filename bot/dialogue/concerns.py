"""Safeguarding in the conversation: a volunteer's CONCERN, danger in a resident's words,
and the coordinators' CONCERNS / ACK / RESOLVE.

A volunteer can say CONCERN at any point, with their worry in the same
message or the next. Words that suggest danger make it urgent and the
volunteer is told to call 999 first. A resident whose message suggests
danger gets the emergency advice and the coordinators are told; their
conversation then carries on as usual.
"""

from __future__ import annotations

from bot.understanding import Context, Reading, parsing, polish, read
from bot.understanding.danger import to_life
from bot.dialogue.turn import Turn
from bot.dialogue.types import FlagDanger, Inbound, ManageConcern, RaiseConcern, State

FLOW = "concern"
CONCERN_WORDS = {"concern", "concerned", "safeguarding", "worried"}
COORDINATOR_WORDS = {"concerns": "list", "ack": "ack", "acknowledge": "ack", "resolve": "resolve"}


def can_raise(inbound: Inbound) -> bool:
    return bool(inbound.person.roles & {"volunteer", "coordinator"})


def is_coordinator(inbound: Inbound) -> bool:
    return "coordinator" in inbound.person.roles


def understand(state: State, inbound: Inbound, turn: Turn) -> State | None:
    """Handle a concern or a coordinator's concern command; None when the message is neither."""
    word = parsing.first_word(inbound.text)
    if is_coordinator(inbound) and word in COORDINATOR_WORDS:
        return manage(COORDINATOR_WORDS[word], inbound, turn, state)
    if can_raise(inbound) and (word in CONCERN_WORDS
                               or polish.first_word(inbound.text) in polish.CONCERN_FIRST):
        worry = parsing.clean(inbound.text)[len(word):].strip(" :,-.")
        if polish.first_word(worry) == "sie":  # "martwię się o ...": the worry follows
            worry = worry[3:].strip(" :,-.")
        if not parsing.has_letters_or_digits(worry):
            turn.say("concern_ask")
            return State(FLOW, "text", {})
        return raise_concern(worry, turn)
    if state.flow == FLOW:
        if not parsing.has_letters_or_digits(inbound.text):
            turn.say("concern_ask")
            return state
        return raise_concern(parsing.clean(inbound.text), turn)
    return None


def raise_concern(worry: str, turn: Turn) -> State:
    # Read as an answer: the volunteer chose to raise it; URGENT is for danger now.
    urgent = read(worry, Context(step=f"{FLOW}.text")).danger is not None
    turn.do(RaiseConcern(worry, urgent, parsing.find_reference(worry)))
    turn.say("concern_received_urgent" if urgent else "concern_received")
    return State()


def manage(action: str, inbound: Inbound, turn: Turn, state: State) -> State:
    if action == "list":
        turn.do(ManageConcern("list"))
        return state
    number = parsing.concern_number(inbound.text)
    if number is None:
        turn.say("concern_which", action=action.upper())
        return state
    note = ""
    if action == "resolve":
        words = parsing.clean(inbound.text).split(maxsplit=2)
        note = words[2] if len(words) > 2 else ""
    turn.do(ManageConcern(action, number, note))
    return state


def takes_help_beside_danger(reading: Reading) -> bool:
    """Whether help asked for beside danger is taken as a request as well as the alert: a
    kind of help on our list is ("no food 3 days, can someone get me shopping"). "Something
    else" beside danger to life ("can someone change my locks, he's coming back", "could
    someone post these letters, they're for after") is the coordinator's to arrange when
    they call: the hub alone does not send a volunteer into a break-in, a fire or a goodbye
    errand."""
    return reading.asks_for_help and not (
        reading.danger is not None and reading.kinds == ("other",)
        and to_life(reading.danger.kind))


def flag_danger(inbound: Inbound, turn: Turn) -> bool:
    """Words that suggest someone is in danger now: the advice for that danger at once (999,
    and Samaritans, the abuse helpline or the gas line where they fit), and the coordinators
    alerted until one answers. Coordinators' own messages are theirs to act on."""
    danger = turn.reading.danger
    if danger is None or is_coordinator(inbound):
        return False
    turn.do(FlagDanger(turn.reading.text, danger.kind))
    turn.say(f"danger_advice.{danger.kind}")
    return True
