"""Reading Polish: the same answers as English gives, with or without diacritics."""

from datetime import date

import pytest

from bot.dialogue import calls
from bot.understanding import parsing, polish, read
from bot.understanding.names import writer_name
from bot.dialogue.types import (
    AnswerOffer,
    CallTime,
    ChangeCalls,
    LogCall,
    MarkTaskDone,
    OfferSummary,
    PersonContext,
    RaiseConcern,
    ReportNoCall,
    RequestSummary,
    SetCallPlan,
    StartCall,
    State,
    VolunteerSummary,
)
from dialogue_script import Conversation

TUESDAY = date(2026, 11, 24)


@pytest.mark.parametrize("text, category", [
    ("Potrzebuję zakupów na jutro", "shopping"),
    ("czy ktoś zrobi mi zakupy w Biedronce?", "shopping"),
    ("trzeba odebrać receptę z apteki", "prescription"),
    ("skończyły mi się leki", "prescription"),
    ("wyprowadzić psa", "dog_walking"),
    ("spacer z psem", "dog_walking"),
    ("podwózka do lekarza", "transport"),
    ("mam wizytę w szpitalu", "transport"),
    ("czy ktoś mógłby do mnie czasem zadzwonić", "befriending"),
    ("chciałabym z kimś porozmawiać, jestem samotna", "befriending"),
    ("rozmowa", "befriending"),
    ("coś innego", "other"),
    ("dzień dobry", None),
])
def test_kinds_of_help_in_polish(text, category):
    assert parsing.find_category(text) == category


@pytest.mark.parametrize("text", ["zakupy", "Zakupy.", "ZAKUPY"])
def test_a_polish_category_answers_the_menu(text):
    assert parsing.category_from_answer(text) == "shopping"


@pytest.mark.parametrize("text, answer", [
    ("tak", True), ("Tak, proszę!", True), ("zgadzam się", True), ("zgadzam sie", True),
    ("no tak", True), ("nie ma problemu", True), ("oczywiście", True),
    ("nie", False), ("Nie, dziękuję", False), ("nie zgadzam się", False),
    ("może", None), ("", None),
])
def test_yes_and_no_in_polish(text, answer):
    assert parsing.parse_yes_no(text) is answer


def test_english_yes_and_no_are_read_as_before():
    assert parsing.parse_yes_no("no thanks") is False
    assert parsing.parse_yes_no("yes please") is True
    assert parsing.parse_yes_no("maybe") is None


@pytest.mark.parametrize("text", ["pomiń", "POMIN", "wolę nie mówić", "brak"])
def test_skip_in_polish(text):
    assert parsing.is_skip(text)


@pytest.mark.parametrize("text, expected", [
    ("jutro", (date(2026, 11, 25), "tomorrow")),
    ("jutro rano", (date(2026, 11, 25), "tomorrow morning")),
    ("dziś wieczorem", (TUESDAY, "today")),
    ("dzisiaj", (TUESDAY, "today")),
    ("jak najszybciej", (TUESDAY, "as soon as possible")),
    ("nie pilne, kiedykolwiek", (None, "any time")),
    ("w dowolnym terminie", (None, "any time")),
    ("w tym tygodniu", (None, "this week")),
    ("w przyszłym tygodniu", (date(2026, 11, 30), "next week")),
    ("pojutrze", (date(2026, 11, 26), "Thu 26 Nov")),
    ("25 grudnia", (date(2026, 12, 25), "Fri 25 Dec")),
    ("w piątek", (date(2026, 11, 27), "Friday")),
    ("w piatek", (date(2026, 11, 27), "Friday")),
    ("w środę", (date(2026, 11, 25), "Wednesday")),
    ("w srode", (date(2026, 11, 25), "Wednesday")),
    ("w poniedziałek", (date(2026, 11, 30), "Monday")),
    ("w poniedzialek", (date(2026, 11, 30), "Monday")),
    ("w niedzielę", (date(2026, 11, 29), "Sunday")),
    ("25.12", (date(2026, 12, 25), "Fri 25 Dec")),
])
def test_when_in_polish_is_stored_in_the_same_words_as_english(text, expected):
    assert parsing.find_when(text, TUESDAY) == expected


