"""Reading what people type: kinds of help, postcodes, names, times, yes/no.

Every function here is pure and forgiving: it returns None (or an empty
value) when it cannot tell, and the dialogue asks again with an example.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from bot.understanding import names, polish
from bot.understanding.vocabulary import closest
from bot.understanding.text import (  # noqa: F401  (the dialogue reads them here too)
    MAX_TEXT_LENGTH,
    POSTCODE_PATTERN,
    clean,
    fold,
    has_letters_or_digits,
    strip_marks,
    words_of,
)
from bot.understanding.reading import CallTime

CATEGORIES = ("shopping", "prescription", "befriending", "dog_walking", "transport", "other")
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_PARTS = ("morning", "afternoon", "evening")
AGE_BANDS = ("18-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75+")


# Checked in this order: the first kind whose words appear wins, so the more
# specific kinds come first ("walk my dog to the shops" is dog walking).
CATEGORY_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("prescription", ("prescription", "medicine", "medication", "pharmacy", "chemist",
                      "tablets", "pills", "meds", "inhaler")),
    ("dog_walking", ("dog", "dogs", "walkies", "puppy")),
    ("transport", ("lift", "appointment", "hospital", "transport", "drive me", "driver",
                   "taxi", "doctor", "doctors", "doctor's", "gp", "clinic", "dentist")),
    ("shopping", ("shopping", "shop", "shops", "groceries", "grocery", "food", "supermarket",
                  "milk", "bread", "tesco", "sainsbury", "sainsbury's", "asda", "aldi",
                  "lidl", "morrisons", "co-op")),
    ("befriending", ("chat", "talk", "lonely", "alone", "ring me", "call me", "phone me",
                     "befriend", "befriending", "company", "conversation", "check on me",
                     "check in", "welfare", "someone to ring", "someone to talk",
                     "friendly call", "phone call")),
    ("other", ("something else", "other")),
)

MENU_NUMBERS = {str(number): category for number, category in enumerate(CATEGORIES, start=1)}

YES_WORDS = {"yes", "y", "yeah", "yep", "yes please", "ok", "okay", "sure", "agree",
             "i agree", "agreed", "fine", "please do", "go ahead", "that's fine", "correct",
             "👍", "tak"}
NO_WORDS = {"no", "n", "nope", "no thanks", "no thank you", "don't", "dont", "do not",
            "i don't agree", "disagree", "not ok", "👎", "nie"}
SKIP_WORDS = {"skip", "pass", "none", "no", "n/a", "na", "nothing", "rather not say",
              "prefer not to say", "-", "no idea", "not really", "nothing really", "not sure",
              "nope", "none really", "no thanks", "no thank you", "nothing to say"}

OUTWARD_ONLY_PATTERN = re.compile(r"^\s*([A-Z]{1,2}[0-9][A-Z0-9]?)\s*$", re.IGNORECASE)
REFERENCE_PATTERN = re.compile(r"\bR-?([2-9A-HJ-NP-Z]{4,5})\b", re.IGNORECASE)
NEED_REFERENCE_PATTERN = re.compile(r"\bN-([2-9A-HJ-NP-Z]{4,5})\b", re.IGNORECASE)

WEEKDAY_WORDS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}
MONTH_WORDS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11,
    "november": 11, "dec": 12, "december": 12,
}
URGENT_WORDS = ("urgent", "urgently", "asap", "as soon as possible", "emergency", "right now",
                "today", "tonight", "immediately", "straight away")
ANY_TIME_WORDS = ("any time", "anytime", "whenever", "no rush", "not urgent", "flexible",
                  "any day", "doesn't matter", "dont mind", "don't mind")

LANGUAGE_NAMES = {
    "english": "en", "polish": "pl", "polski": "pl", "urdu": "ur", "punjabi": "pa",
    "bengali": "bn", "bangla": "bn", "gujarati": "gu", "romanian": "ro", "arabic": "ar",
    "portuguese": "pt", "spanish": "es", "french": "fr", "italian": "it",
    "lithuanian": "lt", "turkish": "tr", "somali": "so", "chinese": "zh", "mandarin": "zh",
    "cantonese": "zh", "hindi": "hi", "tamil": "ta", "welsh": "cy", "german": "de",
    "russian": "ru", "ukrainian": "uk", "bulgarian": "bg", "latvian": "lv", "greek": "el",
    "persian": "fa", "farsi": "fa", "kurdish": "ku", "pashto": "ps", "tigrinya": "ti",
    "amharic": "am", "yoruba": "yo", "twi": "tw", "shona": "sn", "sign language": "bsl",
    "bsl": "bsl", "british sign language": "bsl", "hungarian": "hu", "czech": "cs",
    "slovak": "sk", "albanian": "sq", "nepali": "ne", "tagalog": "tl", "malayalam": "ml",
}
LANGUAGE_LABELS = {code: name.title() for name, code in reversed(list(LANGUAGE_NAMES.items()))}
LANGUAGE_LABELS.update({"bsl": "British Sign Language", "zh": "Chinese", "pl": "Polish"})


def contains_phrase(text_words: str, phrase: str) -> bool:
    return f" {phrase} " in text_words


def contains_any(text_words: str, phrases: tuple[str, ...]) -> bool:
    """Whether the words hold any of the phrases (the same test as polish.has_any)."""
    return polish.has_any(text_words, phrases)


def find_category(text: str) -> str | None:
    text_words = words_of(text)
    for category, phrases in CATEGORY_WORDS:
        if contains_any(text_words, phrases):
            return category
    return polish.find_category(text)


def name_answered(text: str) -> str | None:
    """The reply to "What is your first name?" (names.answer_name), but never a word that
    names a kind of help: "zakupy prosze" or "leki" sent where the name was asked is the help
    said again, not someone called Zakupy."""
    name = names.answer_name(text)
    return None if name is not None and find_category(name) else name


def menu_choice(text: str) -> str | None:
    """A number from the menu of kinds ("2"), or a kind's own name ("dog walking")."""
    answer = clean(text).lower().rstrip(".")
    named = answer.replace(" ", "_")
    return MENU_NUMBERS.get(answer) or (named if named in CATEGORIES else None)


