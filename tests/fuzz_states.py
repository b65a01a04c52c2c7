"""Every step of every flow, for every role: the places arbitrary words are thrown at.

The states are reached the way people reach them, by playing short scripts through the
dialogue engine, so they carry the data the flows really keep; the few a service starts
(how to pay, a receipt to confirm, feedback, when a volunteer will ring) are made as the
service makes them. Shared by tests/test_fuzz.py (Hypothesis, a small budget) and
benchmarks/fuzz.py (100,000 inputs).
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, replace
from datetime import datetime, timezone

from bot.dialogue import calls, campaign, money, signposting
from bot.dialogue.engine import step
from bot.dialogue.types import (
    Inbound,
    OfferSummary,
    PersonContext,
    RememberedPlace,
    RequestSummary,
    State,
    VolunteerSummary,
)
from bot.services.running.conversations import postcodes_in
from fakes import FakePostcodeLocator

NOW = datetime(2026, 11, 24, 10, 0, tzinfo=timezone.utc)
HUB = "Thurrock Community Hub"
SHOPPING = RequestSummary("R-5HQP", "shopping", "assigned", "tomorrow", volunteer="Julia")
CALLS = RequestSummary("R-CA22", "befriending", "assigned", "regular calls", volunteer="Ian",
                       calls=True)

PEOPLE = {
    "newcomer": PersonContext(hub_name=HUB, next_reference="R-NEW2",
                              spare_references=("R-NEW3", "R-NEW4")),
    "resident": PersonContext(
        first_name="Rose", roles=frozenset({"resident"}), hub_name=HUB,
        open_requests=(SHOPPING, CALLS), next_reference="R-NEW2",
        spare_references=("R-NEW3", "R-NEW4"), has_calls=True,
        remembered_place=RememberedPlace("RM17 6SL", 51.48, 0.33, "12 Orsett Road")),
    "volunteer": PersonContext(
        first_name="Julia", roles=frozenset({"volunteer"}), hub_name=HUB, has_calls=True,
        call_pending_with="Albert", next_reference="R-NEW2",
        volunteer=VolunteerSummary(
            "approved", False,
            tasks=(RequestSummary("R-7YD2", "shopping", "assigned", "today", first_name="Lydia",
                                  address="3 Fleming Gardens, RM16 2XA",
                                  phone="+447700900102", needs_receipt=True),
                   RequestSummary("R-ABE3", "befriending", "assigned", "afternoons",
                                  first_name="Albert", phone="+447700900101")),
            offers=(OfferSummary("R-FRAN", "shopping", "tomorrow", "Frank", "Dock Road, RM18",
                                 0.4),))),
    "coordinator": PersonContext(first_name="Carol", roles=frozenset({"coordinator"}),
                                 hub_name=HUB, next_reference="R-NEW2"),
    "polish": PersonContext(first_name="Krystyna", language="pl",
                            roles=frozenset({"resident"}), hub_name=HUB,
                            open_requests=(SHOPPING,), next_reference="R-NEW2"),
}

# Short scripts whose every prefix leaves the conversation at some step of some flow.
SCRIPTS = {
    "newcomer": [
        ["hello", "6"],
        ["I need something"],
        ["my cupboards are bare"],
        ["shopping please", "Albert", "RM17 6SL", "Rosemary Cottage"],
        ["shopping please, I'm Albert", "RM17 6SL", "12 Orsett Road", "tomorrow"],
        ["could someone ring me for a chat? I'm Albert, RM17 6SL", "I'm 84"],
        ["dog walking today"],
        ["where is the nearest food bank"],
        ["volunteer", "Priya", "RM16 2XD", "5 miles", "shopping, calls", "weekday mornings",
         "English, Punjabi", "skip", "I cared for my mum", "yes"],
        ["I'm Priya, retired nurse, I drive, happy to do shopping, weekday mornings, RM16 2XD, "
         "up to 5 miles"],
        ["forget me"],
        ["withdraw consent"],
        ["I want to report a concern about my neighbour"],
    ],
    "resident": [
        ["cancel"],
        ["cancel R-5HQP"],
        ["I don't need the shopping any more"],
        ["shopping please"],
        ["dog walking on friday"],
        ["status"],
        ["end calls"],
        ["my details"],
    ],
    "volunteer": [
        ["done"],
        ["DONE R-7YD2"],
        ["give back R-7YD2"],
        ["I rang him early today, we had a lovely chat"],
        ["dropped Lydia's shopping off"],
        ["I rang Albert this morning", "no"],
        ["end calls"],
        ["update"],
        ["leave"],
        ["yes"],
        ["change calls"],
        ["concern"],
    ],
    "coordinator": [
        ["BROADCAST RM17 shopping: can anyone help this weekend?"],
        ["QUEUE"],
        ["blah"],
    ],
    "polish": [
        ["anuluj"],
        ["zakupy proszę"],
        ["potrzebuję pomocy z zakupami, jestem Jan, RM17 6SL"],
    ],
}

# Flows a service starts, made as the service makes them (and one step the scripts'
# words may not reach, made as its flow makes it).
STARTED_BY_SERVICES = [
    ("resident", State(money.PAYMENT_FLOW, "ask", {"reference": "R-5HQP"})),
    ("resident", State(money.CHECK_FLOW, "confirm",
                       {"reference": "R-5HQP", "pence": 2340, "volunteer": "Julia"})),
    ("resident", State("feedback", "ask", {"reference": "R-5HQP"})),
    ("volunteer", State(calls.PLAN_FLOW, "when", {"reference": "R-ABE3"})),
    ("newcomer", State(signposting.FLOW, "postcode", {"kinds": ["food_bank"]})),
    # A kind only guessed from the words, read back for a YES (resident.absorb).
    ("newcomer", State("resident", "category_check",
                       {"category_guess": "shopping", "details": "my cupboards are bare"})),
    ("volunteer", State(money.AMOUNT_FLOW, "ask", {"reference": "R-7YD2", "name": "Lydia"})),
    # A check-up's answer awaited (bot/services/calls/campaigns.py), and asked about once more.
    ("newcomer", campaign.reply_state(7, "Joan", "RM17 6SL", 51.4786, 0.3236)),
    ("newcomer", State(campaign.FLOW, campaign.AGAIN,
                       campaign.reply_state(8, "Mrs Jones", None, None, None).data)),
]

LOCATE = FakePostcodeLocator()


def inbound(text: str, person: PersonContext, channel: str = "sms") -> Inbound:
    return Inbound(text, channel, NOW, person, postcodes_in(text, LOCATE))


def reachable_states() -> list[tuple[str, State]]:
    """(role, state) for every distinct step the scripts reach, idle included."""
    found: dict[tuple[str, str, str], tuple[str, State]] = {}
    for role, scripts in SCRIPTS.items():
        found[(role, "idle", "start")] = (role, State())
        for script in scripts:
            state = State()
            for text in script:
                state, _, _ = step(state, inbound(text, PEOPLE[role]))
                found.setdefault((role, state.flow, state.step), (role, state))
    for role, state in STARTED_BY_SERVICES:
        found.setdefault((role, state.flow, state.step), (role, state))
    return list(found.values())


@dataclass
class Answer:
    replies: int
    effects: int
    state: State


def answer(role: str, state: State, text: str) -> Answer:
    """One message at one step. Raises if the engine does; checks what every answer owes:
    something said or done, and a state that can be saved (JSON) and read back."""
    new_state, replies, effects = step(replace(state, data=dict(state.data)),
                                       inbound(text, PEOPLE[role]))
    saved = json.loads(json.dumps({"flow": new_state.flow, "step": new_state.step,
                                   "data": new_state.data}))
    assert saved["data"] == new_state.data, "state does not survive being saved"
    assert replies or effects, f"no reply and nothing done for {text!r} at {state.flow}.{state.step}"
    assert all(reply.text.strip() for reply in replies), "an empty reply"
    return Answer(len(replies), len(effects), new_state)


# Words people really send, to be cut, joined and mangled into new inputs.
SEEDS = [
    "yes", "no", "YES R-FRAN", "cancel", "STOP", "help", "status", "shopping", "RM17 6SL",
    "12 Orsett Road", "tomorrow 2pm", "I'm Albert", "done £23.40", "end calls", "1", "6",
    "I don't want to be here anymore", "my husband isn't breathing", "zakupy", "tak", "nie",
    "can someone get my shopping, RM17 6SL", "R-5HQP", "C-12", "CONCERN she seemed confused",
    "volunteer", "forget me", "LANG PL", "ASSIGN R-5HQP Julia", "find Priya", "£", "0",
]
ODD = ["\x00", "\u200b", "\u202e", "\ufeff", "💩", "👍🏽", "é", "ł", "\r\n", "\t", "  ", "?", "!!!",
       "ＲＭ１７", "𝓗𝓮𝓵𝓵𝓸", "ا", "中文", "<script>", "'; DROP TABLE people;--", "%s", "{name}",
       "\\", "\"", "0" * 40, "R-", "+44", "07700900123"]


def mangled(rng: random.Random) -> str:
    """A message: seeds and odd characters cut, joined, repeated and misspelt."""
    parts = [rng.choice(SEEDS if rng.random() < 0.7 else ODD) for _ in range(rng.randint(1, 4))]
    text = " ".join(parts)
    roll = rng.random()
    if roll < 0.15:
        text = "".join(chr(rng.randint(1, 0x2FFF)) for _ in range(rng.randint(0, 40)))
    elif roll < 0.25:
        cut = rng.randint(0, len(text))
        text = text[:cut] + text[cut + 1:]  # a letter dropped
    elif roll < 0.3:
        text = text * rng.randint(20, 400)  # very long
    elif roll < 0.35:
        text = text.upper()
    return text
