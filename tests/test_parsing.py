"""Reading what people type."""

from datetime import date

import pytest

from bot.dialogue import wording
from bot.understanding import parsing
from bot.understanding.names import answer_name, writer_name

TUESDAY = date(2026, 11, 24)


@pytest.mark.parametrize("text, category", [
    ("can someone get my shopping?", "shopping"),
    ("I need my prescription picked up from the chemist", "prescription"),
    ("could someone walk my dog", "dog_walking"),
    ("I need a lift to a hospital appointment", "transport"),
    ("I'm lonely, could someone ring me now and then", "befriending"),
    ("need milk and bread", "shopping"),
    ("hello", None),
])
def test_kinds_of_help_are_found_in_plain_words(text, category):
    assert parsing.find_category(text) == category


@pytest.mark.parametrize("text", ["rm176sl", "RM17 6SL", " rm17  6sl ", "Rm17 6sL"])
def test_postcodes_in_any_case_and_spacing(text):
    assert parsing.find_postcodes(text) == ["RM17 6SL"]
    assert parsing.normalise_postcode(text) == "RM17 6SL"


@pytest.mark.parametrize("text", ["hello", "12345", "", "RM17", "RM17 6S", "6SL RM17"])
def test_things_that_are_not_full_postcodes(text):
    assert parsing.normalise_postcode(text) is None


def test_postcodes_inside_sentences_including_london_ones():
    assert parsing.find_postcodes("I'm at w1a 1aa near E1W 1AA") == ["W1A 1AA", "E1W 1AA"]


@pytest.mark.parametrize("text, name", [
    ("I'm Albert", "Albert"), ("my name is lydia", "Lydia"), ("this is Betty here", "Betty"),
    ("I'm not coping", None), ("I am lonely", None), ("hello", None),
])
def test_names_given_in_passing(text, name):
    assert writer_name(text) == name


@pytest.mark.parametrize("text, name", [
    ("Albert", "Albert"), ("it's Mary-Jane", "Mary-Jane"), ("albert smith", "Albert"),
    ("12", None), ("", None), ("hello", None),
])
def test_names_given_as_answers(text, name):
    assert answer_name(text) == name


@pytest.mark.parametrize("text, expected", [
    ("today please", (TUESDAY, "today")),
    ("tomorrow", (date(2026, 11, 25), "tomorrow")),
    ("on Friday", (date(2026, 11, 27), "Friday")),
    ("tuesday", (TUESDAY, "Tuesday")),
    ("25/12", (date(2026, 12, 25), "Fri 25 Dec")),
    ("3rd of January", (date(2027, 1, 3), "Sun 3 Jan")),
    ("any time", (None, "any time")),
    ("asap", (TUESDAY, "as soon as possible")),
    ("whenever suits", (None, "any time")),
])
def test_time_words(text, expected):
    assert parsing.find_when(text, TUESDAY) == expected


def test_text_without_time_words_has_no_time():
    assert parsing.find_when("12 Orsett Road", TUESDAY) is None


@pytest.mark.parametrize("text", ["tomorow at 10", "tommorow", "tomorrw pls", "tomoz",
                                  "2moro if poss", "tmw", "can u come the morra"])
def test_tomorrow_typed_with_a_slip_or_as_texted_is_still_tomorrow(text):
    assert parsing.find_when(text, TUESDAY) == (date(2026, 11, 25), "tomorrow")


@pytest.mark.parametrize("text", ["2day pls", "tonite", "2nite if u can"])
def test_today_as_texted_is_today(text):
    assert parsing.find_when(text, TUESDAY) == (TUESDAY, "today")


@pytest.mark.parametrize("text", ["some tomatoes please", "to Moreton"])
def test_words_that_only_look_a_little_like_tomorrow_are_no_time(text):
    assert parsing.find_when(text, TUESDAY) is None


@pytest.mark.parametrize("text, km", [
    ("2 miles", 3.22), ("5km", 5), ("3", 4.83), ("10 kilometres", 10), ("half a mile", 0.8),
    ("far", None), ("0", None), ("5000 miles", None),
])
def test_distances(text, km):
    result = parsing.parse_distance_km(text)
    assert (result is None) if km is None else abs(result - km) < 0.01


def test_availability_clauses_combine_days_and_parts():
    slots = parsing.parse_availability("weekday evenings, Sat and Sun mornings")
    assert slots == ("mon_evening", "tue_evening", "wed_evening", "thu_evening", "fri_evening",
                     "sat_morning", "sun_morning")
    assert len(parsing.parse_availability("any time")) == 21
    assert parsing.parse_availability("mornings") == tuple(f"{d}_morning" for d in parsing.DAYS)
    assert parsing.parse_availability("sometimes") == ()


def test_skills_from_numbers_words_or_all():
    assert parsing.parse_skills("1 3 4") == ("shopping", "befriending", "dog_walking")
    assert parsing.parse_skills("shopping and dog walking") == ("shopping", "dog_walking")
    assert parsing.parse_skills("all") == parsing.CATEGORIES
    assert parsing.parse_skills("juggling") == ()