def category_from_answer(text: str) -> str | None:
    """A reply to the 'what help' question: a menu number, a category word, or words."""
    return menu_choice(text) or find_category(text)


def normalise_postcode(text: str) -> str | None:
    match = POSTCODE_PATTERN.fullmatch(clean(text))
    if not match:
        return None
    return f"{match.group(1).upper()} {match.group(2).upper()}"


def find_postcodes(text: str) -> list[str]:
    """Every full UK postcode in free text, normalised ("rm176sl" -> "RM17 6SL")."""
    found = []
    for match in POSTCODE_PATTERN.finditer(clean(text)):
        postcode = f"{match.group(1).upper()} {match.group(2).upper()}"
        if postcode not in found:
            found.append(postcode)
    return found


def looks_like_postcode_attempt(text: str) -> bool:
    """True for text that is probably a mistyped postcode, to explain the format."""
    compact = clean(text).replace(" ", "")
    return bool(OUTWARD_ONLY_PATTERN.match(clean(text))) or (
        2 <= len(compact) <= 9 and any(c.isdigit() for c in compact) and compact.isalnum()
    )


def find_reference(text: str) -> str | None:
    match = REFERENCE_PATTERN.search(clean(text))
    return f"R-{match.group(1).upper()}" if match else None


def find_need_reference(text: str) -> str | None:
    """A partner's need, "N-3KD9" (the hyphen is required: "n" alone is a word)."""
    match = NEED_REFERENCE_PATTERN.search(clean(text))
    return f"N-{match.group(1).upper()}" if match else None


GREETINGS = {"hi", "hello", "hey", "hiya", "good morning", "good afternoon", "good evening"}


def short_answer(text: str) -> str:
    """A short message as one lower-case phrase without its punctuation: "Ok, thanks!" ->
    "ok thanks", for matching against word lists."""
    return " ".join(re.sub(r"[.!,?]+", " ", clean(text).lower()).split())


def is_greeting(text: str) -> bool:
    return short_answer(text) in GREETINGS or polish.is_greeting(text)


# A volunteer who can't do a task they took after all.
GIVE_BACK_PHRASES = ("give back", "give it back", "hand back", "hand it back", "can't do",
                     "cant do", "cannot do", "can't make it", "cant make it", "cannot make it",
                     "can no longer do", "can't do it after all", "unable to do", "not able to do")


def gives_back(text: str) -> bool:
    """"GIVE BACK R-7Q4K", "sorry, I can't make it tomorrow", "ODDAJ R-7Q4K"."""
    text_words = words_of(text)
    return any(contains_phrase(text_words, phrase) for phrase in GIVE_BACK_PHRASES) or \
        polish.gives_back(text)


# A message that closes a conversation rather than starting one.
CLOSING_WORDS = {"thanks", "thank you", "thanks a lot", "thank you so much", "thank you very much",
                 "many thanks", "thanks very much", "cheers", "ta", "ok", "okay", "ok thanks",
                 "ok thank you", "okay thanks", "okay thank you", "bye", "goodbye", "bye bye",
                 "lovely", "great", "brilliant", "perfect", "no thanks", "no thank you",
                 "no", "nope", "no that's all", "that's all", "thats all", "all good",
                 "thanks bye", "thank you bye", "👍", "🙏", "😊"}
# A first message asking what the hub does, rather than for anything in particular.
GENERAL_ASKS = ("help", "help me", "i need help", "need help", "can you help", "can you help me",
                "please help", "help please", "what can you do", "what do you do",
                "how does this work", "what is this", "who are you", "what help is there")


def is_closing(text: str) -> bool:
    """"Thanks!", "ok, bye", "dziękuję": nothing to do but say goodbye kindly."""
    return short_answer(text) in CLOSING_WORDS or polish.is_closing(text)


def is_general_ask(text: str) -> bool:
    """"What can you do?", "I need help": the menu is the answer, not an apology."""
    return short_answer(text) in GENERAL_ASKS or polish.is_general_ask(text)


# Not knowing is neither: "no idea", "not sure", "nie wiem" start like a NO but are not one.
UNSURE = re.compile(r"^ (?:um+ |erm+ |hmm+ )?(?:no idea|not sure|dunno|don'?t know|do not know|"
                    r"no clue|nie wiem|nie jestem pewn\w*|nie mam pojecia|sama nie wiem|"
                    r"sam nie wiem)\b")


def parse_yes_no(text: str) -> bool | None:
    answer = re.sub(r"[.!]+$", "", clean(text).lower())
    if UNSURE.search(fold(text)):
        return None
    if answer in YES_WORDS:
        return True
    if answer in NO_WORDS:
        return False
    polish_answer = polish.yes_no_answer(text)
    if polish_answer is not None:
        return polish_answer
    first = answer.split(" ")[0].rstrip(",") if answer else ""
    if first in {"yes", "yeah", "yep", "ok", "okay", "sure"}:
        return True
    if first in {"no", "nope"}:
        return False
    return polish.yes_no_first_word(text)


def is_skip(text: str) -> bool:
    return re.sub(r"[.!]+$", "", clean(text).lower()) in SKIP_WORDS or polish.is_skip(text)


def next_weekday(today: date, weekday: int) -> date:
    """The next date falling on `weekday` (today counts)."""
    return today + timedelta(days=(weekday - today.weekday()) % 7)


