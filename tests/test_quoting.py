"""What of a resident's words a volunteer is shown for "something else": the task, without
the contact."""

import pytest

from bot.understanding.quoting import LONGEST, task_words


@pytest.mark.parametrize("said, shown", [
    ("i need someone to go to the butchers for me", "i need someone to go to the butchers for me"),
    ("change my hall bulb please, 12 Orsett Road, RM17 6SL, ring 07700 900123",
     "change my hall bulb please ring"),
    ("Hi it's Margaret at 4 Kent Road RM16 2XD. My curtain rail has come down",
     "Hi it's Margaret at. My curtain rail has come down"),
    ("flat 3, 12a Heron Way. need 2 bags of coal moved", "need 2 bags of coal moved"),
    ("email me at a.b@example.com about the blue badge form", "email me at about the blue badge form"),
    ("mieszkam na ul. Długa 5, potrzebuję pomocy z formularzem",
     "mieszkam na potrzebuję pomocy z formularzem"),
    ("Mr. Jones needs help, e.g. with 3.5 kg bags", "Mr. Jones needs help, e.g. with 3.5 kg bags"),
    ("RM17 6SL, 07700900123", ""),
    ("", ""),
])
def test_the_task_is_shown_without_a_postcode_phone_email_or_house(said, shown):
    assert task_words(said) == shown


def test_a_long_story_is_cut_at_a_word():
    shown = task_words("could someone help me sort out the garden shed " * 10)
    assert len(shown) <= LONGEST + 3 and shown.endswith("...")
    assert shown[:-3].split()[-1] in "could someone help me sort out the garden shed".split()
