"""The volunteer's conversation: sign-up and the commands after it."""

from bot.dialogue.types import (
    LeaveVolunteering,
    PersonContext,
    RegisterVolunteer,
    SetVolunteerPaused,
    VolunteerSummary,
)
from dialogue_script import Conversation, verify_dialog

IAN_SIGNS_UP = [
    ("I'd like to volunteer", "first name"),
    ("Ian", "postcode"),
    ("RM17 6SL", "How far"),
    ("2 miles", "What can you help with"),
    ("1 3 4", "When are you usually free"),
    ("weekday evenings, Sat mornings", "languages"),
    ("English and Polish", "age band"),
    ("67", "lived through"),
    ("I cared for my mum who had dementia", "volunteer code"),
    ("yes", "coordinator checks your ID"),
]


def test_a_volunteer_signs_up_and_ends_pending_checks():
    conversation = verify_dialog(IAN_SIGNS_UP)
    [registered] = [e for e in conversation.effects if isinstance(e, RegisterVolunteer)]
    assert registered.first_name == "Ian"
    assert registered.postcode == "RM17 6SL"
    assert abs(registered.travel_radius_km - 3.22) < 0.01
    assert registered.skills == ("shopping", "befriending", "dog_walking")
    assert "mon_evening" in registered.availability and "sat_morning" in registered.availability
    assert "sat_evening" not in registered.availability
    assert registered.languages == ("en", "pl")
    assert registered.age_band == "65-74"
    assert "dementia" in registered.lived_experience
    assert conversation.state.flow == "idle"


def test_the_confirmation_repeats_what_they_said():
    conversation = verify_dialog(IAN_SIGNS_UP)
    said = "\n".join(r.text for r in conversation.last_replies)
    assert "within 2 miles" in said
    assert "dog walking" in said


def test_optional_questions_can_be_skipped_and_kilometres_understood():
    conversation = verify_dialog([
        ("volunteer", "first name"), ("Julia", "postcode"), ("RM16 2XU", "How far"),
        ("5km", "help with"), ("all", "free"), ("any time", "languages"), ("skip", "age"),
        ("SKIP", "lived through"), ("skip", "code"), ("I agree", "within 5 km"),
    ])
    [registered] = [e for e in conversation.effects if isinstance(e, RegisterVolunteer)]
    assert registered.travel_radius_km == 5
    assert registered.languages == ("en",)
    assert registered.age_band is None and registered.lived_experience is None
    assert len(registered.availability) == 21


def test_unclear_answers_are_asked_again_with_an_example():
    verify_dialog([
        ("volunteer", "first name"), ("Julia", "postcode"), ("nowhere", "RM17 6SL"),
        ("RM16 2XU", "How far"), ("quite far", "2 miles or 3 km"), ("2", "help with"),
        ("whatever", "1 3 4"), ("1", "free"), ("sometimes", "weekday evenings"),
        ("any time", "languages"), ("Klingon", "don't know that language"),
        ("skip", "age"), ("ancient", "your age"), ("45", "lived through"),
        ("skip", "code"), ("maybe", "YES if you agree"),
    ])


def test_declining_the_code_saves_nothing():
    conversation = Conversation()
    for message, _ in IAN_SIGNS_UP[:-1]:
        conversation.send(message)
    assert "nothing was saved" in conversation.send("no")
    assert not conversation.effects


def test_someone_already_signed_up_is_told_so():
    person = PersonContext(volunteer=VolunteerSummary("pending", False))
    verify_dialog([("volunteer", "already signed up as a volunteer (pending checks)")],
                  Conversation(person))


def test_volunteers_can_pause_resume_list_tasks_and_leave():
    person = PersonContext(volunteer=VolunteerSummary("approved", False))
    conversation = verify_dialog([
        ("PAUSE", "RESUME"), ("resume", "Welcome back"), ("my tasks", "no tasks"),
        ("leave", "Are you sure"), ("yes", "left the volunteer list"),
    ], Conversation(person))
    assert conversation.effects == [SetVolunteerPaused(True), SetVolunteerPaused(False),
                                    LeaveVolunteering()]