# The part of a day said with it ("friday morning", "jutro po południu"): kept with the day,
# so the volunteer is not told "Friday" and turns up at teatime. English and Polish words,
# typed loosely; "this morning" and "tonight" are today, said as today.
WHEN_PARTS = {
    "morning": ("morning", "mornin", "morn", "first thing", "rano", "z rana",
                "przed poludniem"),
    "afternoon": ("afternoon", "aft", "arvo", "after lunch", "po poludniu", "popoludniu"),
    "evening": ("evening", "teatime", "wieczorem", "wieczor"),
}  # not "am" ("I am free Friday") nor "eve" (Christmas Eve is a day)


def find_when(text: str, today: date) -> tuple[date | None, str] | None:
    """When help is needed: (date or None for 'any time', words to show back), with the part
    of the day for a day named ("Friday morning", "tomorrow afternoon")."""
    found = find_day(text, today)
    if found is None or found[0] is None or found[1] in ("today", "as soon as possible",
                                                         "next week"):
        return found
    text_words = words_of(strip_marks(text))
    part = next((part for part, words in WHEN_PARTS.items()
                 if contains_any(text_words, words)), None)
    return (found[0], f"{found[1]} {part}") if part else found


def find_day(text: str, today: date) -> tuple[date | None, str] | None:
    """The day help is needed: (date or None for 'any time', words to show back)."""
    text_words = words_of(text)
    for phrase in ("now and then", "now and again", "every now"):
        text_words = text_words.replace(f" {phrase} ", " ")
    if contains_any(text_words, ("asap", "as soon as possible", "urgent", "urgently",
                                 "right now", "immediately", "straight away", "now")):
        return today, "as soon as possible"
    if contains_any(text_words, TODAY_WORDS):
        return today, "today"
    if contains_any(text_words, TOMORROW_WORDS) or misspelt_tomorrow(text_words):
        return today + timedelta(days=1), "tomorrow"
    if contains_any(text_words, ANY_TIME_WORDS):
        return None, "any time"
    if contains_phrase(text_words, "this week"):
        return None, "this week"
    if contains_phrase(text_words, "next week"):
        return next_weekday(today, 0) + timedelta(days=7 if today.weekday() == 0 else 0), "next week"
    explicit = find_date(" " + clean(text).lower() + " ", today)
    if explicit:
        return explicit, explicit.strftime("%a %-d %b")
    # Each day's name is one word: one set test for them all, not nineteen phrase tests.
    named = WEEKDAY_WORDS.keys() & text_words.split()
    for word, weekday in WEEKDAY_WORDS.items():
        if word in named:
            day = next_weekday(today, weekday)
            return day, day.strftime("%A")
    misspelt = misspelt_weekday(text_words)
    if misspelt is not None:
        day = next_weekday(today, misspelt)
        return day, day.strftime("%A")
    return polish.find_when(text, today)


# Today and tomorrow as people text them: "2day", "tonite", "tomoz", "2moro", "the morra".
TODAY_WORDS = ("today", "tonight", "2day", "tday", "2nite", "2night", "tonite", "tonyt")
TOMORROW_WORDS = ("tomorrow", "tmrw", "tmw", "tomoz", "tomoro", "2moro", "2mora",
                  "2moz", "2mrw", "the morra", "the morrow")

FULL_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def misspelt_tomorrow(text_words: str) -> bool:
    """Tomorrow typed with a slip: "tomorow", "tommorow", "tomorrw"."""
    return any(closest(word, ("tomorrow",)) for word in text_words.split() if len(word) >= 6)


def misspelt_weekday(text_words: str) -> int | None:
    """A day name typed with a slip: "wensday", "thrusday", "fridays"."""
    for word in text_words.split():
        if len(word) < 5:
            continue
        found = closest(word.rstrip("s") if len(word) > 6 else word, FULL_WEEKDAYS)
        if found:
            return FULL_WEEKDAYS.index(found)
    return None


# Single words that name a kind of help, five letters or longer (shorter ones are too close
# to everyday words to match loosely).
KIND_WORDS = {word: kind for kind, phrases in CATEGORY_WORDS for word in phrases
              if " " not in word and len(word) >= 5 and kind != "other"}


def misspelt_kind(text: str) -> str | None:
    """The kind of help a short message names with a typo: "grocerys", "shoppin"."""
    for word in words_of(text).split():
        found = closest(word, tuple(KIND_WORDS)) if len(word) >= 5 else None
        if found:
            return KIND_WORDS[found]
    return None


def find_date(text_words: str, today: date) -> date | None:
    """A date typed as 25/12, 25-12-2026 or 25 Dec (the next one to come)."""
    numeric = re.search(r"\b(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2,4}))?\b", text_words)
    spelled = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)? (?:of )?([a-z]{3,9})\b", text_words)
    day = month = year = None
    if numeric:
        day, month = int(numeric.group(1)), int(numeric.group(2))
        year = int(numeric.group(3)) if numeric.group(3) else None
        if year is not None and year < 100:
            year += 2000
    elif spelled and spelled.group(2) in MONTH_WORDS:
        day, month = int(spelled.group(1)), MONTH_WORDS[spelled.group(2)]
    if day is None or month is None:
        return None
    try:
        candidate = date(year or today.year, month, day)
    except ValueError:
        return None
    if year is None and candidate < today:
        candidate = candidate.replace(year=today.year + 1)
    return candidate


def concern_number(text: str) -> int | None:
    """The concern a coordinator means: "ACK C-12", "ack 12", "resolve c12 ..."."""
    match = re.search(r"\b(?:c-?)?(\d{1,9})\b", clean(text).lower())
    return int(match.group(1)) if match else None


# When a volunteer will ring: "Tuesdays 2pm", "every day at 10am", "fortnightly Friday mornings".
DAY_PART_MINUTES = {"morning": 10 * 60, "mornings": 10 * 60, "noon": 12 * 60, "midday": 12 * 60,
                    "lunchtime": 12 * 60, "afternoon": 14 * 60, "afternoons": 14 * 60,
                    "evening": 18 * 60, "evenings": 18 * 60}
