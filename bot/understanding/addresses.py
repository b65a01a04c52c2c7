"""Whether a reply to "what is your address?" is one.

A volunteer walks to what is saved here, so a guess is never saved as a fact: a line with
a house number or name and a street is taken; a line that might be an address is read back
for a YES; "yes", a question or a complaint is not an address at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.understanding.text import clean, fold

STREET_WORDS = (
    "road", "rd", "street", "st", "avenue", "ave", "av", "lane", "ln", "close", "cl", "drive",
    "dr", "way", "crescent", "cres", "court", "ct", "gardens", "gdns", "grove", "gr", "place",
    "pl", "terrace", "terr", "walk", "hill", "park", "row", "square", "sq", "mews", "view",
    "rise", "green", "parade", "mead", "chase", "end", "croft", "fields", "field", "wood",
    "meadow", "meadows", "vale", "path", "approach", "boulevard", "bvd", "circus", "gate",
    "hall", "house", "cottages", "cottage", "farm", "lodge", "manor", "villas", "mansions",
    "estate", "heights", "wharf", "quay", "yard", "passage", "broadway", "highway", "bank",
    "embankment", "common", "orchard", "copse", "dell", "glade", "spinney", "wynd", "brae",
    "ulica", "ul", "aleja", "al", "osiedle", "os",
)
_STREET = re.compile(r"\b(?:" + "|".join(STREET_WORDS) + r")\b\.?")
_HOUSE_NUMBER = re.compile(r"(?:^|\s)(?:flat |apartment |apt |no\.? |number )?\d{1,4}[a-z]?\b")
_FLAT = re.compile(r"\b(?:flat|apartment|apt|unit|room|mieszkanie|m\.)\s*\d")
_QUESTION_START = re.compile(
    r"^\s*(?:why|what|how|who|when|where|do|does|is|are|can|could|would|will|should|must|"
    r"did|have|has|dlaczego|po co|czemu|co|jak|kto|czy)\b")
_REFUSAL = re.compile(
    r"\b(?:only asked|i asked|don'?t (?:want|need|have) to|not (?:giving|telling|saying)|"
    r"none of your|rather not|prefer not|why do you|what for|no need|nie chce|nie podam|"
    r"po co wam|dlaczego|i just want|i only want|not sure why)\b")
ANSWER_WORDS = frozenset("""
yes no yeah yep nope ok okay sure fine thanks thank you please maybe dunno don't know
tak nie dobrze dzieki dziekuje
""".split())


@dataclass(frozen=True)
class AddressAnswer:
    line: str
    certain: bool  # a house and a street: take it; otherwise read it back for a YES


def read_address(text: str) -> AddressAnswer | None:
    """The address in a reply, or None when the reply is not an address."""
    said = clean(text).strip(" .,!")
    folded = fold(said).strip()
    words = folded.split()
    if len(said) < 3 or not any(ch.isalpha() for ch in said) or len(words) > 16:
        return None
    if all(word in ANSWER_WORDS for word in words):
        return None
    if "?" in said or _QUESTION_START.search(folded) or _REFUSAL.search(folded):
        return None
    has_street = bool(_STREET.search(folded))
    has_house = bool(_HOUSE_NUMBER.search(folded)) or bool(_FLAT.search(folded))
    line = said[:200]
    if has_street and (has_house or len(words) >= 3):
        return AddressAnswer(line, certain=has_house)
    if has_street or has_house or len(words) <= 8:
        return AddressAnswer(line, certain=False)
    return None
