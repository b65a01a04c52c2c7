"""A resident asking, in their own words, which local services could help:
"who delivers food near me?", "is there a food bank in RM17?".

Only questions about services are taken here; "can someone get my shopping"
is a request for a volunteer and goes on to the resident's conversation.
The service finds the entries; this module only recognises the question and
where it is about.
"""

from __future__ import annotations

from bot.understanding import parsing, polish
from bot.dialogue.turn import Turn
from bot.dialogue.types import FindServices, Inbound, State

FLOW = "directory"

# Words that make a message a question about what is out there...
ASKING = ("who", "where", "is there", "are there", "number for", "phone number", "list of",
          "near me", "nearby", "recommend", "know of", "know any")
# ...unless it asks for a person to do something: "could someone collect my prescription
# from the chemist?" is a request for a volunteer, not a question about chemists.
REQUESTING = ("someone", "somebody", "a volunteer", "can you", "could you", "collect",
              "pick up", "fetch", "get my", "bring", "drop off")
# Kinds of service (models.ServiceKind values) and the words that name them.
KIND_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("food_bank", ("food bank", "foodbank", "food banks", "foodbanks", "food parcel",
                   "food parcels")),
    ("pharmacy", ("pharmacy", "pharmacies", "chemist", "chemists", "deliver prescriptions",
                  "delivers prescriptions", "deliver medicine", "delivers medicine",
                  "deliver medication", "delivers medication")),
    ("shop", ("deliver food", "delivers food", "delivering food", "food delivery",
              "food deliveries", "deliver groceries", "delivers groceries", "grocery delivery",
              "shop that delivers", "shops that deliver", "shops deliver", "supermarket",
              "supermarkets", "delivers shopping", "deliver shopping", "shopping delivered",
              "shopping delivery", "shops that take payment by phone", "pay by phone",
              "pay over the phone")),
    ("mental_health", ("mental health", "helpline", "help line", "listening service",
                       "samaritans", "crisis line", "feeling low", "counselling")),
    ("befriending", ("befriending", "carers", "carer's", "carers'", "charity", "charities",
                     "lunch club", "day centre")),
)


def asked_kinds(text: str) -> tuple[str, ...]:
    """The kinds of service a message asks about, in English or Polish, or () when it is
    not such a question."""
    return english_kinds(text) or polish.service_kinds(text)


def english_kinds(text: str) -> tuple[str, ...]:
    words = parsing.words_of(text)
    if not any(parsing.contains_phrase(words, cue) for cue in ASKING):
        return ()
    if any(parsing.contains_phrase(words, cue) for cue in REQUESTING):
        return ()
    return tuple(kind for kind, phrases in KIND_WORDS
                 if any(parsing.contains_phrase(words, p) for p in phrases))


def understand(state: State, inbound: Inbound, turn: Turn) -> State | None:
    """Answer a question about local services, or the postcode it was waiting for."""
    if state.flow == FLOW:
        return read_postcode(state, inbound, turn)
    kinds = asked_kinds(inbound.text)
    if not kinds:
        return None
    place = next(iter(inbound.postcodes.values()), None)
    turn.do(FindServices(kinds, place, None if place else district_named(inbound.text)))
    return State()


def district_named(text: str) -> str | None:
    """A postcode district on its own, as in "is there a food bank in RM17?"."""
    for word in parsing.words_of(text).split():
        if parsing.OUTWARD_ONLY_PATTERN.match(word) and any(ch.isalpha() for ch in word):
            return word.upper()
    return None


def read_postcode(state: State, inbound: Inbound, turn: Turn) -> State | None:
    """The postcode the hub asked for; anything else starts afresh."""
    place = next(iter(inbound.postcodes.values()), None)
    district = None if place else district_named(inbound.text)
    if place is None and district is None:
        if parsing.find_postcodes(inbound.text):
            turn.say("postcode_unknown", postcode=parsing.find_postcodes(inbound.text)[0])
            return state
        return None
    turn.do(FindServices(tuple(state.data["kinds"]), place, district))
    return State()


def ask_for_postcode(turn: Turn, kinds: tuple[str, ...]) -> State:
    """The service found no postcode for the person: ask, and remember what they asked."""
    turn.say("directory_ask_postcode")
    return State(FLOW, "postcode", {"kinds": list(kinds)})