CLOCK_TIME = re.compile(r"\b(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)\b|\b(\d{1,2})[:.](\d{2})\b"
                        r"|\b(?:at|about|around|after|from|by) (\d{1,2})(?:ish)?\b(?![:./])")
DAILY_WORDS = ("every day", "everyday", "daily", "each day", "every morning", "every evening",
               "every afternoon")
FORTNIGHTLY_WORDS = ("fortnight", "fortnightly", "every other", "every two weeks",
                     "every 2 weeks", "alternate")


def parse_call_time(text: str) -> CallTime | None:
    """A regular call time, or None when the day (unless daily) or the time is missing."""
    text_words = words_of(text)
    start = calling_minutes(text)
    if start is None:
        start = next((minutes for word, minutes in DAY_PART_MINUTES.items()
                      if contains_phrase(text_words, word)), None)
    if start is None:
        start = polish.day_part_minutes(text)
    if start is None:
        return None
    if any(contains_phrase(text_words, w) for w in DAILY_WORDS) or polish.is_daily(text):
        return CallTime("daily", None, start)
    weekday = next((day for word, day in WEEKDAY_WORDS.items()
                    if contains_phrase(text_words, word) or contains_phrase(text_words, word + "s")),
                   None)
    if weekday is None:
        weekday = polish.find_weekday(text)
    if weekday is None:
        weekday = misspelt_weekday(text_words)
    if weekday is None:
        return None
    fortnightly = (any(contains_phrase(text_words, w) for w in FORTNIGHTLY_WORDS)
                   or polish.is_fortnightly(text))
    return CallTime("fortnightly" if fortnightly else "weekly", weekday, start)


# Help wanted again and again: "shopping every Friday", "Fridays", "my weekly shop".
WEEKLY_WORDS = ("every week", "each week", "weekly", "once a week", "every", "each",
                "regular", "regularly", "standing")
PLURAL_WEEKDAYS = tuple(f"{day}s" for day in FULL_WEEKDAYS) + ("weds", "thurs")


# Kept like words_of: a reading asks it twice of the same message (read_when and
# read_repeat), and the second time was nearly a third of what a reading gained in cost
# since 6aea72f (callgrind: 73,000 of 241,000 instructions).
@lru_cache(maxsize=polish.TEXTS_CACHED)
def find_repeat(text: str, today: date | None) -> tuple[int, int | None] | None:
    """(days between, weekday) of help wanted again and again, or None for a one-off.

    The weekday is the one named, else the day of a date said, else None: "my weekly
    shop" says it repeats but not when. "Every day" is not a standing request (nobody
    shops daily for someone; daily calls are befriending's own)."""
    text_words = words_of(text)
    if any(contains_phrase(text_words, w) for w in DAILY_WORDS) or polish.is_daily(text):
        return None
    if any(contains_phrase(text_words, w) for w in FORTNIGHTLY_WORDS):
        every = 14
    elif any(contains_phrase(text_words, w) for w in WEEKLY_WORDS + PLURAL_WEEKDAYS):
        every = 7
    else:
        every = polish.repeat_days(text)
    if every is None:
        return None
    weekday = next((day for word, day in WEEKDAY_WORDS.items()
                    if contains_phrase(text_words, word) or contains_phrase(text_words, word + "s")),
                   None)
    if weekday is None:
        weekday = polish.find_weekday(text)
    if weekday is None and contains_phrase(text_words, "every"):
        # "every" alone says nothing without a day or "week": "every little helps".
        if not any(contains_phrase(text_words, w) for w in ("every week", "every other")):
            return None
    if weekday is None and today is not None:
        found = find_when(text, today)
        weekday = found[0].weekday() if found and found[0] else None
    return every, weekday


# Time a volunteer gave: "45 min", "about an hour", "1h30", "an hour and a half", "2 hrs".
DURATION = re.compile(
    r"\b(?P<hours>\d{1,2}(?:[.,]\d{1,2})?)\s*(?:hours|hour|hrs|hr|h|godz\w*)(?![a-z])"
    r"(?:\s*(?:and\s*)?(?P<after>\d{1,2})\s*(?:m|min|mins|minutes?|minut\w*)?\b)?"
    r"|\b(?P<minutes>\d{1,3})\s*(?:m|min|mins|minutes?|minut\w*)\b"
    r"|\b(?P<word_hours>an?|one|two|three|four|five|half an|a half|jedn\w*|dwie|trzy|pol)"
    r"\s+(?P<unit>hours?|hrs?|godzin\w*)\b(?P<and_half>\s+and\s+a\s+half|\s+i\s+pol)?"
    r"|\bhalf an hour\b|\bpol godziny\b")
WORD_HOURS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
              "jedna": 1, "jedną": 1, "dwie": 2, "trzy": 3}
LONGEST_TASK_MINUTES = 24 * 60


def find_duration(text: str) -> int | None:
    """Minutes a task took, as a volunteer says it; None when no time is said (or one
    longer than a day, which is a slip, not a task)."""
    # A reference's letters and digits ("R-K2H5") are no time.
    said = strip_marks(REFERENCE_PATTERN.sub(" ", clean(text))).lower()
    match = DURATION.search(said)
    if match is None:
        return None
    if match.group("hours"):
        hours = float(match.group("hours").replace(",", "."))
        minutes = round(hours * 60) + int(match.group("after") or 0)
    elif match.group("minutes"):
        minutes = int(match.group("minutes"))
    elif match.group("word_hours"):
        word = match.group("word_hours")
        minutes = 30 if word in ("half an", "pol") else 60 * WORD_HOURS.get(word, 1)
        if match.group("and_half") or word == "a half":
            minutes += 30
    else:
        minutes = 30  # "half an hour"
    return minutes if 0 < minutes <= LONGEST_TASK_MINUTES else None


