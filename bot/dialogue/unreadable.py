"""What the hub says to a message with no words in it: a photo, a sticker, a voice note...

Pure, like the rest of the dialogue: the channel says what kind of thing came, the service
says where the conversation stands, and the answer says what the hub can read. The
conversation stays where it was, so the person's next words still answer the last question.

A photo of a receipt from a volunteer whose task needs one is kept before it gets here
(bot/services/running/receipt_photos.py); what still arrives while an amount is asked (a file, say)
is answered with a request for the amount in words (money is recorded as an amount).
"""

from __future__ import annotations

from bot.dialogue import money, resident, signposting, volunteer
from bot.dialogue.catalogue import text
from bot.dialogue.types import Reply, State

# What a channel may hand over instead of words; anything else (a poll, an empty message)
# is OTHER.
NAMED_KINDS = ("photo", "sticker", "voice", "video", "document")
LOCATION = "location"
OTHER = "other"
KINDS = (*NAMED_KINDS, LOCATION, OTHER)
# Things a receipt may come as.
RECEIPT_KINDS = frozenset({"photo", "document"})


def asks_for_a_place(state: State) -> bool:
    """Whether the last question was the postcode, which a shared location answers."""
    return state.step == "postcode" and state.flow in (resident.FLOW, volunteer.FLOW,
                                                       signposting.FLOW)


def answer_unreadable(kind: str, state: State, language: str) -> Reply:
    """A kind answer saying what the hub can read; the state is left as it was."""
    if kind in RECEIPT_KINDS and state.flow == money.AMOUNT_FLOW:
        return Reply(text(language, "receipt_photo"))
    if kind == LOCATION:
        return Reply(text(language, "unreadable_location"))
    if kind in NAMED_KINDS:
        return Reply(text(language, "unreadable", thing=text(language, f"unreadable.{kind}")))
    return Reply(text(language, "unreadable_other"))
