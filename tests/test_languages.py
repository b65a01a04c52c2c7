"""Choosing the language: LANG / JĘZYK at any point, saved on the person."""

import pytest
from sqlalchemy import select

from bot.dialogue import languages
from bot.dialogue.catalogue import supported_language
from bot.dialogue.types import PersonContext, SetLanguage, State
from bot.services.running.conversations import IncomingMessage
from dialogue_script import Conversation, verify_dialog
from models import AuditEvent, Person

POLISH = PersonContext(hub_name="Thurrock Community Hub", next_reference="R-7Q4K", language="pl")


@pytest.mark.parametrize("text, wanted", [
    ("LANG PL", "pl"), ("lang pl", "pl"), ("/lang pl", "pl"), ("JĘZYK PL", "pl"),
    ("jezyk pl", "pl"), ("język polski", "pl"), ("język polski proszę", "pl"),
    ("language polish", "pl"), ("LANG EN", "en"), ("JĘZYK angielski", "en"),
    ("lang english please", "en"), ("polski", "pl"), ("po polsku", "pl"), ("Polish", "pl"),
    ("English", "en"), ("in English", "en"), ("angielski", "en"), ("po angielsku", "en"),
    ("LANG", ""), ("język", ""), ("LANG FR", ""), ("lang klingon", ""),
    ("language is a problem, my mum speaks only Polish", None), ("shopping", None),
    ("English and Polish", None), ("", None),
])
def test_what_a_message_asks_for(text, wanted):
    assert languages.requested(text) == wanted


def test_a_language_named_alone_is_an_answer_when_the_question_is_which_languages():
    assert languages.requested("polski", names_alone=False) is None
    assert languages.requested("JĘZYK PL", names_alone=False) == "pl"


@pytest.mark.parametrize("tag, code", [
    ("pl", "pl"), ("pl-PL", "pl"), ("PL_pl", "pl"), ("en-GB", "en"), ("en", "en"),
    ("uk", None), ("", None), (None, None),
])
def test_an_apps_language_setting_names_a_supported_language(tag, code):
    assert supported_language(tag) == code


def test_lang_pl_mid_request_saves_the_choice_and_asks_the_same_question_in_polish():
    conversation = verify_dialog([
        ("shopping please, I'm Albert", "What is your postcode?"),
        ("JĘZYK PL", "od teraz piszemy do Ciebie po polsku"),
    ])
    assert "Jaki jest Twój kod pocztowy?" in conversation.last_replies[0].text
    assert len(conversation.last_replies) == 1  # one SMS, not two
    assert conversation.effects == [SetLanguage("pl")]
    assert conversation.state.step == "postcode"
    verify_dialog([("RM17 6SL", "numer domu i ulica"), ("12 Orsett Road", "Kiedy")],
                  conversation)


def test_lang_en_switches_back_and_the_conversation_carries_on_in_english():
    conversation = verify_dialog([
        ("zakupy", "Jak masz na imię?"),
        ("LANG EN", "we'll write to you in English"),
        ("Krystyna", "What is your postcode?"),
    ], Conversation(POLISH))
    assert conversation.effects == [SetLanguage("en")]


def test_lang_alone_asks_which_with_each_language_named_in_its_own_words():
    conversation = verify_dialog([("LANG", "Which language")])
    [reply] = conversation.last_replies
    assert [(c.value, c.label) for c in reply.choices] == [("LANG EN", "English"),
                                                           ("LANG PL", "Polski")]
    assert conversation.effects == [] and conversation.state == State()
    # Pressing (or typing) a choice chooses it.
    verify_dialog([("LANG PL", "po polsku")], conversation)
    assert conversation.effects == [SetLanguage("pl")]


def test_a_language_we_do_not_have_asks_which():
    conversation = verify_dialog([("LANG FR", "Which language")])
    assert conversation.effects == []


def test_choosing_the_language_already_set_changes_nothing_but_says_so():
    conversation = verify_dialog([("polski", "od teraz piszemy do Ciebie po polsku")],
                                 Conversation(POLISH))
    assert conversation.effects == []


def test_the_volunteer_question_about_languages_takes_polski_as_an_answer():
    conversation = verify_dialog([
        ("volunteer", "first name"), ("Ian", "postcode"), ("RM17 6SL", "How far"),
        ("2 miles", "help with"), ("1", "free"), ("any time", "languages"),
        ("polski", "age band"),
    ])
    assert conversation.effects == []
    assert conversation.state.data["languages"] == ["en", "pl"]


def test_lang_in_the_middle_of_volunteering_repeats_the_question_in_polish():
    conversation = verify_dialog([
        ("volunteer", "first name"), ("Ian", "postcode"),
        ("JĘZYK PL", "Jaki jest Twój kod pocztowy?"),
        ("RM17 6SL", "Jak daleko"),
    ])
    assert conversation.state.step == "radius"


