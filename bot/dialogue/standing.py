"""A resident's standing request ("shopping every Friday"): missing one week, or ending it.

Made when a request's time is said as repeating (the reader's `When.every_days`): each
week's task is made ahead of time by the service (bot/services/help_requests/standing.py). Here the
resident's own words change it: a cancel that names one time ("no shopping this week",
"not this Friday") leaves that time out; a cancel that names the repeat itself ("stop the
weekly shopping") ends it, after a YES, as ending it by mistake would leave someone without
their shopping.
"""

from __future__ import annotations

from bot.dialogue.turn import Turn
from bot.dialogue.types import ChangeStanding, Inbound, StandingSummary, State
from bot.dialogue.wording import describe_date
from bot.understanding import parsing

FLOW = "standing"
# The kinds that may repeat: befriending has regular calls of its own
# (bot/services/calls/checkins.py).
REPEATABLE = frozenset({"shopping", "prescription", "dog_walking", "transport", "other"})
# How sure the reader must be that the words name a kind to pick that standing request.
NAMES_A_KIND = 0.5


def describe_every(say, every_days: int, weekday: int) -> str:
    """"every Friday", "every other Tuesday", in the words `say` (key, **params) speaks."""
    return say(f"every.{'fortnightly' if every_days == 14 else 'weekly'}.{weekday}")


def understand(inbound: Inbound, turn: Turn) -> State | None:
    """A cancel from a resident with a standing request: a time left out, or the whole
    ended; None when the words name neither (the usual cancel of this week's request)."""
    when, repeats = turn.reading.when, turn.reading.repeats
    if when is None and not repeats:
        return None
    standing = pick(inbound.person.standing, turn)
    if standing is None:
        return State()
    if repeats:
        turn.say("standing_end_confirm", choices=turn.yes_no(),
                 category=turn.category_name(standing.category),
                 every=describe_every(turn.t, standing.every_days, standing.weekday))
        return State(FLOW, "end", {"standing_id": standing.standing_id,
                                   "category": standing.category})
    turn.do(ChangeStanding(standing.standing_id, "skip", when.on))  # the service says which day
    return State()


def pick(standing: tuple[StandingSummary, ...], turn: Turn) -> StandingSummary | None:
    """The one whose kind the words name, or the only one; None (having asked) otherwise."""
    chance = dict(turn.reading.kind_confidence)
    named = [s for s in standing if chance.get(s.category, 0.0) >= NAMES_A_KIND]
    if len(named) == 1 or len(standing) == 1:
        return (named or list(standing))[0]
    turn.say("standing_which", lines="\n".join(line(s, turn) for s in standing))
    return None


def confirm_end(state: State, inbound: Inbound, turn: Turn) -> State | None:
    """YES ends it; NO keeps it; anything else is read afresh."""
    answer = parsing.parse_yes_no(inbound.text)
    if answer is None:
        return None
    if answer:
        turn.do(ChangeStanding(state.data["standing_id"], "end"))
    else:
        turn.say("standing_kept", category=turn.category_name(state.data["category"]))
    return State()


def line(standing: StandingSummary, turn: Turn) -> str:
    """One line of STATUS: "Shopping every Friday (next: Fri 11 Dec)"."""
    key = "standing_line_paused" if standing.status == "paused" else "standing_line"
    return turn.t(key, category=turn.t(f"category.{standing.category}"),
                  every=describe_every(turn.t, standing.every_days, standing.weekday),
                  next=describe_date(standing.next_on, turn.language) if standing.next_on
                  else "-")
