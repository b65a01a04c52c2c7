"""A volunteer's own words about their tasks and calls stay in the volunteer's world."""

import pytest

from bot.dialogue.types import (
    MarkTaskDone,
    PersonContext,
    RequestSummary,
    VolunteerSummary,
)
from bot.understanding import reports
from dialogue_script import Conversation

ROSE_CALLS = RequestSummary("R-CALL", "befriending", "assigned", first_name="Rose")
LYDIA_SHOPPING = RequestSummary("R-SHOP", "shopping", "assigned", first_name="Lydia")
ALBERT_DOG = RequestSummary("R-DOGS", "dog_walking", "assigned", first_name="Albert")


def volunteer_with(*tasks, language="en"):
    return Conversation(PersonContext(
        first_name="Ian", language=language, roles=frozenset({"volunteer"}),
        has_calls=any(t.category == "befriending" for t in tasks),
        volunteer=VolunteerSummary("approved", False, tasks=tuple(tasks))))


@pytest.mark.parametrize("words, expected", [
    ("I rang her early today, we had a lovely chat", reports.CALL),
    ("just spoke to Rose, she's in good spirits", reports.CALL),
    ("had a long natter with her this morning", reports.CALL),
    ("Zadzwoniłam do pani Krystyny, wszystko dobrze", reports.CALL),
    ("dropped her shopping off, all done", reports.DONE),
    ("shopping delivered, she was pleased", reports.DONE),
    ("I've walked Max, he was a good boy", reports.DONE),
    ("zrobiłam zakupy dla pani Zosi", reports.DONE),
    ("can someone ring me for a chat", None),
    ("I need someone to get my shopping this week", None),
    ("Could someone call my mum, she had a fall", None),
])
def test_the_reader_hears_a_report_of_what_was_done(words, expected):
    assert reports.reported(words) == expected


def test_a_call_told_in_their_own_words_is_logged_after_a_yes():
    conversation = volunteer_with(ROSE_CALLS)
    said = conversation.send("I rang her early today, we had a lovely chat")
    assert "Shall I log today's call with Rose as done?" in said
    assert "postcode" not in said.lower()
    conversation.send("yes")
    assert conversation.effects == [
        MarkTaskDone("R-CALL", note="I rang her early today, we had a lovely chat")]


def test_no_logs_nothing():
    conversation = volunteer_with(ROSE_CALLS)
    conversation.send("spoke to Rose this morning")
    assert "nothing is logged" in conversation.send("no")
    assert conversation.effects == []


def test_a_task_done_in_their_own_words_is_marked_after_a_yes():
    conversation = volunteer_with(ROSE_CALLS, ALBERT_DOG)
    said = conversation.send("I've walked the dog, Albert says thanks")
    assert "Shall I mark R-DOGS (dog walking for Albert) as done?" in said
    conversation.send("yes")
    assert conversation.effects == [MarkTaskDone("R-DOGS")]


def test_with_several_errands_the_name_picks_the_task_or_the_hub_asks_which():
    conversation = volunteer_with(LYDIA_SHOPPING, ALBERT_DOG)
    assert "R-SHOP" in conversation.send("dropped Lydia's bags off")
    asked = volunteer_with(LYDIA_SHOPPING, ALBERT_DOG).send("all done for today")
    assert "Which task is done?" in asked


def test_unclear_words_show_the_tasks_rather_than_start_a_request():
    said = volunteer_with(ROSE_CALLS).send("she seemed a bit quiet but fine")
    assert "postcode" not in said.lower()
    assert "MY TASKS" in said


@pytest.mark.parametrize("asked", ["what was the address again?", "whats her number",
                                   "sorry where does she live", "jaki jest adres?",
                                   "cant find the house", "what does she want",
                                   "nie mogę znaleźć domu"])
def test_asking_again_for_a_tasks_address_or_number_shows_the_tasks(asked):
    task = RequestSummary("R-SHOP", "shopping", "assigned", first_name="Lydia",
                          address="7 Long Lane, RM16 2XD", phone="+447700900841")
    said = volunteer_with(task).send(asked)
    assert "R-SHOP shopping for Lydia" in said and "7 Long Lane, RM16 2XD" in said
    assert "+447700900841" in said