LATER_PARTS = ("afternoon", "afternoons", "evening", "evenings", "night", "tonight", "teatime")


def calling_minutes(text: str) -> int | None:
    """The time of a call: a clock time with am/pm as said, or inferred where it is not.

    "wednesday afternoons about 2.30" is 14:30: the day part says so. With no day part, a
    bare 1 to 7 o'clock is the afternoon or evening (nobody arranges a friendly call at three
    in the morning) and 8 to 11 is the morning.
    """
    said = clean(text).lower()
    match = CLOCK_TIME.search(said)
    if match is None:
        return polish.clock_minutes(said)
    minutes = minutes_of(match)
    if minutes is None or match.group(3) or (match.group(4) and int(match.group(4)) > 12):
        return minutes  # "2pm", "14:30": said exactly
    hour = minutes // 60
    later = any(contains_phrase(words_of(text), part) for part in LATER_PARTS)
    if hour < 12 and (later or 1 <= hour <= 7):
        return minutes + 12 * 60
    return minutes


def clock_minutes(text: str) -> int | None:
    """Minutes after midnight of "2pm", "10.30am", "14:00"; None when there is no time."""
    match = CLOCK_TIME.search(text)
    return polish.clock_minutes(text) if match is None else minutes_of(match)


def minutes_of(match: re.Match) -> int | None:
    """Minutes after midnight of one CLOCK_TIME match."""
    if match.group(3):
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if match.group(3) == "pm" else 0)
    elif match.group(6):  # "about 3": an hour said alone
        hour, minute = int(match.group(6)), 0
    else:
        hour, minute = int(match.group(4)), int(match.group(5))
    return hour * 60 + minute if hour < 24 and minute < 60 else None


def is_urgent(text: str) -> bool:
    return contains_any(words_of(text), URGENT_WORDS)


# Distances said in words: "ten miles", "a couple of miles", "a mile".
NUMBER_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
                "fifteen": 15, "twenty": 20, "thirty": 30, "fifty": 50, "a couple of": 2,
                "a few": 3}
NUMBER_WORD_PATTERN = re.compile(
    r"\b(" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")\s+(?=(km|kms|"
    r"kilometres|kilometers|mi|mile|miles)\b)")


DISTANCE_UNIT = re.compile(r"\b\d+(?:\.\d+)?\s*(?:km|kms|kilometres|kilometers|mi|miles?)\b"
                           r"|\b(?:a|one|two|three|four|five|ten|half a|a couple of|a few)\s+"
                           r"(?:km|kilometres|miles?)\b", re.IGNORECASE)
FREE_TIME_WORDS = ("morning", "mornings", "afternoon", "afternoons", "evening", "evenings",
                   "weekday", "weekdays", "weekend", "weekends", "any time", "anytime",
                   "daytime", "nights", "rano", "wieczorem", "po poludniu")


SHORT_DAY = re.compile(r"\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:days?|s)?\b")


def names_free_time(text: str) -> bool:
    """Whether a whole message says when the writer is free ("weekday mornings")."""
    folded = words_of(text)
    return any(contains_phrase(folded, word) for word in FREE_TIME_WORDS) or bool(
        SHORT_DAY.search(folded))


def parse_distance_km(text: str) -> float | None:
    """'2 miles', '5km', '3' (miles, as people say in the UK), 'half a mile', 'ten miles'."""
    text_words = words_of(text)
    if contains_phrase(text_words, "half a mile"):
        return round(0.5 * 1.609344, 2)
    text_words = NUMBER_WORD_PATTERN.sub(lambda m: f"{NUMBER_WORDS[m.group(1)]} ", text_words)
    # Polish units first: "3 kilometry" would otherwise read as 3 miles. For English
    # words they share ("5 km", "1 mile") the answer is the same either way.
    in_polish = polish.distance_km(text)
    if in_polish is not None:
        return in_polish
    match = re.search(r"(\d+(?:\.\d+)?)\s*(km|kms|kilometres|kilometers|k|mi|mile|miles|m)?\b",
                      text_words)
    if not match:
        return None
    amount = float(match.group(1))
    unit = match.group(2) or "miles"
    kilometres = amount if unit.startswith("k") else amount * 1.609344
    if not 0.1 <= kilometres <= 200:
        return None
    return round(kilometres, 2)


# The everyday words volunteers use for what they can do, beyond the kinds' own names.
SKILL_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("befriending", ("phone calls", "calls", "phone call", "a call", "ring people", "chats",
                     "befriender", "visits", "visiting", "listening", "company")),
    ("transport", ("lifts", "a lift", "driving", "drive", "i drive", "car", "have a car",
                   "got a car", "driver", "hospital runs", "appointments")),
    ("prescription", ("prescriptions", "medication", "meds", "pharmacy runs")),
    ("dog_walking", ("dogs", "dog walks", "walk dogs", "walking dogs", "pets")),
    ("other", ("odd jobs", "diy", "gardening", "forms", "letters", "repairs", "bins")),
)


# What a volunteer has, not what they would do: "I drive" alone in a sign-up is asked
# about ("which tasks?") rather than taken as lifts only.
HAS_A_CAR = ("drive", "i drive", "driving", "car", "have a car", "got a car", "driver", "van",
             "driving licence")


def skills_offered(text: str) -> tuple[str, ...]:
    """The kinds of help a whole sign-up message offers, in words (parse_skills without menu
    numbers); none when all it says is that they have a car."""
    skills = parse_skills(text, menu_numbers=False)
    if skills != ("transport",):
        return skills
    text_words = words_of(text)
    lifts_said = any(contains_phrase(text_words, phrase)
                     for category, phrases in (*SKILL_WORDS, *CATEGORY_WORDS)
                     if category == "transport" for phrase in phrases if phrase not in HAS_A_CAR)
    return skills if lifts_said or polish.categories_in(text) else ()


