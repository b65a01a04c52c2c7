"""Answering a check-up: someone on a coordinator's list was asked whether they are all right
(bot/services/calls/campaigns.py sends the question and sets this flow).

"1", "2" or "3" (or help asked for in their own words) starts the resident's usual request,
with what the list already told us (name, postcode) filled in, so only what is missing is
asked; "OK", "fine", "thanks" mark them fine; a "no" or a plea with no kind gets the menu of
kinds. Words the reader cannot place are asked about once more, then passed to a coordinator
to ring, so a reply is never lost.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.dialogue import resident
from bot.dialogue.turn import Turn
from bot.dialogue.types import Inbound, State
from bot.understanding import parsing

FLOW = "campaign"
STEP = "reply"
AGAIN = "again"  # the words were not understood once: asked again, then passed on
FINE, HELP, UNCLEAR = "fine", "help", "unclear"  # models.CheckUpReply


@dataclass(frozen=True)
class CheckUpAnswered:
    """What the person answered to their check-up (`member` is their place on the list)."""

    member: int
    answer: str  # FINE, HELP or UNCLEAR
    words: str


def reply_state(member_id: int, name: str, postcode: str | None, latitude: float | None,
                longitude: float | None) -> State:
    """The conversation a check-up waits in: what the list says, for a request to start
    from."""
    data: dict = {"member": member_id, "name": name}
    if postcode and latitude is not None and longitude is not None:
        data.update(postcode=postcode, latitude=latitude, longitude=longitude,
                    precision="postcode")
    return State(FLOW, STEP, data)


def understand(state: State, inbound: Inbound, turn: Turn) -> State:
    data = state.data
    words = parsing.clean(inbound.text)
    reading = turn.reading
    chosen = parsing.menu_choice(words)
    if chosen is not None or (reading.kinds and not reading.kinds_guessed):
        return help_asked(data, words, chosen, turn)
    if reading.kinds_guessed:
        return help_asked(data, words, None, turn)  # the resident's flow asks "Is it ...?"
    if says_fine(words, turn):
        turn.do(CheckUpAnswered(data["member"], FINE, words))
        turn.say("campaign.fine", name=data.get("name", ""))
        return State()
    if reading.yes_no is False or reading.says("request") or parsing.is_general_ask(words):
        # "No", "not really", "I need help": help, of a kind still to be said.
        turn.do(CheckUpAnswered(data["member"], HELP, words))
        return resident.ask("category", "ask_category", draft_from(data), turn,
                            "campaign.sorry")
    if state.step == AGAIN:
        # Twice not understood: a coordinator rings rather than a third question.
        turn.do(CheckUpAnswered(data["member"], UNCLEAR, words))
        turn.say("campaign.will_ring", name=data.get("name", ""))
        return State()
    turn.say("campaign.ask_again")
    return State(FLOW, AGAIN, dict(data))


def says_fine(words: str, turn: Turn) -> bool:
    """"OK", "fine", "yes", "all good", "I'm fine thanks", "no thanks": nothing needed. A
    bare "no" is not among them: to "are you all right?" it may well mean they are not."""
    reading = turn.reading
    if reading.yes_no is True or reading.says("thanks"):
        return True
    return parsing.is_closing(words) and (reading.yes_no is not False
                                          or len(words.split()) > 1)


def draft_from(data: dict) -> dict:
    """The resident's draft request, with what the list told us."""
    return {key: data[key] for key in ("name", "postcode", "latitude", "longitude",
                                       "precision") if key in data}


def help_asked(data: dict, words: str, chosen: str | None, turn: Turn) -> State:
    turn.do(CheckUpAnswered(data["member"], HELP, words))
    draft = draft_from(data)
    if chosen is not None:
        draft["category"] = chosen
    notes = resident.absorb(draft, turn)
    if chosen is None and parsing.has_letters_or_digits(words) and len(words.split()) >= 3:
        draft["details"] = words  # their story is what matching and the volunteer read
    return resident.ask_next(draft, turn, notes or ["campaign.help_coming"])