@pytest.mark.parametrize("told", ["running 10 minutes late, be there soon", "omw",
                                  "spóźnię się 5 minut", "running 10 mins late",
                                  "couple of mins away"])
def test_on_my_way_or_running_late_says_whom_to_ring_about_it(told):
    task = RequestSummary("R-SHOP", "shopping", "assigned", first_name="Lydia",
                          phone="+447700900841")
    said = volunteer_with(task).send(told)
    assert said.endswith("Thanks, Ian. We don't pass messages on: to tell Lydia, ring them on "
                         "+447700900841. Text DONE R-SHOP when it's done.")


def test_running_late_with_several_tasks_lists_them_with_their_numbers():
    said = volunteer_with(LYDIA_SHOPPING, ALBERT_DOG).send("running late")
    assert "R-SHOP" in said and "R-DOGS" in said


def test_asking_for_an_address_with_no_task_taken_is_not_answered_with_tasks():
    said = volunteer_with().send("what was the address again?")
    assert "Your tasks" not in said


def test_a_volunteer_waiting_for_checks_asking_what_now_is_told_about_the_checks():
    conversation = Conversation(PersonContext(
        first_name="Sam", roles=frozenset({"volunteer"}),
        volunteer=VolunteerSummary("pending", False)))
    said = conversation.send("what happens now?")
    assert said.startswith("A coordinator will check your ID")
    assert conversation.send("banana").startswith("Sorry, I didn't understand that. "
                                                  "A coordinator will check your ID")


def test_a_clear_request_for_themselves_still_starts_one():
    conversation = volunteer_with(ROSE_CALLS)
    said = conversation.send(
        "I need someone to get my own shopping this week, I've broken my wrist")
    assert conversation.state.flow == "resident"
    assert said


def test_a_volunteers_status_shows_their_tasks():
    said = volunteer_with(ROSE_CALLS).send("status")
    assert "R-CALL" in said


@pytest.mark.parametrize("said", ["cant find the house", "i cant find her house",
                                  "can't find the flat, which door is it"])
def test_a_volunteer_looking_for_the_house_is_no_emergency(said):
    # "cant find the house" read as a fire (0.79) and the volunteer was told to get
    # everyone out and call 999.
    task = RequestSummary("R-SHOP", "shopping", "assigned", first_name="Lydia",
                          address="7 Long Lane, RM16 2XD", phone="+447700900841")
    reply = volunteer_with(task).send(said)
    assert "999" not in reply and "7 Long Lane, RM16 2XD" in reply


def test_a_volunteer_looking_for_the_house_who_smells_gas_is_told_what_to_do():
    task = RequestSummary("R-SHOP", "shopping", "assigned", first_name="Lydia",
                          address="7 Long Lane, RM16 2XD", phone="+447700900841")
    reply = volunteer_with(task).send("cant find the house and i can smell gas")
    assert "0800 111 999" in reply


@pytest.mark.parametrize("said", ["she didnt answer the door, ill try again later",
                                  "got there, shes not in", "no answer at the door"])
def test_nobody_answering_the_door_gets_their_number_and_the_way_to_raise_a_concern(said):
    # "she didnt answer the door" read as suicide, and the volunteer was given Samaritans.
    task = RequestSummary("R-SHOP", "shopping", "assigned", first_name="Lydia",
                          phone="+447700900841")
    reply = volunteer_with(task).send(said)
    assert "116 123" not in reply and "+447700900841" in reply
    assert "CONCERN" in reply or "OBAWY" in reply


def test_parked_outside_is_no_emergency():
    # "parked outside now" read as abuse: the volunteer was given the abuse helpline.
    task = RequestSummary("R-SHOP", "shopping", "assigned", first_name="Lydia",
                          phone="+447700900841")
    reply = volunteer_with(task).send("parked outside now")
    assert "0808 2000 247" not in reply and "ring them on +447700900841" in reply


@pytest.mark.parametrize("said", ["no answer and i can see her on the floor through the window",
                                  "no answer but i can hear her calling out"])
def test_at_the_door_what_the_volunteer_sees_is_still_an_emergency(said):
    task = RequestSummary("R-SHOP", "shopping", "assigned", first_name="Lydia",
                          phone="+447700900841")
    assert "999" in volunteer_with(task).send(said)
