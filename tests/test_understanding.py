"""The reader, tested like a model: held-out floors that fail when understanding regresses,
the corpus's shape, the command line, and the messages the understanding issue quoted,
each through the dialogue engine with its reply checked."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from dialogue_script import Conversation, verify_dialog

from bot.dialogue.types import (
    AdminCommand,
    CreateHelpRequest,
    FlagDanger,
    PersonContext,
    RegisterVolunteer,
    RequestSummary,
    State,
    VolunteerSummary,
)
from bot.understanding import Context, corpus, read
from bot.understanding.corpus import CorpusError, read_examples
from bot.understanding.danger import Danger, plainly_said
from bot.understanding.evaluate import evaluate
from bot.understanding.language import language_of
from bot.understanding.model import Prediction
from bot.understanding.names import writer_name
from bot.understanding.reader import asked_beside_danger
from bot.understanding.parsing import parse_call_time

# Measured on the held-out part when these floors were set (see the closing note of the
# understanding issue); a change that reads worse fails here. Set with the round-2 corpus
# (2,562 held-out messages, harder than the 1,969 before: all fields 0.828, kind 0.882,
# name 0.979, danger recall 0.953, false alarms 0.050), a little below each figure so a
# few new hand-written messages do not fail the suite on their own. Raised when names learnt
# lower-case signatures, couples and honorifics and the kind thresholds were re-tuned (all
# fields 0.842, kind 0.884, name 0.992). Raised again with the round-4 and round-5 corpus
# (3,884 held-out messages: all fields 0.865, kind 0.896, name 0.994, danger recall 0.966,
# false alarms 0.042). Kind and all fields raised with the round-6 corpus (4,520 held-out
# messages: all fields 0.868, kind 0.904, name 0.994, danger recall 0.962, false alarms 0.043).
# Danger raised with the round-7 corpus (5,168 held-out messages: all fields 0.874, kind 0.903,
# name 0.995, danger recall 0.973, false alarms 0.042). Kind lowered with the round-8 corpus,
# whose 525 held-out messages are harder (kind 0.815 on them) while the 5,168 before read
# better (kind 0.903 -> 0.907, all fields 0.874 -> 0.880): 5,693 held-out messages, all
# fields 0.870, kind 0.899, name 0.995, danger recall 0.973, false alarms 0.042. Round 9
# (veiled endings and their look-alikes, needs said the hard ways, Polish) kept the floors:
# 6,108 held-out messages, all fields 0.868, kind 0.899, name 0.994, danger recall 0.974,
# false alarms 0.043; on the 5,693 before, all fields 0.871 and danger recall 0.976.
# Round 11 (short replies, faults said as facts, help asked again) lowered false alarms:
# 6,477 held-out messages, all fields 0.871, kind 0.901, danger recall 0.974, false alarms
# 0.040; on the 6,261 before, false alarms 0.043 -> 0.039. Round 12 (kinds named without
# asking, danger said mildly) kept them: 6,676 held-out messages, all fields 0.873, kind
# 0.904, danger recall 0.971, false alarms 0.041; on the 6,261 before, all fields 0.876.
# Round 13 (errands by name, everyday danger and its look-alikes, volunteers on the job)
# raised danger recall: 7,129 held-out messages, all fields 0.869, kind 0.902, name 0.994,
# danger recall 0.974, false alarms 0.043; on the 6,676 before, all fields 0.873 -> 0.874,
# danger recall 0.971 -> 0.973, false alarms 0.041 -> 0.041. Its own 453 held-out lines are
# hard (all fields 0.79, false alarms 0.07), so all fields and false alarms keep a margin.
# Round 14 (small jobs, kinds said sideways): on the 7,129 before, all fields 0.870 -> 0.873,
# kind 0.902 -> 0.905, danger recall 0.974 -> 0.972, false alarms 0.043 -> 0.041. Round 15
# (despair said sideways and the ordinary endings like it) trades the other way: on the
# 7,472 before it, danger recall 0.972 -> 0.977, false alarms 0.042 -> 0.045, all fields
# 0.869 -> 0.868; its own 201 held-out lines are the hardest yet (recall 0.88, false alarms
# 0.13). Whole held-out part (7,673): all fields 0.866, kind 0.902, recall 0.971, false
# alarms 0.047. Recall first: the floors for all fields and false alarms move with it.
# Round 16 (welfare relabelled by the rule for food and medicines; plain first messages, the
# everyday mix) raised them back: whole held-out part (7,793), all fields 0.870, kind 0.903,
# recall 0.973, false alarms 0.044; on the 7,673 before, all fields 0.866 -> 0.869.
FLOORS = {"all_fields_share": 0.866, "kind": 0.899, "postcode": 0.99, "name": 0.99,
          "danger_recall": 0.970}
HIGHEST_FALSE_ALARM_RATE = 0.047


@pytest.fixture(scope="module")
def held_out_score() -> dict:
    return evaluate([e for e in corpus.shipped_examples() if e.held_out]).as_json()


@pytest.mark.parametrize("field", sorted(FLOORS))
def test_the_held_out_messages_are_read_at_least_as_well_as_before(held_out_score, field):
    value = held_out_score[field]
    measured = value["share"] if isinstance(value, dict) else value
    assert measured >= FLOORS[field], f"{field}: {measured} is below {FLOORS[field]}"


def test_few_ordinary_held_out_messages_are_taken_for_danger(held_out_score):
    assert held_out_score["false_alarm_rate"] <= HIGHEST_FALSE_ALARM_RATE


# Everyday messages of a hub's second week (tests/unseen/), written after round 16 and never
# trained on: the nearest thing here to someone else's held-out file. Measured unseen with the
# round-16 reader (500 messages, 60 in danger): all fields 0.898, kind 0.934, name 0.982,
# danger recall 1.0, false alarms 0.023.
UNSEEN_FLOORS = {"all_fields_share": 0.88, "kind": 0.92, "name": 0.97, "danger_recall": 0.98}
UNSEEN_HIGHEST_FALSE_ALARM_RATE = 0.035


def test_everyday_messages_never_trained_on_are_read_at_least_as_well_as_before():
    examples = []
    for path in sorted((Path(__file__).parent / "unseen").glob("*.tsv")):
        with open(path, encoding="utf-8") as handle:
            examples += read_examples(handle, path.name)
    assert len(examples) == 500
    trained_on = {example.text for example in corpus.shipped_examples()}
    assert not trained_on & {example.text for example in examples}
    score = evaluate(examples).as_json(with_misses=False)
    for field, floor in UNSEEN_FLOORS.items():
        value = score[field]
        measured = value["share"] if isinstance(value, dict) else value
        assert measured >= floor, f"{field}: {measured} is below {floor}"
    assert score["false_alarm_rate"] <= UNSEEN_HIGHEST_FALSE_ALARM_RATE


def test_the_corpus_is_big_enough_in_both_languages_and_labelled_consistently():
    examples = corpus.shipped_examples()
    english = [e for e in examples if e.language == "en"]
    polish = [e for e in examples if e.language == "pl"]
    assert len(english) >= 3000 and len(polish) >= 800
    for example in examples:
        assert (example.intent == "request") == bool(example.kinds) or \
            example.intent == "request", f"{example.source}:{example.line}"
        assert example.danger == (example.danger_kind is not None), \
            f"{example.source}:{example.line}"
    texts = [e.text.strip().lower() for e in examples]
    assert len(texts) == len(set(texts)), "a message is labelled twice"


def test_the_held_out_part_is_about_a_quarter_and_never_trained_on():
    examples = corpus.shipped_examples()
    held_out = [e for e in examples if e.held_out]
    assert 0.2 < len(held_out) / len(examples) < 0.3
    from bot.understanding.model import training_examples
    trained = {e.text for e in training_examples(examples)}
    assert not trained & {e.text for e in held_out}


def test_the_language_of_held_out_messages_is_read_right():
    held_out = [e for e in corpus.shipped_examples() if e.held_out]
    polish = [e.text for e in held_out if e.language == "pl"]
    english = [e.text for e in held_out if e.language == "en"]
    assert sum(language_of(text) == "pl" for text in polish) >= 0.98 * len(polish)
    assert sum(language_of(text) == "pl" for text in english) <= 0.002 * len(english)


@pytest.mark.parametrize(("text", "language"), [
    ("tata nie oddycha", "pl"), ("zakupy dla mamy prosze, rm17 6sl", "pl"), ("czesc", "pl"),
    ("Dzień dobry, could you help my dad with his shopping please", "en"),
    ("hello, my name is Grażyna, I need help with shopping", "en"), ("ok", "en")])
def test_polish_is_known_without_its_letters_and_english_with_a_polish_name(text, language):
    assert language_of(text) == language
    assert read(text, Context(step="", language="en")).language == language


def test_a_labelled_file_with_a_bad_label_is_refused_with_its_line():
    lines = ["text\tkind\tpostcode\tname\tdanger", "# a comment", "get my shopping\tfood\t-\t-\t0"]
    with pytest.raises(CorpusError, match="x.tsv:3: unknown kind 'food'"):
        list(read_examples(lines, "x.tsv"))


def test_a_labelled_file_is_scored_field_by_field():
    lines = ["text\tkind\tpostcode\tname\tdanger",
             "can someone get my shopping, I'm Albert, RM17 6SL\tshopping\tRM17 6SL\tAlbert\t0",
             "my husband isn't breathing\t-\t-\t-\t1",
             "thanks, bye\t-\t-\t-\t0"]
    score = evaluate(list(read_examples(lines))).as_json(with_misses=True)
    assert score["messages"] == 3
    assert score["all_fields_share"] == 1.0, score["misses"]
    assert score["danger_recall"] == 1.0 and score["false_alarm_rate"] == 0.0


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bot.cli", "understand", *args], input=stdin,
                          capture_output=True, text=True, timeout=300, check=False)


def test_understand_prints_the_reading_as_json():
    done = run_cli("can someone get my shopping, RM17 6SL")
    assert done.returncode == 0, done.stderr
    reading = json.loads(done.stdout)
    assert reading["intent"] == "request" and reading["kinds"] == ["shopping"]
    assert reading["postcodes"] == ["RM17 6SL"] and reading["danger"] is None


def test_understand_evaluates_a_file_and_lists_its_misses(tmp_path: Path):
    labelled = tmp_path / "mine.tsv"
    labelled.write_text("text\tkind\tpostcode\tname\tdanger\n"
                        "walk my dog please\tdog_walking\t-\t-\t0\n"
                        "walk my dog please, it's Jean\tdog_walking\t-\tMaureen\t0\n",
                        encoding="utf-8")
    done = run_cli("--evaluate", str(labelled), "--misses")
    assert done.returncode == 0, done.stderr
    score = json.loads(done.stdout)
    assert score["name"] == {"correct": 1, "total": 2, "share": 0.5}
    assert score["misses"][0]["wrong"] == {"name": {"expected": "Maureen", "read": "Jean"}}


def test_understand_says_clearly_when_the_file_cannot_be_read(tmp_path: Path):
    done = run_cli("--evaluate", str(tmp_path / "missing.tsv"))
    assert done.returncode == 1 and "cannot read the labelled file" in done.stderr


def test_reading_a_message_is_the_same_every_time_and_pure():
    first = read("wud like a frendly call, RM17 6SL", Context(step="", language="en"))
    again = read("wud like a frendly call, RM17 6SL", Context(step="", language="en"))
    assert first == again


# --- the messages the understanding issue quoted, through the engine -------------------

@pytest.mark.parametrize(("message", "kind"), [
    ("shoping", "shopping"), ("perscription", "prescription"), ("grocerys", "shopping"),
    ("my fridge is empty", "shopping"), ("I've got no one to get my messages in", "shopping"),
    ("wud like a frendly call", "befriending"), ("walk my dogg", "dog_walking"),
])
def test_everyday_words_for_help_start_the_right_request(message, kind):
    conversation = Conversation()
    said = conversation.send(message)
    assert conversation.state.data["category"] == kind
    assert "first name" in said


@pytest.mark.parametrize(("message", "advice"), [
    ("I don't want to be here anymore", "116 123"),
    ("I feel like ending my life", "116 123"),
    ("im going to take all my pills", "116 123"),
    ("my husband isn't breathing properly", "for an ambulance"),
    ("someone is trying to get into my house", "call 999"),
    ("the house is on fire", "Get everyone out now"),
    ("my son hits me when he's drunk", "0808 2000 247"),
])
def test_a_cry_for_help_gets_the_right_advice_at_once_and_reaches_a_coordinator(message, advice):
    conversation = Conversation()
    said = conversation.send(message)
    assert advice in said
    assert any(isinstance(effect, FlagDanger) for effect in conversation.effects)
    # No request is started from it: "take all my pills" is not a prescription to collect.
    assert conversation.state == State()


@pytest.mark.parametrize("message", [
    "Help somebody is kicking my front door ss15 6ja",
    "could a volunteer help me change my locks, my son broke in last night and hit me and "
    "he says hes coming back",
])
def test_something_else_asked_beside_danger_to_life_is_left_to_the_coordinator(message):
    # It had been taken as a job for a volunteer: "Thank you. What is your first name?".
    conversation = Conversation()
    said = conversation.send(message)
    assert "0808 2000 247" in said and "first name" not in said
    assert any(isinstance(effect, FlagDanger) for effect in conversation.effects)
    assert conversation.state == State()


def test_food_asked_for_beside_a_welfare_emergency_is_still_a_request():
    conversation = Conversation()
    said = conversation.send("no food 3 days, can someone get me some shopping")
    assert "We have told a coordinator" in said and said.endswith("What is your first name?")
    assert conversation.state.data["category"] == "shopping"


@pytest.mark.parametrize(("danger_kind", "other", "kept"), [
    ("abuse", 0.6, ()), ("fire_gas", 0.6, ()), ("abuse", 0.95, ("other",)),
    ("welfare", 0.6, ("other",)),
])
def test_something_else_beside_danger_to_life_is_read_only_when_the_model_is_all_but_sure(
        danger_kind, other, kept):
    prediction = Prediction(intents=(("request", 0.5), ("emergency", 0.4)),
                            kinds={kind: 0.01 for kind in corpus.KINDS} | {"other": other},
                            danger=0.9, danger_kinds=((danger_kind, 0.9),))
    found = Danger(danger_kind, 0.9, False)
    assert asked_beside_danger(found, prediction, ("other",)) == kept
    assert asked_beside_danger(found, prediction, ("shopping",)) == ("shopping",)


def test_a_cry_for_help_in_polish_gets_the_advice_in_polish():
    conversation = Conversation(PersonContext(language="pl", next_reference="R-7Q4K"))
    said = conversation.send("Nie chcę już żyć")
    assert "116 123" in said and "Samaritans" in said
    assert conversation.effects == [FlagDanger("Nie chcę już żyć", "suicide")]


def test_danger_at_any_question_is_answered_first_and_nothing_is_saved_from_it():
    conversation = Conversation()
    conversation.send("can someone get my shopping")
    said = conversation.send("I think I'm having a stroke")
    assert "999" in said and "Having" not in said
    assert conversation.state.step == "name" and "name" not in conversation.state.data


@pytest.mark.parametrize(("message", "kind"), [
    ("FIRE!!", "fire_gas"),
    ("help ive fallen", "medical"),
    ("intruder", "abuse"),
    ("i wish i was dead", "suicide"),
    ("nobody would care if I went", "suicide"),
    ("my candle set the curtains alight", "fire_gas"),
    ("our kid's battered me again", "abuse"),
])
def test_a_cry_for_help_in_a_word_or_two_or_in_plain_words_is_danger(message, kind):
    reading = read(message, Context())
    assert reading.danger is not None and reading.danger.kind == kind


@pytest.mark.parametrize("message", ["fallen fence", "fire alarm", "Albert", "yes"])
def test_an_alarm_word_inside_an_ordinary_phrase_or_an_answer_is_not_danger(message):
    assert read(message, Context()).danger is None


@pytest.mark.parametrize(("message", "kind"), [
    ("my husband has just collapsed in the kitchen", "medical"),
    ("Mum's collapsed", "medical"),
    ("I'm going to end it tonight", "suicide"),
    ("mums carer never came and shes not had her tablets", "welfare"),
    ("gasping for breath, inhaler empty", "medical"),
])
def test_plain_words_of_danger_are_danger_whoever_they_happen_to(message, kind):
    assert plainly_said(message)[:1] == [kind]


@pytest.mark.parametrize("message", [
    "the shelf in the kitchen has collapsed",  # a thing, not a person
    "I'm not suicidal, just lonely",
    "I did my suicide prevention training at work, happy to do calls",
    "the oven won't light, no smell of gas though",
    "I nearly had a heart attack when I saw the bill",
    "I'm ending it with him, he never calls",
    "killing myself laughing at the photo your volunteer sent",
])
def test_the_same_words_negated_or_in_a_figure_of_speech_are_not_plain_danger(message):
    assert plainly_said(message) == []


def test_a_word_or_two_given_as_an_answer_is_danger_only_when_it_says_so_plainly():
    assert read("fire", Context(step="name")).danger is not None
    assert read("fallen fence", Context(step="address")).danger is None


def test_a_son_writing_for_his_mum_is_called_by_his_own_name():
    conversation = Conversation()
    conversation.send("can someone get my mum's shopping")
    said = conversation.send("I'm her son Dave")
    assert "Thanks, Dave" in said and "Her" not in said


def test_a_name_given_when_the_postcode_is_known_already_is_thanked_for_too():
    conversation = Conversation()
    conversation.send("its for my mum she cant get out, her fridge is empty. RM17 6SL")
    said = conversation.send("im her son dave")
    # The help is for his mum: the street asked for is hers, not his.
    assert said.startswith("Thanks, Dave. What is their house number and street?")


def test_someone_writing_for_another_person_is_asked_where_that_person_lives():
    conversation = Conversation()
    conversation.send("hello i am ringing for my nan she cant get out since her hip op, "
                      "can someone do her a shop on thursday")
    # The name of the person helped, given where the writer's own was asked, is not theirs.
    said = conversation.send("Her name is Edna")
    assert said == "Thank you, we'll note it's for Edna. And what is your own first name?"
    said = conversation.send("Dave")
    assert said.startswith("Thanks, Dave. What is the postcode where the person you're "
                           "asking for lives?")
    assert conversation.send("RM17 6SL").startswith("What is their house number and street?")
    assert conversation.send("not sure") == ("Please send their house number and street, "
                                             "e.g. 12 Orsett Road.")
    said = conversation.send("14 Orsett Road")
    assert "their first name (or yours" in said and "their address and your phone" in said
    said = conversation.send("yes")
    assert said.startswith("Thank you, Dave. Your request")
    saved = next(e for e in conversation.effects if isinstance(e, CreateHelpRequest))
    assert saved.first_name == "Dave" and "Edna" in saved.details
    assert saved.address_line == "14 Orsett Road"


@pytest.mark.parametrize(("text", "relation"), [
    ("could someone give my nan a ring now and then, shes lonely", "grandparent"),
    ("can someone phone my mum for a chat", "mum"), ("could someone visit my dad", "dad"),
    ("could someone take my mum to her appointment on friday", "mum"),
    ("czy ktoś mógłby dzwonić do mojej mamy? Jest bardzo samotna", "mum"),
    ("czy ktos moze odwiedzic babcie w srode", "grandparent"),
])
def test_help_done_to_someone_named_by_relation_is_help_for_them(text, relation):
    assert read(text).helped.relation == relation


def test_her_tablets_make_it_about_mum_even_without_an_apostrophe():
    conversation = Conversation()
    # (Not "...the chemist wont deliver, she cant get out": since round 12 that reads as a
    # welfare emergency, answered with the advice and a coordinator's call.)
    conversation.send("my mums run out of her tablets, could someone collect them from "
                      "the chemist. RM17 6SL")
    said = conversation.send("Sharon")
    assert said == "Thanks, Sharon. What is their house number and street? Only the " \
        "volunteer who takes the task will see it."


def test_her_name_typed_without_an_apostrophe_is_still_hers():
    conversation = Conversation()
    conversation.send("hi im writing for my mum she needs her perscription picked up tomoz")
    said = conversation.send("shes called Joan")
    assert said == "Thank you, we'll note it's for Joan. And what is your own first name?"


def test_writing_for_mum_in_polish_asks_where_she_lives():
    conversation = Conversation()
    conversation.send("Dzień dobry, piszę w imieniu mamy, potrzebuje leków z apteki jutro")
    said = conversation.send("Ania")
    assert said == ("Dziękujemy, Ania. Jaki jest kod pocztowy osoby, dla której prosisz o "
                    "pomoc? np. RM17 6SL")


def test_a_husband_or_wife_shares_the_home_so_the_questions_stay_the_writers_own():
    conversation = Conversation()
    said = conversation.send("my husband needs his prescription collecting, Jean")
    assert "What is your postcode?" in said
    conversation = Conversation()
    conversation.send("Dzień dobry, potrzebuję leków z apteki dla męża, jutro")
    assert conversation.send("Halina") == "Dziękujemy, Halina. Jaki jest Twój kod pocztowy? " \
        "np. RM17 6SL"


@pytest.mark.parametrize("text, name", [
    # Signed at the end, with what often follows a signature after it.
    ("could you ring the surgery about my tablets? Thanks, Wilf. SS14 2JF", "Wilf"),
    ("no need for the lift now, the nurse is coming. Cheers, Norman, co15 1lp", "Norman"),
    ("can sum1 get my shopping in. Ivy, 12 Acacia Drive, CM12 9TU", "Ivy"),
    ("mum needs her pills from the chemist. His daughter Bernadette", "Bernadette"),
    # The writer named with who they are, in Polish, before or after the name.
    ("babcia potrzebuje zakupów co tydzień, mieszka w Ely. Staszek, wnuk", "Staszek"),
    ("Pani Zofia prosi o pomoc z lekami z apteki. Opiekunka Marzena", "Marzena"),
    ("This is Ron's son Gary, dad needs his tablets fetched", "Gary"),
    # A town is not a signature, and a lady greeted is not the writer.
    ("Basildon here, can someone walk my spaniel on Friday", None),
    ("could someone do my shopping this week please, Jaywick", None),
    ("Pani Krysiu, dziękuję za rozmowy, do czwartku", None),
    ("is there anyone to help me with the bins Phyllis rm13 8nx", "Phyllis"),
    ("Kind regards, Mrs Agnes Moore, CO1 2SF", "Agnes"),
    ("potrzebuję zakupów na jutro. Z poważaniem, Zdzisław", "Zdzisław"),
    # Capitalised words that open a sentence are not a signature.
    ("my dad needs a visit. He's 90, CO4 5NE", None),
    ("could someone fetch my repeat. Postcode pe28 4ab", None),
    ("please send someone to 4 Elm Close SS14 2JF", None),
    ("i'm stuck on the floor. Bein here since teatime", None),
    ("im sat here waiting for the lift", None),
    # A word that says goodbye is no name, in capitals or not, English or Polish.
    ("tbh im done. cya", None),
    ("can someone help, thanks, CYA", None),
    ("cheers for sorting the shopping. Ttyl", None),
    ("thanks for the lift, laters", None),
    ("see you friday then, Ciao", None),
    ("need milk and bread. Tara", None),
    ("dziękuję za zakupy. Pa pa", None),
    ("Do jutra. Buziaki", None),
    ("Dzięki, do zobaczenia. Nara", None),
    # Capitals inside a message in mixed case are an acronym; all in capitals, a signature.
    ("My car's failed its MOT, could someone take me to the GP on Friday", None),
    ("need help filling in my PIP form. Thanks, DWP", None),
    ("need a lift to the GP on friday. thanks, JEAN", "Jean"),
    ("NEED SHOPPING THIS WEEK PLEASE. JEAN", "Jean"),
    # An initial and a surname give no first name; "80-TCE" is an age.
    ("thanks W. Gibbs", None),
    ("the lift never came. C. Moss, SS9 1HD", None),
    ("Mam 80-TCE lat", None),
])
def test_a_writer_is_named_from_a_signature_and_never_from_an_ordinary_word(text, name):
    assert read(text).sender_name == name


@pytest.mark.parametrize("text, name", [
    # Signed in lower case with a first name writers give (learnt from the training part).
    ("could somebody pick up my repeat from lloyds. ta, brenda", "Brenda"),
    ("need bread n milk pls x carol", "Carol"),
    ("lift to the dentist tues. mick rm17 6sl", "Mick"),
    ("sid here, my hedge needs a trim", "Sid"),
    # A couple writing together: the first name given.
    ("can someone take me to the surgery friday. Rose & Albert, SS14 2JF", "Rose"),
    ("Pat and Derek here, we'd like a chat on the phone now and then", "Pat"),
    # A word before the first name that is not part of it; a title with a surname kept.
    ("Pastor Emmanuel here, a lady in our church needs her shopping", "Emmanuel"),
    ("a lift to the eye clinic please. God bless, Auntie Win", "Win"),
    ("need my messages in, ta. wee Jessie", "Jessie"),
    ("Reverend Hughes here, one of our congregation needs a lift", "Reverend Hughes"),
    # Named at the start, before what the message is about.
    ("Mrs Okon, RM20 3LH. Can someone fetch my prescription?", "Mrs Okon"),
    # Lower-case words after "im" or "its", someone else's name, a month: no name.
    ("im skint and the cupboards are bare", None),
    ("the shower door's come off its runners", None),
    ("my sister Mary needs her shopping doing", None),
    ("Elsie at number 4 has fallen and can't get up", None),
    ("it's june already and the garden's a mess, can someone mow it", None),
    # "Pani" and "Pan" are titles, never the name: before a first name politeness, before a
    # surname kept ("Pani Kowalska"), and before a word in lower case the word "lady".
    ("Dzień dobry, tu Pani Stenia, potrzebuję zakupów", "Stenia"),
    ("Pani Kowalska, potrzebuję zakupów na sobotę", "Pani Kowalska"),
    ("proszę o zakupy na piątek. Pozdrawiam, pani Halina", "Halina"),
    ("o ktorej bedzie ta pani z lekami?", None),
    ("Pani Basia z naprzeciwka nie otwiera drzwi od rana", None),
    # "Mówi Heniek" opening a message and "Wanda tu" set apart introduce the writer.
    ("Mówi Heniek, potrzebuję leków z apteki", "Heniek"),
    ("Babcia mówi niewyraźnie od rana", None),
    ("Dzień dobry, Wanda tu. Czy ktoś zrobi mi zakupy?", "Wanda"),
    ("Basia tu mieszka obok i nie otwiera", None),
    # A first name after the postcode that ends the message, typed without its space.
    ("potrzebuje zakupow Rm176sl Helena", "Helena"),
])
def test_lower_case_signatures_couples_and_honorifics_name_the_writer(text, name):
    assert writer_name(text) == name


@pytest.mark.parametrize("text, name", [
    # A first name joined by a hyphen is one name, however it is typed.
    ("please could someone ring me now and then, I live alone. Lucy-Ann", "Lucy-Ann"),
    ("need a lift to my hearing test on wednesday. kelly-ann", "Kelly-Ann"),
    # Someone's ("Marjorie's son") names the person helped, never the writer.
    ("I'm Marjorie's son, she needs her prescription fetched", None),
    ("I'm Marjorie's son, Keith, she needs her prescription fetched", "Keith"),
    # "Miss" or "Dr" before a first name is politeness; a title with initials keeps the surname.
    ("Miss Pearl here, my hip is playing up and I need a bit of shopping", "Pearl"),
    ("I am Mrs Eleanor Grant and I would like a lift to the optician", "Eleanor"),
    ("Mrs J Okafor: could somebody collect my tablets on Friday", "Mrs Okafor"),
    ("MR T BAKER 3 MILL ROAD NEED SHOPPING THIS WEEK", "Mr Baker"),
    ("from mrs doyle, can someone pick up my library books", "Mrs Doyle"),
    ("Mrs Doyle next door has not taken her milk in for two days", None),
])
def test_hyphenated_names_possessives_and_titles_are_read_as_writers_give_them(text, name):
    assert writer_name(text) == name


@pytest.mark.parametrize("text, name", [
    # Sign-offs after a picture, a "luv", "from" with where they are, their relation, a PS.
    ("could someone walk my spaniel this weekend 🐕 Maggie", "Maggie"),
    ("is my shopping still coming friday. Luv Doreen x", "Doreen"),
    ("bread and milk please, cheers ronnie", "Ronnie"),
    ("the volunteer was lovely, please thank her. From Pauline at the Co-op flats", "Pauline"),
    ("please can someone fix dad's gate, it's hanging off. Carol, his daughter", "Carol"),
    ("Many thanks. Hilda. PS my number has changed", "Hilda"),
    ("yes please. Ron", "Ron"),
    ("Name: Gladys. Need: a lift. Where: Tilbury", "Gladys"),
    ("Ravinder, Harlow: could someone sit with my father on Sundays", "Ravinder"),
    # A name that is also a word, only when it signs after a "thanks".
    ("Many thanks, Faith", "Faith"),
    ("I'm Catholic and would love a lift to mass on Sundays", None),
    ("Auntie here, can someone bring my bread", None),
    ("it's lovely today, could someone take me round the park", None),
    # A place, a shop or the volunteer asked about is not the writer.
    ("she's fallen in the garden and can't get up, Gt Wakering SS3 0AA", None),
    ("could I get a kettle from Argos please", None),
    ("my cousin has just come over from Jamaica", None),
    ("she is in Southall UB1 3EP and needs her tablets", None),
    ("When is my next visit from Maureen?", None),
    ("Hi Sharon, running late, be there in 10", None),
    # A first name ending a message with no comma before it signs it, unless it is asked
    # about, someone the message is about, or the end of a place or a shop.
    ("could someone pop to the post office for me on thursday, my knee is bad Gwen", "Gwen"),
    ("szukam kogos do rozmowy po polsku, wieczory sa dlugie Halina", "Halina"),
    ("who is coming for my shopping on friday, is it still Maureen?", None),
    ("could a volunteer please help me carry the boxes in for Maureen", None),
    ("my tablets are ready at the chemist in Chadwell St Mary", None),
])
def test_sign_offs_are_found_and_places_words_and_people_asked_about_are_not(text, name):
    assert writer_name(text) == name


def test_feeling_low_is_never_taken_for_a_name():
    conversation = Conversation()
    said = conversation.send("I'm feeling really low")
    assert "Feeling" not in said
    assert conversation.state.data.get("name") is None


def test_yes_or_a_question_is_never_saved_as_an_address():
    conversation = verify_dialog([
        ("shopping please, I'm Albert, RM17 6SL", "house number"),
        ("yes", "house number and street"),
        ("why do you need my address i only asked about the food bank", "so the volunteer"),
    ])
    assert "address" not in conversation.state.data
    conversation.send("27 Orsett Road, Grays")
    assert conversation.state.data["address"] == "27 Orsett Road, Grays"


@pytest.mark.parametrize("unsure", ["not sure", "I dont know the number", "no idea sorry",
                                    "dunno", "can't remember", "nie wiem"])
def test_not_knowing_the_address_is_asked_again_not_read_back_as_one(unsure):
    conversation = verify_dialog([
        ("shopping please, I'm Albert, RM17 6SL", "house number"),
        (unsure, "Please send your house number and street"),
    ])
    assert "address" not in conversation.state.data
    assert "address_guess" not in conversation.state.data


def test_an_address_that_might_not_be_one_is_read_back_for_a_yes():
    conversation = verify_dialog([
        ("shopping please, I'm Albert, RM17 6SL", "house number"),
        ("Rosemary Cottage", "Rosemary Cottage: is that right?"),
        ("yes", "When do you need it?"),
    ])
    assert conversation.state.data["address"] == "Rosemary Cottage"


@pytest.mark.parametrize("line, street", [
    ("The Old Vicarage, Orsett Road", "Orsett Road"),
    ("The Old Vicarage Orsett Road", "Orsett Road"),
    ("Rose Cottage", None),
    ("Rosemary Cottage, RM17 6SL", None),
    ("Flat 2, 36 Orsett Road", "Orsett Road"),
    ("2/36 Orsett Rd", "Orsett Road"),
    ("36 Orsett Rd, Grays, Essex", "Orsett Road"),
    ("36 orsett road grays", "Orsett Road"),
    ("12a High St", "High Street"),
    ("12a High St.", "High Street"),
    ("Apartment 4 Riverside Court, Dock Road", "Dock Road"),
    ("Flat 3, Riverside Court", "Riverside Court"),  # a court may be the street itself
    ("Mill House, 7 Mill Lane", "Mill Lane"),
    ("5 Brentwood Road, Chadwell St Mary", "Brentwood Road"),
    ("12 St Mary's Road", "St Mary's Road"),
    ("4 The Avenue", "The Avenue"),
    ("22 Dock Road, RM18 7NH", "Dock Road"),
    ("112 Long Lane Close", "Long Lane Close"),
    ("Park Lane", "Park Lane"),
    ("36 ORSETT ROAD, GRAYS", "Orsett Road"),
    ("5 Al Amin Road", "Al Amin Road"),
    ("ul. Długa 5", "ul. Długa"),
    ("ulica Długa 5 m. 3", "ulica Długa"),
    ("al. Jana Pawła II 12/4", "al. Jana Pawła II"),
    ("Długa 5", None),
    ("", None),
    (None, None),
])
def test_the_street_is_read_from_an_address_without_the_house(line, street):
    from bot.understanding.addresses import street_of

    assert street_of(line) == street


def test_an_afternoon_call_about_half_past_two_is_at_half_past_two_in_the_afternoon():
    call = parse_call_time("wednesday afternoons about 2.30")
    assert (call.weekday, call.start_minute) == (2, 14 * 60 + 30)
    assert parse_call_time("Thursdays about 3").start_minute == 15 * 60


def test_a_volunteers_whole_offer_is_taken_in_and_only_what_is_missing_is_asked():
    conversation = Conversation()
    said = conversation.send("I'm Priya, retired nurse, I drive, happy to do shopping or phone "
                             "calls, weekday mornings, RM16 2XD, up to 5 miles")
    assert "sign up as a volunteer" in said  # an offer in their own words is checked first
    said = conversation.send("yes")
    assert "Thank you, Priya" in said and "Which languages" in said
    for answer in ("English and Gujarati", "60", "skip", "yes"):
        conversation.send(answer)
    [registered] = [e for e in conversation.effects if isinstance(e, RegisterVolunteer)]
    assert registered.skills == ("shopping", "befriending", "transport")
    assert registered.postcode == "RM16 2XD" and round(registered.travel_radius_km) == 8
    assert registered.availability[0] == "mon_morning" and registered.age_band == "55-64"


def test_neither_yes_nor_no_to_signing_up_is_asked_again_once_not_taken_for_a_first_message():
    conversation = Conversation()
    conversation.send("I'm Priya, retired nurse, I drive, happy to do shopping or phone calls, "
                      "weekday mornings, RM16 2XD, up to 5 miles")
    said = conversation.send("English and Hindi")
    assert said.startswith("Sorry, I didn't catch that. Please reply YES to sign up")
    assert "What do you need help with" not in said
    said = conversation.send("Hindi too")  # once only: then their words are read afresh
    assert "sign up" not in said
    conversation = Conversation()
    conversation.send("I'm Priya, retired nurse, I drive, happy to do shopping or phone calls, "
                      "weekday mornings, RM16 2XD, up to 5 miles")
    said = conversation.send("actually I need my prescription collecting")
    assert "sign up" not in said


COORDINATOR = PersonContext(first_name="Carol", roles=frozenset({"coordinator"}),
                            hub_name="Thurrock Community Hub")


@pytest.mark.parametrize(("message", "command"), [
    ("show me R-7Q4K", AdminCommand("show", "R-7Q4K")),
    ("whats in the queue", AdminCommand("queue", "")),
    ("qeue", AdminCommand("queue", "")),
    ("stats pls", AdminCommand("stats", "")),
    ("show me the waiting ones", AdminCommand("queue", "")),
])
def test_a_coordinators_loosely_typed_command_is_understood(message, command):
    conversation = Conversation(COORDINATOR)
    conversation.send(message)
    assert conversation.effects == [command]


def test_a_volunteer_with_a_task_asking_for_more_hears_nothing_new_is_waiting():
    volunteer = PersonContext(first_name="Ian", roles=frozenset({"volunteer"}),
                              volunteer=VolunteerSummary("approved", False, tasks=(
                                  RequestSummary("R-7Q4K", "shopping", "assigned"),)))
    for asked in ("any more jobs going?", "can i have another job"):
        said = Conversation(volunteer).send(asked)
        assert said.startswith("Nothing is waiting near you just now."), asked


def test_a_volunteer_with_a_task_asking_how_many_they_have_done_reports_nothing_done():
    volunteer = PersonContext(first_name="Ian", roles=frozenset({"volunteer"}),
                              volunteer=VolunteerSummary("approved", False, tasks=(
                                  RequestSummary("R-7Q4K", "shopping", "assigned"),)))
    for asked in ("how many hours have i done", "how many calls have I made this month",
                  "ile godzin zrobiłam"):
        conversation = Conversation(volunteer)
        said = conversation.send(asked)
        assert "Shall I mark" not in said and conversation.state.flow != "task_news", asked


def test_a_volunteers_everyday_words_are_not_read_as_danger():
    volunteer = PersonContext(first_name="Ian", roles=frozenset({"volunteer"}),
                              volunteer=VolunteerSummary("approved", False, tasks=(
                                  RequestSummary("R-7Q4K", "shopping", "assigned"),)))
    conversation = Conversation(volunteer)
    conversation.send("running 10 minutes late, be there soon")
    assert not any(isinstance(effect, FlagDanger) for effect in conversation.effects)
    for said in ("how many hours have i done", "how many have i done this month",
                 "ile godzin zrobiłam w tym roku"):
        conversation = Conversation(volunteer)
        conversation.send(said)
        assert not any(isinstance(effect, FlagDanger) for effect in conversation.effects), said


@pytest.mark.parametrize(("report", "danger"), [
    ("DONE 30 min, she told me about her sister in Leeds", None),
    ("done she misses her late husband Percival", None),
    ("rang her, she was a bit down about her hip but we laughed a lot", None),
    ("done but she's collapsed on the floor", "medical"),
    ("DONE R-7Q4K, she said she wants to end it all", "suicide"),
])
def test_a_volunteers_report_on_a_call_is_read_as_an_answer_where_plain_words_still_count(
        report, danger):
    reading = read(report, Context(roles=frozenset({"volunteer"})))
    assert (reading.danger.kind if reading.danger else None) == danger


# --- the model's arithmetic and its cache ----------------------------------------------

@pytest.fixture(scope="module")
def small_model():
    from bot.understanding import model
    return model.ReaderModel(model.training_examples(corpus.shipped_examples()[::8]))


def test_the_fast_scorer_reads_exactly_as_scikit_learn_would(small_model):
    from bot.understanding import model
    from bot.understanding.text import for_features
    for example in corpus.shipped_examples()[1::40]:
        text = for_features(example.text)
        for (_, vectoriser), grams in zip(small_model.features.transformer_list, model.GRAMS):
            assert sorted(vectoriser.build_analyzer()(text)) == sorted(grams(text))
        row = small_model.features.transform([text])
        fast = small_model.predict(example.text)
        slow = dict(zip(small_model.intent.classes_, small_model.intent.predict_proba(row)[0]))
        for intent, chance in fast.intents:
            assert chance == pytest.approx(slow[intent], abs=1e-4)
        none = list(small_model.danger.classes_).index(model.NO_DANGER)
        assert fast.danger == pytest.approx(1 - small_model.danger.predict_proba(row)[0][none],
                                            abs=1e-4)


def test_the_model_is_cached_and_a_damaged_cache_is_trained_again(small_model, tmp_path,
                                                                  monkeypatch):
    from bot.understanding import model
    trained = []
    monkeypatch.setattr(model, "train", lambda: trained.append(1) or small_model)
    path = tmp_path / "reader.pickle"
    path.write_bytes(b"not a pickle")
    first = model.load_or_train(path)
    again = model.load_or_train(path)
    assert trained == [1]  # once, for the damaged file; the second load reads the cache
    assert first.predict("shopping please") == again.predict("shopping please")


def test_a_kind_of_help_only_guessed_is_asked_about_before_it_is_taken(monkeypatch):
    from bot.dialogue import turn as turn_module
    from bot.understanding import Intent, Reading

    def guessing(text, context=None):
        reading = read(text, context)
        if text.startswith("could someone sort"):
            return Reading(reading.text, "en", (Intent("request", 0.9),), ("shopping",),
                           kinds_guessed=True)
        return reading

    monkeypatch.setattr(turn_module, "read", guessing)
    conversation = verify_dialog([
        ("could someone sort out some bits for me", "Is it shopping you need?"),
        ("no", "What do you need help with?"),
        ("4", "first name"),
    ])
    assert conversation.state.data["category"] == "dog_walking"
    agreed = verify_dialog([("could someone sort out some bits for me", "shopping"),
                            ("yes", "first name")])
    assert agreed.state.data["category"] == "shopping"


def test_help_asked_for_of_no_known_kind_is_something_else_in_their_own_words():
    conversation = Conversation()
    said = conversation.send("I need someone to sort out the dead wood on my apple tree, Bill")
    assert conversation.state.data["category"] == "other"
    assert "apple tree" in conversation.state.data["details"] and "Thanks, Bill" in said


def test_someone_read_as_offering_who_is_asking_is_not_signed_up():
    conversation = verify_dialog([
        ("dog walks, I'm Lydia, RM16 2XU, any time", "sign up as a volunteer"),
        ("no", "What do you need help with?"),
        ("4", "house number"),
    ])
    assert conversation.state.data["name"] == "Lydia"
    assert conversation.state.data["postcode"] == "RM16 2XU"
    assert not any(isinstance(effect, RegisterVolunteer) for effect in conversation.effects)


@pytest.mark.parametrize(("message", "kind"), [
    ("can i have another lift", "transport"), ("could we get the same lady for mums shopping",
                                               "shopping"),
    ("could someone pick up my paper", "shopping"),  # a newspaper, not a prescription
])
def test_asking_to_have_help_again_is_a_request_not_an_offer(message, kind):
    conversation = Conversation()
    said = conversation.send(message)
    assert "sign up" not in said
    assert conversation.state.data["category"] == kind


def test_a_volunteer_asking_to_have_more_work_is_still_offering():
    for message in ("can i have another job", "could I get more shopping runs, I love doing them"):
        assert read(message).intent == "volunteer", message


@pytest.mark.parametrize(("text", "band"), [
    ("I'm Ian, 68, I drive", "65-74"), ("Ewa, 35, nurse", "35-44"),
    ("Olusegun (Segun) / 48 / car", "45-54"), ("RM17 5TR, up to 3 miles", None),
    ("meet at 10, thanks", None),
])
def test_an_age_listed_among_a_volunteers_details_is_taken(text, band):
    from bot.understanding.parsing import listed_age_band
    assert listed_age_band(text) == band


def test_a_guess_read_back_is_forgotten_once_something_else_is_said():
    conversation = verify_dialog([
        ("shopping please, I'm Albert, RM17 6SL", "house number"),
        ("Rosemary Cottage", "is that right?"),
        ("why do you need it?", "so the volunteer"),
        ("yes", "house number and street"),  # YES to nothing now: the cottage is not saved
    ])
    assert "address" not in conversation.state.data


def test_a_volunteer_who_only_says_they_drive_is_asked_which_tasks_they_would_do():
    conversation = Conversation()
    said = conversation.send("hi I'm Ian, I'd like to volunteer, I drive, RM17 6SL, up to "
                             "5 miles")
    assert "What can you help with?" in said  # not signed up for lifts alone
    for answer in ("shopping and lifts", "weekday mornings", "English", "68", "skip", "yes"):
        conversation.send(answer)
    [registered] = [e for e in conversation.effects if isinstance(e, RegisterVolunteer)]
    assert registered.skills == ("shopping", "transport")
    assert registered.postcode == "RM17 6SL" and registered.availability[0] == "mon_morning"