def parse_skills(text: str, menu_numbers: bool = True) -> tuple[str, ...]:
    """Kinds of help a volunteer offers: '1 3 4', 'shopping and dog walking', 'all'.
    Without `menu_numbers` (a whole sign-up message, where "34" is an age), words only."""
    text_words = words_of(text).replace(" at all ", " ")  # "not at all" is not "all"
    if menu_numbers and (any(contains_phrase(text_words, w)
                             for w in ("all", "any", "anything", "everything", "all of them"))
                         or polish.means_all(text)):
        return CATEGORIES
    chosen: set[str] = set()
    if menu_numbers:
        chosen = {MENU_NUMBERS[n] for n in re.findall(r"\b([1-6])\b", text_words)}
        # "134" on a phone keypad means 1, 3 and 4: every digit is a choice on the menu.
        for run in re.findall(r"\b([1-6]{2,6})\b", text_words):
            chosen |= {MENU_NUMBERS[n] for n in run}
    for category, phrases in SKILL_WORDS:
        if any(contains_phrase(text_words, p) for p in phrases):
            chosen.add(category)
    chosen |= polish.categories_in(text)
    for category, phrases in CATEGORY_WORDS:
        if category != "other" and any(contains_phrase(text_words, p) for p in phrases):
            chosen.add(category)
    for category in CATEGORIES:
        if contains_phrase(text_words, category.replace("_", " ")):
            chosen.add(category)
    if contains_phrase(text_words, "walking"):
        chosen.add("dog_walking")
    return tuple(c for c in CATEGORIES if c in chosen)


def parse_availability(text: str) -> tuple[str, ...]:
    """Free slots as 'mon_morning' etc. from 'weekday evenings, sat mornings', 'any time'."""
    text_words = words_of(text)
    if any(contains_phrase(text_words, w) for w in ("any time", "anytime", "always",
                                                    "whenever", "all week", "flexible")) \
            or polish.always_free(text):
        return tuple(f"{d}_{p}" for d in DAYS for p in DAY_PARTS)
    clauses = []
    # Polish joins clauses with "i", "lub"...; "i" is only split on in Polish text.
    joins = r",|;|\band\b|\bor\b|&|\+|\n"
    if polish.looks_polish(text):
        joins += polish.CONJUNCTIONS
    for raw_clause in re.split(joins, clean(text).lower()):
        clause = words_of(raw_clause)
        days = clause_days(clause)
        parts = [p for p in DAY_PARTS if contains_phrase(clause, p) or contains_phrase(clause, p + "s")]
        parts += [p for p in polish.clause_day_parts(raw_clause) if p not in parts]
        if contains_phrase(clause, "all day") or contains_phrase(clause, "daytime"):
            parts = ["morning", "afternoon"] if contains_phrase(clause, "daytime") else list(DAY_PARTS)
        if contains_phrase(clause, "nights") or contains_phrase(clause, "night"):
            parts.append("evening")
        if days or parts:
            clauses.append((days, parts))
    # "Sat and Sun mornings": a clause of days alone takes the times that follow.
    for index in range(len(clauses) - 2, -1, -1):
        days, parts = clauses[index]
        if days and not parts and clauses[index + 1][1]:
            clauses[index] = (days, clauses[index + 1][1])
    slots: list[str] = []
    for days, parts in clauses:
        for day in days or DAYS:
            for part in parts or DAY_PARTS:
                slot = f"{day}_{part}"
                if slot not in slots:
                    slots.append(slot)
    order = {f"{d}_{p}": i for i, (d, p) in enumerate((d, p) for d in DAYS for p in DAY_PARTS)}
    return tuple(sorted(slots, key=order.__getitem__))


def clause_days(clause: str) -> list[str]:
    if any(contains_phrase(clause, w) for w in ("weekday", "weekdays", "week days")):
        return list(DAYS[:5])
    if any(contains_phrase(clause, w) for w in ("weekend", "weekends")):
        return list(DAYS[5:])
    if any(contains_phrase(clause, w) for w in ("every day", "everyday", "daily", "any day")):
        return list(DAYS)
    days = []
    for word, weekday in WEEKDAY_WORDS.items():
        if contains_phrase(clause, word) or contains_phrase(clause, word + "s"):
            if DAYS[weekday] not in days:
                days.append(DAYS[weekday])
    if not days:
        days = [DAYS[weekday] for weekday in polish.clause_weekdays(clause)]
    misspelt = None if days else misspelt_weekday(clause)
    if misspelt is not None:
        days = [DAYS[misspelt]]
    return sorted(days, key=DAYS.index)


def parse_languages(text: str) -> tuple[str, ...]:
    text_words = words_of(text)
    codes = []
    for name, code in LANGUAGE_NAMES.items():
        if contains_phrase(text_words, name) and code not in codes:
            codes.append(code)
    codes += [code for code in polish.languages_in(text) if code not in codes]
    return tuple(codes)


def parse_age_band(text: str) -> str | None:
    answer = clean(text).lower().replace(" ", "")
    for band in AGE_BANDS:
        if answer in (band, band.replace("-", "to")):
            return band
    match = re.fullmatch(r"(?:i'm|iam|im|age|aged)?(\d{2,3})(?:yearsold|years|yrs|yo)?\.?", answer)
    age = int(match.group(1)) if match else polish.age_answer(text)
    if age is None:
        return None
    if age < 18 or age > 110:
        return None
    if age >= 75:
        return "75+"
    for band in AGE_BANDS[:-1]:
        low, high = (int(part) for part in band.split("-"))
        if low <= age <= high:
            return band
    return None