@pytest.mark.parametrize("text, call", [
    ("wtorki o 14", CallTime("weekly", 1, 14 * 60)),
    ("we wtorki o godz. 10.30", CallTime("weekly", 1, 10 * 60 + 30)),
    ("piątki rano", CallTime("weekly", 4, 10 * 60)),
    ("w czwartek po południu", CallTime("weekly", 3, 14 * 60)),
    ("codziennie o 10", CallTime("daily", None, 10 * 60)),
    ("codziennie wieczorem", CallTime("daily", None, 18 * 60)),
    ("co dwa tygodnie w piątek o 11:15", CallTime("fortnightly", 4, 11 * 60 + 15)),
    # A bare hour from 1 to 7 is in the afternoon: nobody arranges a call at 3am.
    ("w środy o 3", CallTime("weekly", 2, 15 * 60)),
])
def test_call_times_in_polish(text, call):
    assert parsing.parse_call_time(text) == call


@pytest.mark.parametrize("text", ["wtorki", "o 14", "kiedyś"])
def test_a_call_time_needs_a_day_and_a_time(text):
    assert parsing.parse_call_time(text) is None


@pytest.mark.parametrize("text, slots", [
    ("w tygodniu wieczorem", {f"{d}_evening" for d in ("mon", "tue", "wed", "thu", "fri")}),
    ("w soboty rano", {"sat_morning"}),
    ("sobota i niedziela rano", {"sat_morning", "sun_morning"}),
    ("w poniedziałki i środy po południu", {"mon_afternoon", "wed_afternoon"}),
    ("weekendy", {f"{d}_{p}" for d in ("sat", "sun") for p in ("morning", "afternoon",
                                                              "evening")}),
])
def test_availability_in_polish(text, slots):
    assert set(parsing.parse_availability(text)) == slots


def test_always_free_in_polish():
    assert len(parsing.parse_availability("zawsze")) == 21


def test_i_joins_clauses_only_in_polish_text():
    # English "I" is a pronoun: "Mon I can do mornings" stays one clause, as before.
    assert parsing.parse_availability("Mon I can do mornings") == ("mon_morning",)


@pytest.mark.parametrize("text, km", [
    ("3 kilometry", 3.0), ("5 km", 5.0), ("2,5 km", 2.5), ("2 mile", 3.22), ("10 mil", 16.09),
    ("pół mili", 0.8), ("pół kilometra", 0.5),
])
def test_distances_in_polish(text, km):
    assert parsing.parse_distance_km(text) == km


@pytest.mark.parametrize("text, skills", [
    ("zakupy i spacery z psem", ("shopping", "dog_walking")),
    ("wszystko", ("shopping", "prescription", "befriending", "dog_walking", "transport",
                  "other")),
    ("1 3", ("shopping", "befriending")),
    ("apteka, rozmowy telefoniczne", ("prescription", "befriending")),
])
def test_skills_in_polish(text, skills):
    assert parsing.parse_skills(text) == skills


@pytest.mark.parametrize("text, codes", [
    ("polski i angielski", ("pl", "en")),
    ("mówię po polsku i trochę po ukraińsku", ("pl", "uk")),
    ("English and Polish", ("en", "pl")),
])
def test_languages_named_in_polish(text, codes):
    assert parsing.parse_languages(text) == codes


@pytest.mark.parametrize("text, band", [
    ("67", "65-74"), ("mam 84 lata", "75+"), ("58 lat", "55-64"), ("pomiń", None),
])
def test_ages_in_polish(text, band):
    assert parsing.parse_age_band(text) == band


def test_an_age_said_in_passing_in_polish():
    assert parsing.find_age_band("Mam 82 lata i mieszkam sama") == "75+"
    assert parsing.find_age_band("mieszkam tu od 20 lat") is None