def test_volunteer_commands_mean_nothing_special_to_residents():
    conversation = Conversation()
    said = conversation.send("pause")
    assert "What do you need help with" in said
    assert conversation.effects == []


MAREK_SIGNS_UP_IN_POLISH = [
    ("Chcę zostać wolontariuszem", "Jak masz na imię?"),
    ("Marek", "Jaki jest Twój kod pocztowy?"),
    ("RM17 6SL", "Jak daleko"),
    ("3 kilometry", "W czym możesz pomóc?"),
    ("zakupy i spacery z psem", "Kiedy zwykle masz czas?"),
    ("w tygodniu wieczorem, w soboty rano", "Jakimi językami mówisz?"),
    ("polski i angielski", "przedziale wieku"),
    ("mam 67 lat", "doświadczenia"),
    ("pomiń", "kodeks wolontariusza"),
    ("tak", "Koordynator sprawdzi dokument"),
]


def test_a_volunteer_signs_up_in_polish():
    person = PersonContext(language="pl")
    conversation = verify_dialog(MAREK_SIGNS_UP_IN_POLISH, Conversation(person))
    [registered] = [e for e in conversation.effects if isinstance(e, RegisterVolunteer)]
    assert registered.first_name == "Marek"
    assert registered.travel_radius_km == 3
    assert registered.skills == ("shopping", "dog_walking")
    assert registered.availability == ("mon_evening", "tue_evening", "wed_evening",
                                       "thu_evening", "fri_evening", "sat_morning")
    assert registered.languages == ("pl", "en")
    assert registered.age_band == "65-74"
    assert registered.lived_experience is None
    said = conversation.last_replies[0].text
    assert "zakupy i spacer z psem" in said
    assert "rano (sob.), wieczorem (dni powszednie)" in said and "do 3 km" in said


def test_polish_skip_is_offered_as_the_word_to_type():
    conversation = Conversation(PersonContext(language="pl"))
    for message, _ in MAREK_SIGNS_UP_IN_POLISH[:6]:
        conversation.send(message)
    [reply] = conversation.last_replies
    assert [(c.value, c.label) for c in reply.choices] == [("POMIŃ", "Pomiń")]


def test_polish_volunteer_commands():
    person = PersonContext(language="pl", volunteer=VolunteerSummary("approved", False))
    conversation = verify_dialog([
        ("PRZERWA", "WZNÓW"), ("wznów", "Witaj z powrotem"),
        ("moje zadania", "Nie masz teraz zadań"), ("rezygnuję", "Na pewno"),
        ("tak", "Nie ma Cię już na liście"),
    ], Conversation(person))
    assert conversation.effects == [SetVolunteerPaused(True), SetVolunteerPaused(False),
                                    LeaveVolunteering()]


def test_distances_in_words_keypad_digits_and_a_no_to_lived_experience():
    conversation = verify_dialog([
        ("volunteer", "first name"), ("Sam", "postcode"), ("RM17 6SL", "How far"),
        ("ten miles", "help with"), ("34", "free"), ("evenings", "languages"),
        ("English", "age"), ("skip", "lived through"), ("no idea", "code"),
        ("yes", "every evening"),
    ])
    [registered] = [e for e in conversation.effects if isinstance(e, RegisterVolunteer)]
    assert abs(registered.travel_radius_km - 16.09) < 0.01
    assert registered.skills == ("befriending", "dog_walking")
    assert registered.lived_experience is None


def test_a_question_missed_twice_says_how_to_start_again():
    conversation = Conversation()
    for text in ("volunteer", "Sam", "RM17 6SL", "2 miles"):
        conversation.send(text)
    first = conversation.send("whatever")
    assert "1 3 4" in first and "START AGAIN" not in first
    second = conversation.send("no idea at all")
    assert "1 3 4" in second and "If you're stuck, text START AGAIN" in second
    assert "free" in conversation.send("1")  # answered: the count starts again
    assert "START AGAIN" not in conversation.send("sometimes")