AGE_IN_WORDS = re.compile(
    r"\b(?:i'?m|i am|aged?)\s+(\d{2,3})\b(?!\s*(?:mins?|minutes|miles|km|%))"
    r"|\b(\d{2,3})\s*(?:years? old|yrs? old|y/?o)\b"
    r"|\bin my (\d0)'?s\b"
    r"|^(\d0)'?s$"
)


# An age listed among other details: "I'm Ian, 68, I drive", "Ewa, 35, nurse".
LISTED_AGE = re.compile(r"(?:^|[,(/]|\bi'?m \w+)\s*(1[6-9]|[2-9]\d)\s*(?:,|\)|/|$|yo\b|yrs\b)")


def listed_age_band(text: str) -> str | None:
    match = LISTED_AGE.search(clean(text).lower())
    return parse_age_band(match.group(1)) if match else None


def find_age_band(text: str) -> str | None:
    """An age given in passing: "I'm 82", "82 years old", "in my 70s" (the decade's middle)."""
    match = AGE_IN_WORDS.search(clean(text).lower())
    if not match:
        said = polish.age_in_passing(text)
        return parse_age_band(str(said)) if said is not None else None
    exact = match.group(1) or match.group(2)
    age = int(exact) if exact else int(match.group(3) or match.group(4)) + 5
    return parse_age_band(str(age))


def first_word(text: str) -> str:
    parts = words_of(text).split()
    return parts[0] if parts else ""


# How volunteers start a report on a call they made ("DONE 30 min, she told me about her
# sister in Leeds", "rang her, she misses her late husband", "zadzwoniłam").
REPORT_WORDS = ("done", "called", "rang", "spoke")


def starts_a_report(text: str) -> bool:
    """Whether the message opens as a volunteer's report on a call, in English or Polish."""
    return first_word(text) in REPORT_WORDS or polish.first_word(text) in polish.CALL_DONE_FIRST


# A volunteer telling how they are getting on with a task: "on my way", "running 10 minutes
# late", "omw", "spóźnię się".
ON_THE_WAY = re.compile(
    r"\b(?:on my way|omw|otw|running late|running behind|runnin late|be there (?:soon|shortly|in)|"
    r"i'?ll be late|bit late|just leaving|leaving now|setting off|nearly there|almost there|"
    r"in traffic|be with (?:her|him|them|you) (?:soon|shortly|in)|jestem w drodze|już jadę|"
    r"(?:\d+|a few|few|couple of|couple|five|ten|fifteen|twenty) ?(?:mins?|minutes) "
    r"(?:late|away|behind|out)|late by|be there (?:at|by|around|about) |"
    r"juz jade|spóźnię się|spoznie sie|będę za|bede za)\b")
# A volunteer at the door with nobody answering: "no answer", "she's not in", "not picking up",
# "nikt nie otwiera". Worth a call, and CONCERN if it worries them; not an emergency in itself.
NO_ANSWER = re.compile(
    r"\b(?:no answer|no reply|not answering|didn'?t answer|did not answer|won'?t answer|"
    r"not (?:picking up|coming to the door)|nobody (?:in|home|there|answering)|"
    # "she's not in", "not home again", but not "not in pain", "not there yet, 5 min"
    r"not (?:in|home|there)(?= *$| (?:and|so|but|again|either|still|today|tonight)\b)|"
    r"no ?(?:one|1|body) (?:in|home|there|answering|answered|came)|"
    r"nikt nie (?:otwiera|odbiera|otworzy\w*|odebra\w*)|nie ma (?:jej|go|nikogo)|"
    r"nie otwiera|nie odbiera)\b")
# ...or just come: "parked outside now", "I'm here", "at her door".
ARRIVED = re.compile(
    r"\b(?:parked (?:up|outside)|outside now|(?:i'?m|im|i am) (?:here|outside)|here now|"
    r"at (?:the|her|his|their) (?:door|house|flat|gate)|got there|just arrived|arrived|"
    r"jestem na miejscu|jestem pod drzwiami|stoję pod)\b")
# A volunteer looking for the door: "can't find the house", "which flat is it", "nie mogę
# znaleźć domu".
LOOKING_FOR_THE_DOOR = re.compile(
    r"\b(?:which (?:house|flat|door|bell)|nie mog\w* znale[zź]\w*|"
    r"can'?t find (?:the|her|his|their|your|it|number|no\.?)(?: (?:house|flat|place|door|"
    r"street|road|block|bungalow|building|way))?)")
# Where a volunteer is with a task, first match first: at the door with nobody answering,
# just come, on the way, looking for the door. The reader takes danger from the model only
# at the door; the dialogue answers each with whom to ring.
ERRANDS = (("no_answer", NO_ANSWER), ("arrived", ARRIVED), ("on_the_way", ON_THE_WAY),
           ("looking_for_the_door", LOOKING_FOR_THE_DOOR))


def errand_said(text: str) -> str | None:
    """ "parked outside now" -> "arrived": which of ERRANDS a volunteer's words say."""
    text_words = words_of(text)
    return next((name for name, pattern in ERRANDS if pattern.search(text_words)), None)


# A volunteer with a task asking again for what it told them: "what was the address again?",
# "whats her number", "where does he live", "what does she want", "jaki jest adres?", or
# looking for the door.
ASKS_FOR_TASK_DETAILS = re.compile(
    r"\b(?:address|addy|postcode|phone|number|no\.|where (?:does|do|is) (?:she|he|they)|"
    r"details|remind me|forgot|adres\w*|telefon\w*|numer\w*|gdzie mieszka|"
    r"what (?:does|do|did) (?:she|he|they) (?:want|need|ask for)|"
    r"what'?s on (?:the|her|his|their) list|what am i (?:getting|buying|picking up))|"
    + LOOKING_FOR_THE_DOOR.pattern)
