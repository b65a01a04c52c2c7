"""A volunteer answering offers and marking tasks done."""

from bot.dialogue.types import (
    AnswerOffer,
    MarkTaskDone,
    OfferSummary,
    PersonContext,
    RequestSummary,
    VolunteerSummary,
)
from dialogue_script import Conversation

SHOPPING = OfferSummary("R-7Q4K", "shopping", "tomorrow", "Albert", "Orsett Road, RM17", 0.8)
DOG = OfferSummary("R-ABCD", "dog_walking", "Friday", "Lydia", "RM16", 2.1)


def volunteer_with(offers=(), tasks=()):
    return Conversation(PersonContext(first_name="Julia", volunteer=VolunteerSummary(
        "approved", False, tasks=tuple(tasks), offers=tuple(offers))))


def test_yes_accepts_the_only_offer():
    conversation = volunteer_with([SHOPPING])
    conversation.send("yes")
    assert conversation.effects == [AnswerOffer("R-7Q4K", accept=True)]


def test_no_with_a_reference_declines_that_offer():
    conversation = volunteer_with([SHOPPING, DOG])
    conversation.send("NO R-ABCD")
    assert conversation.effects == [AnswerOffer("R-ABCD", accept=False)]


def test_a_bare_yes_with_several_offers_asks_which():
    conversation = volunteer_with([SHOPPING, DOG])
    said = conversation.send("yes")
    assert "YES R-7Q4K" in said and "R-ABCD" in said
    assert conversation.effects == []


def test_a_button_press_carries_the_reference():
    conversation = volunteer_with([SHOPPING, DOG])
    conversation.send("YES R-7Q4K")
    assert conversation.effects == [AnswerOffer("R-7Q4K", accept=True)]


def test_an_answer_with_a_reference_goes_to_the_service_even_when_not_open_here():
    # It may have been taken a moment ago; the service says what became of it.
    conversation = volunteer_with([SHOPPING])
    conversation.send("yes R-2222")
    assert conversation.effects == [AnswerOffer("R-2222", accept=True)]


def test_done_marks_the_task():
    conversation = volunteer_with(tasks=[RequestSummary("R-7Q4K", "shopping", "assigned")])
    conversation.send("done")
    assert conversation.effects == [MarkTaskDone("R-7Q4K")]


def test_yes_without_any_offer_is_an_ordinary_message():
    conversation = volunteer_with()
    said = conversation.send("yes")
    assert conversation.effects == []
    assert said