def test_a_yes_to_lived_experience_is_asked_about_and_never_kept_as_the_experience():
    conversation = verify_dialog([
        *IAN_SIGNS_UP[:8],
        ("yes", "What was it, in a few words"),
        ("yes I have", "What was it, in a few words"),
        ("yes, I nursed my husband through cancer", "volunteer code"),
        ("yes", "coordinator checks your ID"),
    ])
    [registered] = [e for e in conversation.effects if isinstance(e, RegisterVolunteer)]
    assert registered.lived_experience == "yes, I nursed my husband through cancer"


def test_a_no_to_lived_experience_keeps_nothing():
    conversation = verify_dialog([*IAN_SIGNS_UP[:8], ("no", "volunteer code"),
                                  ("yes", "coordinator checks your ID")])
    [registered] = [e for e in conversation.effects if isinstance(e, RegisterVolunteer)]
    assert registered.lived_experience is None


def test_an_age_given_as_a_decade_or_in_words_is_taken_at_the_age_question():
    for answer, band in (("70s", "75+"), ("in my 40s", "45-54"), ("I'm 58", "55-64")):
        steps = [*IAN_SIGNS_UP[:7], (answer, "lived through"), *IAN_SIGNS_UP[8:]]
        conversation = verify_dialog(steps)
        [registered] = [e for e in conversation.effects if isinstance(e, RegisterVolunteer)]
        assert registered.age_band == band, answer


def test_an_answer_to_a_question_still_to_come_is_kept_and_not_asked_again():
    conversation = verify_dialog([
        ("I'd like to volunteer", "first name"), ("Ian", "postcode"), ("RM17 6SL", "How far"),
        ("weekday mornings", "Thanks, I've noted that. How far"),
        ("shopping and phone calls", "Thanks, I've noted that. How far"),
        ("2 miles", "languages"),  # skills and free time were given already
        ("I'm 67", "noted that. Which languages"),  # the age kept for its question
    ])
    assert conversation.state.data["age_band"] == "65-74"
    for text in ("English", "skip", "yes"):
        conversation.send(text)
    [registered] = [e for e in conversation.effects if isinstance(e, RegisterVolunteer)]
    assert registered.skills == ("shopping", "befriending")
    assert registered.availability[0] == "mon_morning" and registered.age_band == "65-74"


def test_words_that_answer_nothing_still_count_as_a_missed_question():
    conversation = Conversation()
    for text in ("volunteer", "Sam", "RM17 6SL"):
        conversation.send(text)
    assert "2 miles or 3 km" in conversation.send("quite far")
    assert "START AGAIN" in conversation.send("far enough")


def test_asking_for_jobs_halfway_through_signing_up_is_answered_not_taken_as_an_answer():
    # "any jobs for me?" at the skills question had been read as "any" kind of help: every
    # skill saved. It is told when offers come, and the question is asked again.
    conversation = verify_dialog([
        *IAN_SIGNS_UP[:4],
        ("any jobs for me?", "once you've signed up and a coordinator has checked your details."
                             " What can you help with"),
        ("anything", "When are you usually free"),
        ("any jobs going?", "once you've signed up"),
        ("weekday evenings", "languages"),
    ])
    assert conversation.state.data["skills"] == ["shopping", "prescription", "befriending",
                                                  "dog_walking", "transport", "other"]


def test_free_this_afternoon_is_still_an_answer_to_when_a_volunteer_is_free():
    conversation = verify_dialog([*IAN_SIGNS_UP[:5], ("I'm free this afternoon", "languages")])
    assert conversation.state.data["availability"]


def test_a_polish_volunteer_asking_for_work_mid_sign_up_hears_when_offers_come():
    conversation = Conversation()
    conversation.send("chcę zostać wolontariuszem")
    assert "Propozycje zadań w pobliżu" in conversation.send("czy jest coś dla mnie?")
