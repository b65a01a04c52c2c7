"""How the hub says back what it read: times, days and availability in the person's language.

The readers in `bot.understanding` return plain values ("tomorrow", "mon_morning", minutes
after midnight); these functions put them into words from the catalogue.
"""

from __future__ import annotations

import re
from datetime import date

from bot.dialogue.catalogue import clock_hours
from bot.dialogue.catalogue import text as catalogue_text
from bot.understanding.names import RELATIONS
from bot.understanding.parsing import DAY_PARTS, DAYS


def describe_slots(slots: tuple[str, ...] | list[str], language: str = "en") -> str:
    """A short plain-words summary of availability for confirmations, in `language`."""
    def say(key: str, **params: object) -> str:
        return catalogue_text(language, key, **params)

    if len(slots) == len(DAYS) * len(DAY_PARTS):
        return say("when.any_time")
    by_part: dict[str, list[str]] = {}
    for slot in slots:
        day, part = slot.split("_")
        by_part.setdefault(part, []).append(day)
    phrases = []
    for part in DAY_PARTS:
        days = by_part.get(part, [])
        if not days:
            continue
        if days == list(DAYS):  # "every evening", not "every evenings"
            phrases.append(say(f"slots.every_{part}"))
            continue
        if days == list(DAYS[:5]):
            label = say("slots.weekday")
        elif days == list(DAYS[5:]):
            label = say("slots.weekend")
        else:
            label = "/".join(say(f"day_short.{DAYS.index(d)}") for d in days)
        phrases.append(say("slots.phrase", which_days=label, part=say(f"slots.{part}")))
    return ", ".join(phrases)


# The words `find_when` stores (in English, whatever language the request came in) and the
# catalogue keys that say them to each person in their own language.
WHEN_KEYS = {"as soon as possible": "when.asap", "today": "when.today",
             "tomorrow": "when.tomorrow", "any time": "when.any_time",
             "this week": "when.this_week", "next week": "when.next_week",
             "regular calls": "when.regular_calls"}
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SHORT_WEEKDAYS = tuple(name[:3] for name in WEEKDAY_NAMES)
SHORT_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
SHORT_DATE = re.compile(rf"({'|'.join(SHORT_WEEKDAYS)}) (\d{{1,2}}) ({'|'.join(SHORT_MONTHS)})")


def describe_when(when_text: str | None, language: str) -> str | None:
    """When help is needed, as stored, in `language`: "tomorrow" -> "jutro", "Wed 25 Nov" ->
    "śr. 25 listopada". A resident's own words ("weekday mornings") are shown as they are."""
    if not when_text:
        return when_text
    day, _, part = when_text.rpartition(" ")
    if part in DAY_PARTS and (day in WHEN_KEYS or day in WEEKDAY_NAMES
                              or SHORT_DATE.fullmatch(day)):  # "Friday morning": "piątek rano"
        return catalogue_text(language, "when.day_and_part", when=describe_when(day, language),
                              part=catalogue_text(language, f"when.part.{part}"))
    if when_text in WHEN_KEYS:
        return catalogue_text(language, WHEN_KEYS[when_text])
    if when_text in WEEKDAY_NAMES:
        return catalogue_text(language, f"day.{WEEKDAY_NAMES.index(when_text)}")
    date_match = SHORT_DATE.fullmatch(when_text)
    if date_match:
        weekday, day, month = date_match.groups()
        return catalogue_text(language, "when.date",
                              weekday=catalogue_text(language,
                                                     f"day_short.{SHORT_WEEKDAYS.index(weekday)}"),
                              day_number=day,
                              month=catalogue_text(language,
                                                   f"month.{SHORT_MONTHS.index(month) + 1}"))
    return when_text


# How someone written for is related to the writer, each with its words in the catalogue
# ("helped_relation.mum"): a husband or wife shares the home, so is never written for.
HELPED_RELATIONS = frozenset(RELATIONS.values()) - {"partner"} | {"someone"}


def who_is_helped(say, writer: str, helped_name: str | None,
                  helped_relation: str | None) -> str:
    """Whom a volunteer helps: the writer, or the person they wrote for ("Edna", or "Dave's
    mum" when not named), said with `say` (key, **params) in the volunteer's language."""
    if helped_name:
        return helped_name
    if helped_relation in HELPED_RELATIONS:
        return say(f"helped_relation.{helped_relation}", writer=writer or "?")
    return writer


def task_person(task, say) -> str:
    """Whom a volunteer's task (a RequestSummary) helps: the writer or whom they wrote for."""
    return who_is_helped(say, task.first_name, task.helped_name, task.helped_relation)


def describe_date(day: date, language: str) -> str:
    """A date as the language writes it: "Wed 25 Nov", "śr. 25 listopada"."""
    return describe_when(day.strftime("%a %-d %b"), language)


def describe_clock(minute_of_day: int, language: str) -> str:
    """A time of day as the language writes it: "2pm", "10:30am"; "14:00", "10:30"."""
    hour, minute = divmod(minute_of_day, 60)
    if clock_hours(language) == 24:
        return f"{hour}:{minute:02d}"
    twelve, suffix = hour % 12 or 12, "am" if hour < 12 else "pm"
    return f"{twelve}{suffix}" if minute == 0 else f"{twelve}:{minute:02d}{suffix}"