@pytest.mark.parametrize("text, name", [
    ("Mam na imię Krystyna", "Krystyna"),
    ("nazywam się Łucja Nowak", "Łucja"),
    ("Jestem Halina, RM17 6SL", "Halina"),
    ("jestem sama i potrzebuję zakupów", None),
    ("Jestem Polką", None),
])
def test_names_in_polish(text, name):
    assert writer_name(text) == name


@pytest.mark.parametrize("text", [
    "Upadłam i nie mogę wstać", "upadlam, nie moge wstac", "mąż leży na podłodze",
    "nie mam leków od tygodnia", "nic nie jadłam od wczoraj", "chcę umrzeć", "boję się go",
])
def test_danger_in_polish_words(text):
    assert read(text).danger is not None


def test_everyday_polish_is_not_danger():
    assert read("Potrzebuję zakupów na jutro, dziękuję").danger is None


@pytest.mark.parametrize("text, command", [
    ("pomoc", "help"), ("Dzień dobry!", "restart"), ("od nowa", "restart"),
    ("status", "status"), ("ANULUJ", "cancel"), ("wolontariusz", "volunteer"),
    ("Chcę zostać wolontariuszem", "volunteer"), ("moje zadania", "my_tasks"),
    ("przerwa", "pause"), ("wznów", "resume"), ("wznow", "resume"), ("rezygnuję", "leave"),
    ("usuń moje dane", "forget"), ("zakupy", None),
])
def test_polish_commands(text, command):
    assert polish.command(text) == command


def test_polish_looks_polish():
    assert polish.looks_polish("Dzień dobry")
    assert polish.looks_polish("prosze o pomoc jutro")
    assert not polish.looks_polish("hello, I need shopping")
    assert not polish.looks_polish("tak")


# Through the engine: volunteers' answers, check-in calls and worries, in Polish.

TASK = RequestSummary("R-7Q4K", "shopping", "assigned", "tomorrow", first_name="Krystyna",
                      address="12 Orsett Road")
OFFER = OfferSummary("R-7Q4K", "shopping", "tomorrow", "Krystyna", "Orsett Road, RM17", 0.8)


def polish_volunteer(**context) -> Conversation:
    return Conversation(PersonContext(language="pl", roles=frozenset({"volunteer"}),
                                      volunteer=VolunteerSummary("approved", False, **context)))


@pytest.mark.parametrize("text, accept", [
    ("TAK", True), ("tak R-7Q4K", True), ("akceptuję", True), ("przyjmuje", True),
    ("NIE", False), ("Odmawiam R-7Q4K", False),
])
def test_a_polish_answer_to_an_offer(text, accept):
    conversation = polish_volunteer(offers=(OFFER,))
    conversation.send(text)
    assert conversation.effects == [AnswerOffer("R-7Q4K", accept=accept)]


@pytest.mark.parametrize("text", ["GOTOWE", "gotowe R-7Q4K", "zrobione"])
def test_a_task_done_in_polish(text):
    conversation = polish_volunteer(tasks=(TASK,))
    conversation.send(text)
    assert [e.reference for e in conversation.effects if isinstance(e, MarkTaskDone)] == ["R-7Q4K"]


def test_a_polish_volunteers_task_list_is_in_polish():
    said = polish_volunteer(tasks=(TASK,)).send("moje zadania")
    assert "R-7Q4K zakupy – Krystyna (jutro). Adres: 12 Orsett Road. Telefon: przez nasz punkt." \
        in said


