"""Polish words the dialogue understands, typed with or without diacritics.

People text "środa" or "sroda", "zakupy", "jutro rano", "tak". Each reader
here returns the same plain values as its English counterpart in
`parsing` (a category, a weekday number, minutes after midnight, a canonical
English when-text) and None when it finds nothing Polish. The English readers
run first and these only fill in what they left empty, so English is read
exactly as before; and they run whatever language the person chose, because a
Polish word means the same thing from anyone.

Matching is done on folded text: lower case, punctuation turned to spaces,
diacritics taken off ("Środę" -> "srode"), so every word list is written once,
with its diacritics, and matches both spellings. A phrase ending in "*" matches
any word starting with it ("zakup*": zakupy, zakupów, zakupami), which is how a
short list covers Polish endings.

Pure: no I/O; it imports only the text basics (text.py), and parsing imports it.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from bot.understanding.text import MAX_TEXT_LENGTH, TEXTS_CACHED, strip_marks


@lru_cache(maxsize=TEXTS_CACHED)
def fold(text: str) -> str:
    """Folded words with a space either side, for phrase matching: " w srode rano "."""
    plain = strip_marks(re.sub(r"\s+", " ", text or "").strip()[:MAX_TEXT_LENGTH])
    return " " + re.sub(r"[^\w'+\-]+", " ", plain).strip() + " "


def has(folded: str, phrase: str) -> bool:
    """Whether folded text holds the phrase (a word prefix when it ends in "*")."""
    if "*" in phrase[:-1]:
        return phrase_pattern((phrase,)).search(folded) is not None
    if phrase.endswith("*"):
        return f" {phrase[:-1]}" in folded
    return f" {phrase} " in folded


def has_any(folded: str, phrases) -> bool:
    """Whether folded text holds any of the phrases: one regular expression per
    fixed list (a list is read on every message), a loop for anything else."""
    if isinstance(phrases, (tuple, frozenset)):
        return phrase_pattern(phrases).search(folded) is not None
    return any(has(folded, phrase) for phrase in phrases)


@lru_cache(maxsize=None)
def phrase_pattern(phrases: tuple[str, ...] | frozenset[str]) -> re.Pattern[str]:
    """Matches where `has` would for any of the phrases. A "*" stands for the rest of a
    word, at the end of a phrase or inside it ("zwolnion* z opłat*"); a match starts at the
    space before the phrase."""
    alternatives = [" " + re.escape(phrase).replace(r"\*", r"\w*")
                    + ("" if phrase.endswith("*") else " ") for phrase in phrases]
    return re.compile("|".join(alternatives) or r"(?!)")


def words(*phrases: str) -> tuple[str, ...]:
    """Phrases as written (with diacritics), folded for matching."""
    return tuple(strip_marks(phrase) for phrase in phrases)


def answer_of(text: str) -> str:
    """A short answer as one folded phrase without the padding: "Tak, proszę!" -> "tak prosze"."""
    return fold(text).strip()


# Kinds of help, in the order the English kinds are checked (the specific ones first).
CATEGORY_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("prescription", words("recept*", "lek", "leki", "leków", "lekami", "lekach", "lekarstw*",
                           "aptek*", "aptece", "tabletk*", "pigułk*", "insulin*", "inhalator*",
                           "medykament*")),
    ("dog_walking", words("pies", "psa", "psem", "psu", "psy", "psów", "piesk*", "psiak*",
                          "spacer*")),
    ("transport", words("transport*", "podwie*", "podwóz*", "podwoz*", "zawieźć", "zawiezienie",
                        "wizyt*", "lekarz*", "szpital*", "przychodni*", "dentyst*",
                        "stomatolog*", "taksówk*", "przejazd*", "dojazd*", "klinik*",
                        "rehabilitacj*")),
    ("shopping", words("zakup*", "sklep*", "spożywcz*", "jedzeni*", "żywnoś*", "mleko", "mleka",
                       "chleb*", "bułk*", "biedronk*", "żabk*", "supermarket*", "market*")),
    ("befriending", words("rozmow*", "porozmawia*", "pogada*", "pogawęd*", "telefon",
                          "telefonicznie", "telefoniczn*", "zadzwoni*", "dzwonił*", "samotn*",
                          "towarzystw*", "odwiedzin*")),
    ("other", words("coś innego", "cos innego", "inne", "inna sprawa", "coś jeszcze")),
)
OTHER_ALONE = words("inne", "coś innego", "inna sprawa")


def find_category(text: str) -> str | None:
    folded = fold(text)
    for category, phrases in CATEGORY_WORDS:
        if has_any(folded, phrases):
            return category
    return None


def categories_in(text: str) -> set[str]:
    """Every kind of help named (for a volunteer's skills), "other" left out."""
    folded = fold(text)
    return {category for category, phrases in CATEGORY_WORDS
            if category != "other" and has_any(folded, phrases)}


ALL_SKILLS = words("wszystko", "wszystkie", "wszystkim", "wszystkiego", "każde", "każda",
                   "cokolwiek", "we wszystkim")


def means_all(text: str) -> bool:
    return has_any(fold(text), ALL_SKILLS)


# Yes and no. "no tak" is Polish for "well, yes", so whole answers are checked before first words.
YES = set(words("tak", "tak proszę", "tak poproszę", "poproszę", "zgoda", "zgadzam się", "dobrze",
                "oczywiście", "jasne", "pewnie", "okej", "ok", "nie ma problemu", "nie ma sprawy",
                "chętnie", "może być", "jak najbardziej", "akceptuję", "no tak", "no dobrze",
                "no jasne", "no pewnie"))
NO = set(words("nie", "nie dziękuję", "nie zgadzam się", "nie chcę", "wolę nie", "raczej nie",
               "nie teraz", "odmawiam"))
YES_FIRST = set(words("tak", "zgoda", "dobrze", "jasne", "pewnie", "oczywiście", "okej"))
NO_FIRST = set(words("nie"))


def yes_no_answer(text: str) -> bool | None:
    """A whole answer that is Polish for yes or no."""
    answer = answer_of(text)
    if answer in YES:
        return True
    if answer in NO:
        return False
    return None


def yes_no_first_word(text: str) -> bool | None:
    """Yes or no said first, then more: "tak, proszę o to", "nie, dziękuję bardzo"."""
    answer = answer_of(text)
    first = answer.split(" ")[0] if answer else ""
    if first in YES_FIRST:
        return True
    if first in NO_FIRST:
        return False
    return None


SKIP = set(words("pomiń", "pomijam", "brak", "nic", "nie", "wolę nie mówić", "wolę nie podawać",
                 "nie chcę mówić", "nie chcę podawać", "nie podam", "bez", "żaden", "żadne",
                 "żadnych"))


def is_skip(text: str) -> bool:
    return answer_of(text) in SKIP


# When help is needed. Results are the canonical English words `parsing.find_when` gives,
# so requests are stored alike whichever language they were asked in.
WEEKDAYS: dict[str, int] = {}
for _weekday, _forms in enumerate((
        ("poniedziałek", "poniedziałki", "poniedziałku", "poniedziałkami", "poniedziałków", "pon"),
        ("wtorek", "wtorki", "wtorku", "wtorkami", "wtorków", "wt"),
        ("środa", "środę", "środy", "środzie", "środami", "śród"),
        ("czwartek", "czwartki", "czwartku", "czwartkami", "czwartków", "czw"),
        ("piątek", "piątki", "piątku", "piątkami", "piątków"),
        ("sobota", "sobotę", "soboty", "sobocie", "sobotami", "sobót"),
        ("niedziela", "niedzielę", "niedzieli", "niedzielami", "niedziel", "niedz"))):
    for _form in words(*_forms):
        WEEKDAYS[_form] = _weekday
MONTHS = {name: number for number, names in enumerate((
    words("stycznia", "styczeń", "sty"), words("lutego", "luty", "lut"),
    words("marca", "marzec", "mar"), words("kwietnia", "kwiecień", "kwi"),
    words("maja", "maj"), words("czerwca", "czerwiec", "cze"), words("lipca", "lipiec", "lip"),
    words("sierpnia", "sierpień"), words("września", "wrzesień", "wrz"),
    words("października", "październik", "paź"), words("listopada", "listopad", "lis"),
    words("grudnia", "grudzień", "gru")), start=1) for name in names}
SPELLED_DATE = re.compile(r"\b(\d{1,2}) ([a-z]{3,12})\b")

ANY_TIME = words("kiedykolwiek", "obojętnie", "wszystko jedno", "bez pośpiechu",
                 "nie ma pośpiechu", "nie pilne", "niepilne", "dowolnie", "w dowolnym terminie",
                 "o każdej porze", "w każdej chwili", "nie spieszy się", "nie pali się",
                 "kiedy będzie można", "kiedy ktoś może", "kiedy ktoś będzie mógł")
AS_SOON_AS_POSSIBLE = words("jak najszybciej", "jak najprędzej", "pilne", "pilnie", "natychmiast",
                            "teraz", "od razu", "na już", "na cito")
TODAY = words("dziś", "dzisiaj", "dziś wieczorem", "dzisiaj wieczorem")
TOMORROW = words("jutro")
DAY_AFTER_TOMORROW = words("pojutrze")
THIS_WEEK = words("w tym tygodniu")
NEXT_WEEK = words("w przyszłym tygodniu", "za tydzień", "przyszły tydzień")
WHEN_PHRASES = ANY_TIME + AS_SOON_AS_POSSIBLE + TODAY + TOMORROW + DAY_AFTER_TOMORROW + \
    THIS_WEEK + NEXT_WEEK


def next_weekday(today: date, weekday: int) -> date:
    return today + timedelta(days=(weekday - today.weekday()) % 7)


def find_when(text: str, today: date) -> tuple[date | None, str] | None:
    """(date or None for any time, canonical English words), as `parsing.find_when`."""
    folded = fold(text)
    if has_any(folded, WHEN_PHRASES):  # most messages hold none: one test, not seven
        if has_any(folded, ANY_TIME):  # before "pilne": "nie pilne" is no rush
            return None, "any time"
        if has_any(folded, AS_SOON_AS_POSSIBLE):
            return today, "as soon as possible"
        if has_any(folded, TODAY):
            return today, "today"
        if has_any(folded, TOMORROW):
            return today + timedelta(days=1), "tomorrow"
        if has_any(folded, DAY_AFTER_TOMORROW):
            day = today + timedelta(days=2)
            return day, day.strftime("%a %-d %b")
        if has_any(folded, THIS_WEEK):
            return None, "this week"
        if has_any(folded, NEXT_WEEK):
            monday = next_weekday(today, 0) + timedelta(days=7 if today.weekday() == 0 else 0)
            return monday, "next week"
    spelled = find_date(folded, today)
    if spelled:
        return spelled, spelled.strftime("%a %-d %b")
    weekday = find_weekday(text)
    if weekday is not None:
        day = next_weekday(today, weekday)
        return day, day.strftime("%A")
    return None


def find_date(folded: str, today: date) -> date | None:
    """"25 grudnia", "3 maja": the next one to come."""
    for match in SPELLED_DATE.finditer(folded):
        month = MONTHS.get(match.group(2))
        if month is None:
            continue
        try:
            candidate = date(today.year, month, int(match.group(1)))
        except ValueError:
            return None
        return candidate if candidate >= today else candidate.replace(year=today.year + 1)
    return None


def find_weekday(text: str) -> int | None:
    # Every form is one word, so one set test finds the forms named: most messages name no
    # day, and trying the forty forms one by one was a tenth of a whole reading's cost.
    named = WEEKDAYS.keys() & fold(text).split()
    if not named:
        return None
    return next(day for word, day in WEEKDAYS.items() if word in named)  # the first form listed


# Times of day for calls: "wtorki o 14", "codziennie rano", "co dwa tygodnie w piątek wieczorem".
DAY_PART_MINUTES = tuple((words(*phrases), minutes) for phrases, minutes in (
    (("rano", "rankiem", "przed południem", "z rana"), 10 * 60),
    (("w południe", "południe", "w porze obiadu"), 12 * 60),
    (("po południu", "popołudniu", "popołudniami", "popołudnie"), 14 * 60),
    (("wieczorem", "wieczorami", "wieczór"), 18 * 60),
))
CLOCK = re.compile(r"(?<!\w)(?:o|ok\.?|okolo|godz\.?|godzina|godzinie|o godz\.?|o godzinie)"
                   r"\s+(\d{1,2})(?:[:.](\d{2}))?(?!\w|[:.]\d)")
DAILY = words("codziennie", "każdego dnia", "co dzień", "codzień", "dzień w dzień",
              "każdego ranka", "każdego wieczoru", "każdego wieczora")
FORTNIGHTLY = words("co dwa tygodnie", "co 2 tygodnie", "co drugi", "co drugą", "co drugie",
                    "dwa razy w miesiącu")


def clock_minutes(text: str) -> int | None:
    """ "o 14", "o godz. 10.30", "ok. 9": minutes after midnight.

    A bare hour from 1 to 7 is taken as the afternoon or evening ("o 3" is 15:00):
    nobody arranges a call at three in the morning.
    """
    match = CLOCK.search(strip_marks(re.sub(r"\s+", " ", text or "")))
    if not match:
        return None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if 1 <= hour <= 7 and match.group(2) is None:
        hour += 12
    return hour * 60 + minute if hour < 24 and minute < 60 else None


def day_part_minutes(text: str) -> int | None:
    folded = fold(text)
    return next((minutes for phrases, minutes in DAY_PART_MINUTES if has_any(folded, phrases)),
                None)


def is_daily(text: str) -> bool:
    return has_any(fold(text), DAILY)


def is_fortnightly(text: str) -> bool:
    return has_any(fold(text), FORTNIGHTLY)


# Help wanted again and again: "zakupy w każdy piątek", "co tydzień", "w piątki".
WEEKLY = words("co tydzień", "raz w tygodniu", "każdego tygodnia", "cotygodniow*", "w każdy",
               "w każdą", "każdy", "każdą", "co poniedziałek", "co wtorek", "co środę",
               "co czwartek", "co piątek", "co sobotę", "co niedzielę", "stał*", "regularn*")
PLURAL_WEEKDAYS = words("w poniedziałki", "we wtorki", "w środy", "w czwartki", "w piątki",
                        "w soboty", "w niedziele")


def repeat_days(text: str) -> int | None:
    """14 for every other week, 7 for weekly, None when the words don't say it repeats."""
    folded = fold(text)
    if has_any(folded, FORTNIGHTLY):
        return 14
    if has_any(folded, WEEKLY) or has_any(folded, PLURAL_WEEKDAYS):
        return 7
    return None


# A volunteer's free time: "w tygodniu wieczorem, w soboty rano", "zawsze".
ALWAYS = words("zawsze", "kiedykolwiek", "o każdej porze", "w każdej chwili", "obojętnie",
               "elastycznie", "dowolnie", "kiedy trzeba", "wszystko jedno", "cały czas")
WEEKDAYS_ONLY = words("dni powszednie", "w dni powszednie", "dni robocze", "w tygodniu",
                      "od poniedziałku do piątku", "pon-pt", "pn-pt")
WEEKENDS = words("weekend", "weekendy", "weekendami", "weekendów", "w weekend")
EVERY_DAY = words("codziennie", "każdego dnia", "co dzień", "cały tydzień", "każdy dzień",
                  "w każdy dzień")
DAY_PARTS = (
    ("morning", words("rano", "rankiem", "ranki", "rankami", "przed południem", "poranki",
                      "poranek", "porankami", "z rana")),
    ("afternoon", words("po południu", "popołudniu", "popołudnia", "popołudnie",
                        "popołudniami")),
    ("evening", words("wieczorem", "wieczory", "wieczorami", "wieczór", "wieczorów", "noc",
                      "nocami", "w nocy", "nocą")),
)
ALL_DAY = words("cały dzień", "całe dnie", "całymi dniami")
DAYTIME = words("w ciągu dnia", "w dzień", "za dnia")
# Joins a clause to the next, as "and" and "or" do in English.
CONJUNCTIONS = r"|\bi\b|\blub\b|\balbo\b|\boraz\b|\bczy\b"


def always_free(text: str) -> bool:
    return has_any(fold(text), ALWAYS)


def clause_weekdays(clause: str) -> list[int]:
    """Weekdays (0 = Monday) a clause of availability names."""
    folded = fold(clause)
    if has_any(folded, WEEKDAYS_ONLY):
        return [0, 1, 2, 3, 4]
    if has_any(folded, WEEKENDS):
        return [5, 6]
    if has_any(folded, EVERY_DAY):
        return list(range(7))
    return sorted({day for word, day in WEEKDAYS.items() if has(folded, word)})


def clause_day_parts(clause: str) -> list[str]:
    """Parts of the day ("morning", "afternoon", "evening") a clause names."""
    folded = fold(clause)
    if has_any(folded, ALL_DAY):
        return ["morning", "afternoon", "evening"]
    if has_any(folded, DAYTIME):
        return ["morning", "afternoon"]
    return [part for part, phrases in DAY_PARTS if has_any(folded, phrases)]


# Signs that a message is written in Polish.
POLISH_LETTERS = re.compile(r"[ąćęłńśźżĄĆĘŁŃŚŹŻ]")
COMMON_WORDS = set(words("dzień", "dobry", "proszę", "pomoc", "pomocy", "potrzebuję", "cześć",
                         "jestem", "mam", "dziękuję", "chcę", "czy", "mogę", "ktoś", "mnie",
                         "mi", "się", "jak", "jutro", "dzisiaj", "zakupy", "witam", "tak",
                         "nie", "bardzo", "albo", "lub", "oraz", "rano", "wieczorem", "kiedy",
                         "mój", "moja", "moje", "żeby", "może", "który", "która"))


def looks_polish(text: str) -> bool:
    """Polish letters, or at least two common Polish words that are not English ones."""
    if POLISH_LETTERS.search(text or ""):
        return True
    return len(set(fold(text).split()) & COMMON_WORDS) >= 2


# How far a volunteer will go: "3 kilometry", "2,5 km", "pół mili".
DISTANCE = re.compile(r"(\d+(?:[.,]\d+)?)\s*(kilometr(?:y|ow|a|ach|ami)?|km|mil[aei]?|mil)\b")
HALF = {"pol mili": 0.5 * 1.609344, "pol kilometra": 0.5, "poltora kilometra": 1.5,
        "poltorej mili": 1.5 * 1.609344}


def distance_km(text: str) -> float | None:
    plain = strip_marks(text)
    folded = fold(text)
    for phrase, km in HALF.items():
        if has(folded, phrase):
            return round(km, 2)
    match = DISTANCE.search(plain)
    if not match:
        return None
    amount = float(match.group(1).replace(",", "."))
    kilometres = amount if match.group(2).startswith("k") else amount * 1.609344
    if not 0.1 <= kilometres <= 200:
        return None
    return round(kilometres, 2)


# Languages as Polish names them: "polski", "po polsku", "angielski", "mówię po ukraińsku".
LANGUAGE_STEMS = tuple((strip_marks(stem), code) for stem, code in (
    ("angiel", "en"), ("polsk", "pl"), ("ukraiń", "uk"), ("rosyjsk", "ru"), ("niemieck", "de"),
    ("francusk", "fr"), ("hiszpańsk", "es"), ("włosk", "it"), ("litewsk", "lt"),
    ("łotewsk", "lv"), ("rumuńsk", "ro"), ("czesk", "cs"), ("słowack", "sk"),
    ("węgiersk", "hu"), ("bułgarsk", "bg"), ("arabsk", "ar"), ("tureck", "tr"),
    ("portugalsk", "pt"), ("grecki", "el"), ("grecku", "el"), ("chińsk", "zh"),
    ("pendżab", "pa"), ("bengal", "bn"), ("walijsk", "cy"), ("albańsk", "sq"),
    ("perski", "fa"), ("migow", "bsl"), ("somalijsk", "so"), ("tamilsk", "ta"),
    ("gudżarat", "gu"), ("nepalsk", "ne"), ("kurdyjsk", "ku"),
))


def languages_in(text: str) -> list[str]:
    """Language codes for the Polish language names in a message, in the order named."""
    codes: list[str] = []
    for word in fold(text).split():
        for stem, code in LANGUAGE_STEMS:
            if word.startswith(stem) and code not in codes:
                codes.append(code)
    return codes


# Ages: "mam 84 lata", "84 lata", "67".
AGE_ANSWER = re.compile(r"(?:mam)?(\d{2,3})(?:lat|lata|latek|latka|l)?\.?")
AGE_IN_PASSING = re.compile(
    r"\bmam (\d{2,3}) (?:lat|lata)\b|\b(\d{2,3})[ -]?(?:latek|latka|letni|letnia)\b")


def age_answer(text: str) -> int | None:
    match = AGE_ANSWER.fullmatch(strip_marks(text).replace(" ", ""))
    return int(match.group(1)) if match else None


def age_in_passing(text: str) -> int | None:
    match = AGE_IN_PASSING.search(strip_marks(re.sub(r"\s+", " ", text or "")))
    return int(match.group(1) or match.group(2)) if match else None


# Commands said as the whole message, by the engine's command names.
COMMAND_WORDS: dict[str, set[str]] = {command: set(words(*phrases)) for command, phrases in {
    "help": ("pomoc", "pomocy", "info", "informacja"),
    "restart": ("od nowa", "zacznij od nowa", "zacznijmy od nowa", "jeszcze raz", "nowa prośba",
                "nowe zgłoszenie", "cześć", "dzień dobry", "witam", "siema", "dobry wieczór",
                "halo"),
    "status": ("status", "moje prośby", "moja prośba", "moje zgłoszenia",
               "moje zgłoszenie", "gdzie moja prośba"),
    "cancel": ("anuluj", "anuluj prośbę", "anuluj zgłoszenie", "anuluj moją prośbę", "anuluj to",
               "odwołaj", "odwołaj prośbę", "odwołaj zgłoszenie"),
    "volunteer": ("wolontariusz", "wolontariuszka", "wolontariat", "chcę pomagać", "chcę pomóc",
                  "chcę zostać wolontariuszem", "chcę zostać wolontariuszką",
                  "chcę być wolontariuszem", "chcę być wolontariuszką", "zostać wolontariuszem",
                  "zapisz mnie", "mogę pomóc", "chętnie pomogę", "chcę się zapisać"),
    "pause": ("przerwa", "pauza", "wstrzymaj", "wstrzymaj oferty", "robię przerwę"),
    "resume": ("wznów", "wznów oferty", "wracam", "jestem z powrotem"),
    "my_tasks": ("moje zadania", "zadania"),
    "leave": ("rezygnuję", "odchodzę", "koniec wolontariatu", "rezygnuję z wolontariatu",
              "kończę wolontariat"),
    "forget": ("zapomnij mnie", "usuń moje dane", "usuń mnie", "usuń moje informacje",
               "skasuj moje dane", "wymaż moje dane"),
    "withdraw_consent": ("wycofuję zgodę", "wycofuję moją zgodę", "wycofaj zgodę", "cofam zgodę",
                         "cofam moją zgodę"),
    "give_consent": ("daję zgodę", "daję zgodę ponownie", "wyrażam zgodę", "przywróć zgodę",
                     "przywracam zgodę", "zgoda ponownie"),
}.items()}
GREETINGS = set(words("cześć", "dzień dobry", "witam", "siema", "dobry wieczór", "halo"))
CANCEL_FIRST_WORDS = set(words("anuluj", "odwołaj"))


def command(text: str) -> str | None:
    """The engine's name for a Polish command said as the whole message, or None."""
    answer = answer_of(text).lstrip("/")
    return next((name for name, phrases in COMMAND_WORDS.items() if answer in phrases), None)


def is_greeting(text: str) -> bool:
    return answer_of(text) in GREETINGS


CLOSING = set(words("dziękuję", "dzięki", "dziękuję bardzo", "bardzo dziękuję", "ok dziękuję",
                    "ok dzięki", "do widzenia", "pa", "pa pa", "super", "świetnie"))
GENERAL_ASKS = set(words("pomocy", "pomoc", "potrzebuję pomocy", "proszę o pomoc",
                         "czy możecie pomóc", "czy możesz pomóc", "co robicie",
                         "jak to działa", "kim jesteście", "w czym możecie pomóc"))


GIVE_BACK = words("oddaj", "oddaję", "oddać", "nie mogę tego zrobić", "nie dam rady",
                  "nie mogę przyjść", "jednak nie mogę", "nie zdążę")


def gives_back(text: str) -> bool:
    return has_any(fold(text), GIVE_BACK)


def is_closing(text: str) -> bool:
    return answer_of(text) in CLOSING


def is_general_ask(text: str) -> bool:
    return answer_of(text) in GENERAL_ASKS


VOLUNTEERING = words("zostać wolontariusz*", "być wolontariusz*", "jako wolontariusz*",
                     "chcę pomagać", "chcę pomóc", "chętnie pomogę", "zgłosić się na wolontariusz*")


def wants_to_volunteer(text: str) -> bool:
    folded = fold(text)
    return has_any(folded, VOLUNTEERING) or folded.strip() in ("wolontariusz", "wolontariuszka")


# Offers and tasks.
ACCEPT = set(words("tak", "akceptuję", "przyjmuję", "biorę", "zgoda", "okej"))
DECLINE = set(words("nie", "odmawiam", "odrzucam", "pas", "pasuję"))
DONE = set(words("gotowe", "zrobione", "załatwione", "dostarczone", "skończone", "zrobiłem",
                 "zrobiłam"))

# Check-in calls.
CALLS = words("rozmowy", "rozmów", "rozmowach", "rozmowami", "telefony", "telefonów")
END_FIRST = set(words("koniec", "zakończ", "zakończyć"))
CHANGE_FIRST = set(words("zmień", "przesuń"))
PAUSE_FIRST = set(words("wstrzymaj", "przerwa", "zawieś"))
CALL_NOW_FIRST = set(words("połącz", "zadzwoń"))
CALL_DONE_FIRST = set(words("gotowe", "zrobione", "dzwoniłem", "dzwoniłam", "zadzwoniłem",
                            "zadzwoniłam", "rozmawialiśmy", "rozmawiałem", "rozmawiałam"))
RESCHEDULE_FIRST = set(words("przełóż", "przełożone", "przełożyłem", "przełożyłam", "przesuń",
                             "przesunięte", "zmiana"))
NO_ANSWER = words("brak odpowiedzi", "nie odebrał", "nie odebrała", "nie odebrali", "nie odbiera",
                  "nikt nie odebrał", "nie odebrano")
NOBODY_CALLED = words("nikt nie zadzwonił", "nikt nie dzwonił", "nie było telefonu",
                      "nie zadzwonił", "nie zadzwoniła", "nie dzwonił", "nie dzwoniła",
                      "brak telefonu")

# A volunteer's worry: "OBAWY pani Nowak nie otwiera drzwi".
CONCERN_FIRST = set(words("obawy", "obawa", "niepokój", "martwię"))


def first_word(text: str) -> str:
    parts = fold(text).split()
    return parts[0] if parts else ""


# Questions about local services (signposting): "gdzie jest bank żywności w RM17?".
SERVICE_ASKING = words("kto", "gdzie", "czy jest", "czy są", "czy istnieje", "jest tu",
                       "numer do", "numer telefonu", "lista", "w pobliżu", "niedaleko",
                       "blisko mnie", "polec*", "znacie", "znasz")
# "Czy ktoś może odebrać moje leki z apteki?" asks for a volunteer, not for a pharmacy.
SERVICE_REQUESTING = words("ktoś", "wolontariusz*", "czy możesz", "czy możecie", "odebra*",
                           "odbierze", "przynie*", "przywie*", "kupi*", "zrobi*", "potrzebuję",
                           "pomóc mi", "pomoże mi", "pomógłby", "pomogłaby")
SERVICE_KIND_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("food_bank", words("bank żywności", "banku żywności", "banki żywności", "banków żywności",
                        "paczka żywnościowa", "paczki żywnościowe", "paczek żywnościowych",
                        "jadłodajni*")),
    ("pharmacy", words("aptek*", "aptece", "dostarcza leki", "dostarczają leki",
                       "dostawa leków", "dowóz leków", "dowozi leki")),
    ("shop", words("dostarcza jedzenie", "dostarczają jedzenie", "dostawa jedzenia",
                   "dowóz jedzenia", "dowozi jedzenie", "dostawa zakupów", "dowóz zakupów",
                   "dostarcza zakupy", "dostarczają zakupy", "sklep który dostarcza",
                   "sklepy które dostarczają", "sklep z dostawą", "sklepy z dostawą",
                   "supermarket*", "płatność przez telefon", "płacić przez telefon",
                   "zapłacić przez telefon", "płatności przez telefon")),
    ("mental_health", words("zdrowie psychiczne", "zdrowia psychicznego", "telefon zaufania",
                            "linia wsparcia", "wsparcie psychologiczne", "psycholog*",
                            "depresj*", "kryzys*")),
    ("befriending", words("opiekun*", "organizacja charytatywna", "organizacje charytatywne",
                          "organizacji charytatywnej", "fundacj*", "stowarzyszeni*",
                          "klub seniora", "dom dziennego pobytu")),
)


def service_kinds(text: str) -> tuple[str, ...]:
    """The kinds of local service a Polish question asks about; () when it asks none or
    asks for a person to do something."""
    folded = fold(text)
    if not has_any(folded, SERVICE_ASKING) or has_any(folded, SERVICE_REQUESTING):
        return ()
    return tuple(kind for kind, phrases in SERVICE_KIND_WORDS if has_any(folded, phrases))