RESIDENT = PersonContext(hub_name="Thurrock Community Hub", next_reference="R-7Q4K",
                         roles=frozenset({"resident"}))


def test_someone_new_who_writes_polish_is_answered_in_polish_from_the_first_reply():
    conversation = Conversation()
    first = conversation.send("Dzień dobry, potrzebuję zakupów dla mamy, RM17 6SL")
    assert first.startswith("Piszemy do Ciebie po polsku. For English, text LANG EN.\n")
    assert "Jak masz na imię?" in first and "What is your first name?" not in first
    assert conversation.effects.count(SetLanguage("pl")) == 1
    assert "po polsku. For English" not in conversation.send("Ola")  # said once
    assert "LANG EN" in Conversation().send("dzien dobry prosze o pomoc")  # without marks
    # Advice in danger comes first, in Polish.
    said = Conversation().send("tata nie oddycha")
    assert said.startswith("Dzwoń teraz pod 999") and said.endswith("For English, text LANG EN.")


@pytest.mark.parametrize("message", [
    "dzień dobry, could you help my dad with his shopping. Zbigniew",  # a Polish greeting
    "hello, my name is Grażyna, I need help with shopping please",
    "hello, I need shopping"])
def test_english_with_a_polish_word_or_name_stays_english(message):
    conversation = Conversation()
    assert "Piszemy do Ciebie" not in conversation.send(message)
    assert SetLanguage("pl") not in conversation.effects


def test_someone_known_writing_polish_to_english_replies_is_told_how_to_choose_polish():
    conversation = verify_dialog([("Dzień dobry, proszę o pomoc", "Napisz JĘZYK PL")],
                                 Conversation(RESIDENT))
    assert "What do you need help with?" in conversation.last_replies[0].text
    assert SetLanguage("pl") not in conversation.effects  # they chose English before
    # Not in English, not once Polish is chosen.
    assert "JĘZYK PL" not in Conversation(RESIDENT).send("hello, I need shopping")
    assert "JĘZYK PL" not in Conversation(POLISH).send("Dzień dobry, proszę o pomoc")



def test_someone_answered_in_polish_who_writes_english_is_told_how_to_choose_english():
    # They had been answered in Polish whatever they wrote, with no word of how to change it.
    said = Conversation(POLISH).send("can you get my shopping on friday please, RM17 6SL")
    assert said.startswith("Would you like us to write in English? Text LANG EN.\n")
    assert "Jak masz na imię?" in said
    for short in ("thank you", "ok", "RM17 6SL", "Asda", "12 Orsett Road"):
        assert "LANG EN" not in Conversation(POLISH).send(short), short

# Through the service: the choice is saved on the person.

PHONE = "+447700900123"


def message(hub, text, message_id, hint=None, channel="sms", kind="phone", address=PHONE):
    return hub.conversations.receive(IncomingMessage(
        channel=channel, identity_kind=kind, address=address, channel_message_id=message_id,
        text=text, received_at=hub.clock(), language_hint=hint))


def language_of(hub) -> str:
    with hub.session_factory() as session:
        return session.scalars(select(Person.language)).one()


def test_the_choice_is_saved_on_the_person_and_used_from_then_on(hub):
    assert "What do you need help with?" in message(hub, "hello", "SM1").replies[0].body
    chosen = message(hub, "JĘZYK PL", "SM2")
    assert "po polsku" in chosen.replies[0].body and chosen.replies[0].language == "pl"
    assert language_of(hub) == "pl"
    assert "Jak masz na imię?" in message(hub, "zakupy", "SM3").replies[0].body
    with hub.session_factory() as session:
        assert session.scalars(select(AuditEvent.action)).all() == ["person.language"]
    back = message(hub, "LANG EN", "SM4")
    assert "What is your first name?" in back.replies[0].body
    assert language_of(hub) == "en"


def test_a_new_person_starts_in_the_language_their_app_reports(hub):
    reply = message(hub, "hello", "TG1", hint="pl-PL", channel="telegram", kind="telegram",
                    address="5551001")
    assert "W czym możemy pomóc?" in reply.replies[0].body
    assert language_of(hub) == "pl"


def test_the_apps_language_does_not_override_a_choice_already_made(hub):
    message(hub, "LANG PL", "TG1", channel="telegram", kind="telegram", address="5551001")
    message(hub, "hello", "TG2", hint="en", channel="telegram", kind="telegram",
            address="5551001")
    assert language_of(hub) == "pl"


def test_an_app_language_we_do_not_write_leaves_english(hub):
    message(hub, "hello", "TG1", hint="uk", channel="telegram", kind="telegram",
            address="5551001")
    assert language_of(hub) == "en"