@pytest.mark.parametrize("text, effect", [
    ("GOTOWE miło się rozmawiało", LogCall("done", "miło się rozmawiało")),
    ("brak odpowiedzi", LogCall("no_answer")),
    ("nie odebrała", LogCall("no_answer")),
    ("PRZEŁÓŻ jutro o 15", LogCall("rescheduled", retry_on=date(2026, 11, 25),
                                   retry_minute=15 * 60)),
    ("wstrzymaj rozmowy do 12.12", ChangeCalls("pause", date(2026, 12, 12))),
    ("POŁĄCZ", StartCall()),
    ("zmień rozmowy na czwartki o 11", SetCallPlan(None, CallTime("weekly", 3, 11 * 60))),
])
def test_check_in_calls_in_polish(text, effect):
    conversation = Conversation(PersonContext(
        language="pl", roles=frozenset({"volunteer"}),
        volunteer=VolunteerSummary("approved", False), has_calls=True,
        call_pending_with="Krystyna"))
    conversation.send(text)
    assert conversation.effects == [effect]


def test_ending_calls_in_polish_is_asked_first():
    conversation = Conversation(PersonContext(
        language="pl", roles=frozenset({"volunteer"}),
        volunteer=VolunteerSummary("approved", False), has_calls=True))
    assert "Zakończyć regularne rozmowy na stałe?" in conversation.send("KONIEC ROZMÓW")
    assert conversation.effects == []
    conversation.send("tak")
    assert conversation.effects == [ChangeCalls("end")]


def test_a_polish_resident_says_nobody_called():
    conversation = Conversation(PersonContext(language="pl", roles=frozenset({"resident"}),
                                              has_calls=True))
    conversation.send("Nikt nie zadzwonił wczoraj")
    assert conversation.effects == [ReportNoCall()]


def test_when_a_volunteer_will_ring_in_polish():
    conversation = polish_volunteer()
    conversation.state = State(calls.PLAN_FLOW, "when", {"reference": "R-7Q4K"})
    conversation.send("wtorki o 14")
    assert conversation.effects == [SetCallPlan("R-7Q4K", CallTime("weekly", 1, 14 * 60))]


def test_a_polish_worry_goes_to_the_coordinators_urgent_when_it_sounds_like_danger():
    conversation = polish_volunteer(tasks=(TASK,))
    said = conversation.send("Martwię się o panią Krystynę, upadła i nie może wstać")
    assert "dzwoń teraz pod 999" in said
    assert conversation.effects == [RaiseConcern("o panią Krystynę, upadła i nie może wstać",
                                                 urgent=True)]
    conversation.send("OBAWY")
    assert conversation.state.flow == "concern"


def every_phrase_list():
    """Each fixed word list the readers match with `has_any` or `contains_any`."""
    lists = [phrases for _, phrases in polish.CATEGORY_WORDS]
    lists += [phrases for _, phrases in parsing.CATEGORY_WORDS]
    lists += [value for module in (polish, parsing) for value in vars(module).values()
              if isinstance(value, tuple) and value and all(isinstance(v, str) for v in value)]
    return lists


def test_a_word_list_matches_as_one_pattern_exactly_where_phrase_by_phrase_would():
    lists = every_phrase_list()
    samples = {" "}
    for phrases in lists:
        for phrase in phrases:
            bare = phrase.rstrip("*")
            # The phrase itself, with an ending, cut short, and inside other words.
            samples |= {f" {bare} ", f" {bare}ami ", f" {bare[:-1]} ", f" x{bare} ",
                        f" w {bare} dzis ", f" {bare}-{bare} "}
    assert len(lists) > 30 and len(samples) > 1000
    for phrases in lists:
        for folded in samples:
            expected = any(polish.has(folded, phrase) for phrase in phrases)
            assert polish.has_any(folded, phrases) is expected, (phrases, folded)


@pytest.mark.parametrize(("said", "found"), [
    ("jestem zwolniona z opłat za leki", True), ("zwolniony z oplaty", True),
    ("jestem zwolniona", False), ("z opłatami", False)])
def test_a_star_inside_a_phrase_stands_for_the_rest_of_that_word(said, found):
    phrase = polish.words("zwolnion* z opłat*")[0]
    assert polish.has(polish.fold(said), phrase) is found
    assert polish.has_any(polish.fold(said), (phrase,)) is found