# A volunteer asking about their own record: "how many hours have i done", "how many jobs
# this month", "ile godzin mam".
ASKS_FOR_HOURS = re.compile(
    r"\b(?:how (?:many|much) (?:hours|hrs|time|tasks|jobs|calls|times|have i|ive|i'?ve)|"
    r"(?:hours|hrs) (?:have|did|do) i|my (?:hours|hrs|total)|hours i'?ve|"
    r"ile (?:godzin|zadań|zadan|czasu|razy)|moje godziny)\b")
# A volunteer asking for something to do: "any jobs for me?", "whats waiting", "im free this
# afternoon if anyone needs a hand", "czy jest coś dla mnie".
ASKS_FOR_WORK = re.compile(
    r"\b(?:any (?:more |other )?(?:jobs?|tasks?|requests?|work|offers?|one|body) ?"
    r"(?:for me|near me|going|about|around|today|need\w*|waiting|on)?|"
    r"anything (?:for me|near me|going|i can do|to do|today|waiting|on)|"
    r"any ?(?:one|1|body) (?:need|want)\w*|what'?s (?:waiting|going|available|out there)|"
    r"(?:i'?m|im|i am) (?:free|available|around) (?:today|tomorrow|this|all|now|"
    r"if|for)|got (?:a )?(?:spare|free) (?:hour|afternoon|morning|day|evening|time)|"
    r"can i help (?:today|now|anyone|this)|am i still on|coś dla mnie|cos dla mnie|"
    r"(?:can|could|may) i (?:have|get|do|take) (?:another|more|a(?:nother)? new|some more|"
    r"an ?other) (?:jobs?|tasks?|requests?|work)|"
    r"czy ktoś potrzebuje|czy ktos potrzebuje|mam (?:dziś |dzis |jutro )?wolne|"
    r"jestem (?:dziś |dzis |jutro )?(?:wolna|wolny|dostępn\w+|dostepn\w+))")
# The writer's own number, given where we ask for the number of the person they write for:
# "mine", "same", "ring me", "my number", "mój", "na mój".
OWN_NUMBER = re.compile(
    r"^ (?:(?:it'?s |its |just |use |ring |call )?(?:mine|me|my (?:own )?(?:number|phone|mobile)|"
    r"same(?: (?:number|one|as (?:me|mine)))?|this (?:number|one)|the same)|(?:na )?moj"
    r"(?: numer)?|ten sam|do mnie|(?:ten|ten numer))(?: please| pls| thanks| thank you)? $")


# Asking to have something, for oneself or one's own: "can I have another lift", "could we
# get the same lady again", "czy mogę prosić o zakupy". With a kind of help named, an offer
# it is not: a volunteer offers to do, and asks to have work (ASKS_FOR_WORK), not a lift.
ASKS_TO_HAVE = re.compile(
    r"\b(?:(?:can|could|may|cud|cn) (?:i|we|u|you|my \w+|me (?:mum|mam|dad|nan)) "
    r"(?:please |pls |plz |just )?(?:have|hav|av|get|book|order|ask for|arrange|send)"
    r"(?! (?:it|that|this|one|them)\b)|"  # "there's a lift Thursday, can I have it": a task
    r"(?:i'?d|i would|we'?d|we would) like (?:a|an|another|more|some|my|the same)|"
    r"czy (?:moge|mogę|mozna|można|moglabym|mogłabym|moglbym|mógłbym) "
    r"(?:prosic|prosić|dostac|dostać|zamowic|zamówić))\b")
# Work asked for by a volunteer: "can I have another job", "could I get more shifts".
WORK_WORDS = re.compile(
    r"\b(?:jobs?|tasks?|shifts?|runs|rounds|work|volunteer\w*|rota|doing (?:them|it|more)|"
    r"experience|"
    r"zadani\w*|zleceni\w*|prac\w*)\b")


# A volunteer saying they will be away or unable for a while: "on holiday next week",
# "busy till christmas", "nie będzie mnie w przyszłym tygodniu".
GOING_AWAY = re.compile(
    r"\b(?:on (?:holiday|hols|vacation)|going (?:away|on holiday)|(?:be|i'?m|im|i am) away|"
    r"away (?:next|this|for|until|till|from)|not (?:around|available)|unavailable|"
    r"won'?t be (?:around|available|able to help|about)|wont be (?:around|available|about)|"
    r"busy (?:next|this|for|until|till)|need a break|taking a break|having an op|"
    r"going into hospital|na urlop\w*|wyjeżdżam|wyjezdzam|nie będzie mnie|nie bedzie mnie|"
    r"niedostępn\w*|niedostepn\w*)\b")
# A volunteer changing what they signed up with: "can i change my area", "i've moved",
# "I can do dog walking too", "zmiana adresu".
CHANGES_DETAILS = re.compile(
    r"\b(?:(?:change|update|add to) my (?:area|postcode|address|days|times|availability|"
    r"skills|distance|radius|miles|details|languages?|hours|profile)|can i change|"
    r"(?:i'?ve|ive|i have|we'?ve) moved|moved (?:house|"
    r"to)|new (?:postcode|address)|i can (?:also|now) do|i can do [a-z ]{3,30} (?:too|as well)|"
    r"(?:can'?t|cannot|cant) drive any ?more|zmieni\w* (?:mój|moj|moje|moją|moja|mi)|"
    r"zmiana (?:adresu|kodu|dni)|przeprowadzi\w*)")
# More of what was asked for, said as more: "can she bring some eggs too", "and bread as
# well", "I forgot the milk", "jeszcze chleb".
ADDS_MORE = re.compile(
    r"\b(?:too|as well|also|and also|extra|forgot|forgotten|add|plus|another thing|one more|"
    r"też|tez|również|rowniez|jeszcze|dodatkowo|dopisz\w*)\b")


def says_any(pattern: re.Pattern, text: str) -> bool:
    """Whether the words of `text` hold what `pattern` looks for (ON_THE_WAY, ADDS_MORE...)."""
    return bool(pattern.search(words_of(text)))