@pytest.mark.parametrize("text, answer", [("yes", True), ("Yes please", True), ("ok", True),
                                          ("No", False), ("no thanks", False),
                                          ("maybe", None), ("", None),
                                          # Not knowing starts like a NO and is not one.
                                          ("no idea", None), ("not sure tbh", None),
                                          ("nie wiem", None), ("Nie wiem, zapytam syna", None),
                                          ("nie", False), ("no, thanks", False)])
def test_yes_and_no(text, answer):
    assert parsing.parse_yes_no(text) is answer


@pytest.mark.parametrize("text, band", [("67", "65-74"), ("80", "75+"), ("35-44", "35-44"),
                                        ("I'm 30", "25-34"), ("12", None), ("old", None)])
def test_age_bands(text, band):
    assert parsing.parse_age_band(text) == band


def test_references_are_found_with_or_without_the_dash():
    assert parsing.find_reference("cancel r7q4k") == "R-7Q4K"
    assert parsing.find_reference("YES R-7Q4K") == "R-7Q4K"
    assert parsing.find_reference("yes") is None


def test_very_long_text_is_cut_not_refused():
    assert len(parsing.clean("a" * 10_000)) == parsing.MAX_TEXT_LENGTH


@pytest.mark.parametrize("text, name", [
    ("I'm Mr F, I need food and my tablets", "Mr F"),
    ("it's Mrs Patel", "Mrs Patel"),
    ("Mr F", "Mr F"),
    ("I'm Albert", "Albert"),
])
def test_a_name_given_with_a_title_keeps_it(text, name):
    assert answer_name(text) == name


@pytest.mark.parametrize("stored", ["today", "tomorrow", "as soon as possible", "any time",
                                    "this week", "next week", "regular calls", "Friday",
                                    "Wed 25 Nov", "weekday mornings", "Friday morning",
                                    "tomorrow afternoon", "any morning"])
def test_when_is_said_back_in_english_exactly_as_stored(stored):
    assert wording.describe_when(stored, "en") == stored


@pytest.mark.parametrize("stored, polish", [
    ("tomorrow", "jutro"), ("as soon as possible", "jak najszybciej"), ("Friday", "piątek"),
    ("Wed 25 Nov", "śr. 25 listopada"), ("any time", "w dowolnym terminie"),
    ("we wtorki po południu", "we wtorki po południu"), (None, None),
    ("Friday morning", "piątek rano"), ("Wed 25 Nov evening", "śr. 25 listopada wieczorem"),
    ("tomorrow afternoon", "jutro po południu"),
])
def test_when_is_said_back_in_polish(stored, polish):
    assert wording.describe_when(stored, "pl") == polish


def test_every_when_find_when_gives_has_words_in_each_language():
    for text in ("today", "tomorrow", "asap", "any time", "this week", "next week", "25/12",
                 "friday"):
        _, stored = parsing.find_when(text, TUESDAY)
        assert wording.describe_when(stored, "pl") != stored, stored


@pytest.mark.parametrize("text, stored", [
    ("can someone get my shopping friday morning", "Friday morning"),
    ("tomorrow afternoon if poss", "tomorrow afternoon"),
    ("zakupy w piątek po południu", "Friday afternoon"), ("jutro rano", "tomorrow morning"),
    ("I am free Friday", "Friday"),  # "am" is no morning
    ("tonight if poss, after tea", "today"), ("next week, mornings best", "next week"),
    ("tomorow morning", "tomorrow morning"),
])
def test_the_part_of_the_day_is_kept_with_the_day(text, stored):
    assert parsing.find_when(text, TUESDAY)[1] == stored


def test_free_time_is_described_in_the_persons_language():
    slots = parsing.parse_availability("weekday evenings, Sat mornings")
    assert wording.describe_slots(slots) == "Sat mornings, weekday evenings"
    assert wording.describe_slots(slots, "pl") == "rano (sob.), wieczorem (dni powszednie)"
    assert wording.describe_slots(parsing.parse_availability("any time"), "pl") == \
        "w dowolnym terminie"


@pytest.mark.parametrize("minute, english, polish", [
    (14 * 60, "2pm", "14:00"), (10 * 60 + 30, "10:30am", "10:30"), (0, "12am", "0:00"),
    (12 * 60, "12pm", "12:00"),
])
def test_times_of_day_as_each_language_writes_them(minute, english, polish):
    assert wording.describe_clock(minute, "en") == english
    assert wording.describe_clock(minute, "pl") == polish


def test_dates_as_each_language_writes_them():
    assert wording.describe_date(date(2026, 12, 12), "en") == "Sat 12 Dec"
    assert wording.describe_date(date(2026, 12, 12), "pl") == "sob. 12 grudnia"


@pytest.mark.parametrize("text, gives_back", [
    ("GIVE BACK R-7Q4K", True), ("sorry, I can't make it tomorrow", True),
    ("ODDAJ R-7Q4K", True), ("Niestety nie dam rady jutro", True),
    ("on my way", False), ("done", False), ("can't wait to help", False)])
def test_giving_a_task_back_in_english_and_polish(text, gives_back):
    assert parsing.gives_back(text) is gives_back


def test_every_form_of_a_day_is_one_word_as_the_set_test_finding_them_needs():
    from bot.understanding import polish

    for form in [*parsing.WEEKDAY_WORDS, *polish.WEEKDAYS]:
        assert form and " " not in form and "*" not in form, form
