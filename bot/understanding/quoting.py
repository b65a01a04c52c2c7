"""What of a resident's own words a volunteer is shown: the task, without the contact.

A request for "something else" says no more than that in its kind, so the volunteers it is
offered to are shown what was asked ("go to the butchers for me"). Several volunteers read
an offer before one takes it, and the resident agreed to their first name, their street and
what they need being told, so the words are shown without a postcode, a phone number, an
email or a house and street, and cut short: enough to say what the job is.
"""

from __future__ import annotations

import re

from bot.understanding.addresses import HOUSE_AND_STREET
from bot.understanding.referral import EMAIL, PHONE
from bot.understanding.text import POSTCODE_PATTERN, clean

LONGEST = 100  # with the rest of an offer, still two text messages
# Polish writes the street first: "ul. Długa 5", "osiedle Słoneczne 12/4".
STREET_AND_HOUSE = re.compile(
    r"\b(?:ul|ulica|al|aleja|os|osiedle)\.?\s+(?:[^\W\d_][\w'-]*\s+){0,2}\d{1,4}[a-z]?"
    r"(?:/\d{1,4})?\b", re.IGNORECASE)
FLAT = re.compile(r"\b(?:flat|apartment|apt|unit|mieszkanie)\s*\d{1,4}[a-z]?\b", re.IGNORECASE)
TAKEN = "\x00"
# Where parts were taken out, with the commas and spaces between them: one space.
_GAP = re.compile(r"[\s,;:]*\x00(?:[\s,;:]*\x00)*[\s,;:]*")


def task_words(text: str | None, longest: int = LONGEST) -> str:
    """The words of a request with the contact taken out, at most `longest` characters
    (cut at a word, with "..."); "" when nothing is left that says anything."""
    said = clean(text or "")
    for pattern in (EMAIL, PHONE, POSTCODE_PATTERN, HOUSE_AND_STREET,
                    STREET_AND_HOUSE, FLAT):
        said = pattern.sub(TAKEN, said)
    said = re.sub(r" (?=[.!?])", "", _GAP.sub(" ", said)).strip(" ,;:-")
    if len(said) > longest:
        said = said[:longest].rsplit(" ", 1)[0].rstrip(" ,;:.-") + "..."
    return said if any(character.isalpha() for character in said) else ""
