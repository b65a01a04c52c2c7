"""Whether a reply to "what is your address?" is one.

A volunteer walks to what is saved here, so a guess is never saved as a fact: a line with
a house number or name and a street is taken; a line that might be an address is read back
for a YES; "yes", a question or a complaint is not an address at all.

What a volunteer may know before accepting is only the street, read from the saved line by
`street_of`: a house's name or number never comes with it.
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
# A house number and its street anywhere in a sentence: "at 4 Kent Road", "flat 3, 12a
# Heron Way" (a street of up to three words before its street word).
HOUSE_AND_STREET = re.compile(
    r"\b(?:(?:flat|apartment|apt|unit|no\.?|number)\s*\d{1,4}[a-z]?,?\s+)?\d{1,4}[a-z]?,?\s+"
    r"(?:[^\W\d_][\w'-]*\s+){0,3}?(?:" + "|".join(STREET_WORDS) + r")\b\.?",
    re.IGNORECASE)
# Words just before a house and street that make it somewhere else than home: "the clinic
# at 45 High Street", "a lift to 3 Mill Lane", "pick up from 9 Kent Road".
_ELSEWHERE = re.compile(
    r"\b(?:to|from|clinic|hospital|surgery|practice|centre|center|church|hall|shop|chemist|"
    r"pharmacy|office|school|station|dentist|optician|vet|club|library|cafe|pub|do|dla|"
    r"przychodni\w*|szpital\w*|apte\w*)\W+(?:\w+\W+){0,2}$", re.IGNORECASE)
_HOUSE_NUMBER = re.compile(r"(?:^|\s)(?:flat |apartment |apt |no\.? |number )?\d{1,4}[a-z]?\b")
_FLAT = re.compile(r"\b(?:flat|apartment|apt|unit|room|mieszkanie|m\.)\s*\d")
_QUESTION_START = re.compile(
    r"^\s*(?:why|what|how|who|when|where|do|does|is|are|can|could|would|will|should|must|"
    r"did|have|has|dlaczego|po co|czemu|co|jak|kto|czy)\b")
_REFUSAL = re.compile(
    r"\b(?:only asked|i asked|don'?t (?:want|need|have) to|not (?:giving|telling|saying)|"
    r"none of your|rather not|prefer not|why do you|what for|no need|nie chce|nie podam|"
    r"po co wam|dlaczego|i just want|i only want|not sure why)\b")
# "Not sure", "I don't know it": no address, whatever its length.
_UNSURE = re.compile(
    r"\b(?:not sure|unsure|no idea|idk|dunno|do ?n[o']?t know|can'?t remember|cannot remember|"
    r"forgot|nie wiem|nie pamietam|nie jestem pewna|nie jestem pewny)\b")
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
    if "?" in said or _QUESTION_START.search(folded) or _REFUSAL.search(folded) \
            or _UNSURE.search(folded):
        return None
    has_street = bool(_STREET.search(folded))
    has_house = bool(_HOUSE_NUMBER.search(folded)) or bool(_FLAT.search(folded))
    line = said[:200]
    if has_street and (has_house or len(words) >= 3):
        return AddressAnswer(line, certain=has_house)
    if has_street or has_house or len(words) <= 8:
        return AddressAnswer(line, certain=False)
    return None


# The street, for what a volunteer may know before accepting: built from the words that name
# a street, never the typed line with parts taken out, so a house name, a flat or a house
# number cannot come along. A street is recognised by the word for its kind ("Orsett Road",
# "High St"), which is why STREET_WORDS (which also knows "Rose Cottage") is not used here.
STREET_TYPES = {
    "road": "Road", "rd": "Road", "street": "Street", "st": "Street", "avenue": "Avenue",
    "ave": "Avenue", "av": "Avenue", "close": "Close", "cl": "Close", "lane": "Lane",
    "ln": "Lane", "gardens": "Gardens", "gdns": "Gardens", "way": "Way", "drive": "Drive",
    "dr": "Drive", "crescent": "Crescent", "cres": "Crescent", "court": "Court", "ct": "Court",
    "place": "Place", "pl": "Place", "grove": "Grove", "gr": "Grove", "terrace": "Terrace",
    "terr": "Terrace", "tce": "Terrace", "hill": "Hill", "park": "Park", "rise": "Rise",
    "view": "View", "walk": "Walk", "row": "Row", "square": "Square", "sq": "Square",
    "mews": "Mews", "parade": "Parade", "pde": "Parade", "green": "Green", "chase": "Chase",
    "gate": "Gate", "approach": "Approach", "boulevard": "Boulevard", "broadway": "Broadway",
    "wharf": "Wharf", "quay": "Quay", "vale": "Vale",
}
# Kinds that also name buildings ("Apartment 4 Riverside Court, Dock Road"): another street
# in the same address is the better guess.
BUILDING_LIKE_TYPES = frozenset({"court", "ct", "view", "park", "gate"})
# Polish streets name their kind first: "ul. Długa 5", "al. Jana Pawła II 12/4".
POLISH_STREET_PREFIXES = frozenset({"ul", "ulica", "al", "aleja", "aleje", "os", "osiedle",
                                    "plac"})
FLAT_WORDS = frozenset({"flat", "apartment", "apt", "unit", "room", "block", "floor", "suite",
                        "m", "mieszkanie", "lok", "lokal"})
# Words of a house's own name. Right before the street's kind they are part of the street
# ("Mill Lane", "Manor Road"); further back they end it ("The Old Vicarage Orsett Road").
HOUSE_WORDS = frozenset({
    "cottage", "cottages", "house", "farm", "farmhouse", "lodge", "barn", "vicarage", "rectory",
    "manse", "manor", "mill", "hall", "villa", "villas", "bungalow", "chapel", "stables",
    "granary", "oast", "mansions", "flats", "building", "maisonette", "annexe", "studio",
})
SAINT_WORDS = frozenset({"st", "saint"})
MOST_NAME_WORDS = 3
_PARTS = re.compile(r"[,;\n]+")
_CLOSED_UP = re.compile(r"\b(ul|al|os)\.(?=\w)", re.IGNORECASE)  # "ul.Długa" -> "ul. Długa"


@dataclass(frozen=True)
class _Token:
    said: str  # as typed, without the punctuation around it
    key: str  # folded, for comparing: "rd", "dluga"
    dotted: bool = False  # typed with a full stop: "ul.", "St."

    @property
    def is_number(self) -> bool:  # a house or flat number, or a postcode: "12a", "2/36"
        return any(ch.isdigit() for ch in self.said)

    @property
    def is_word(self) -> bool:
        return any(ch.isalpha() for ch in self.said) and not self.is_number


def _tokens(part: str) -> list[_Token]:
    tokens = []
    for word in _CLOSED_UP.sub(r"\1. ", part).split():
        bare = word.strip("\"'()[]:!?")
        said = bare.rstrip(".")
        key = fold(said).strip().replace(" ", "")
        if said:
            tokens.append(_Token(said, key, dotted=bare != said))
    return tokens


def _house_number_before(tokens: list[_Token], index: int) -> bool:
    """Whether the word at `index` is a house number ("36", "12a", "2/36"), not a flat's."""
    return (index >= 0 and tokens[index].is_number
            and not (index > 0 and tokens[index - 1].key in FLAT_WORDS))


def _english_street(tokens: list[_Token], at: int) -> tuple[int, str] | None:
    """The street ending with the kind word at `at` ("Orsett Rd" -> "Orsett Road"), and how
    sure it is, or None when no name comes before the kind."""
    kind = tokens[at]
    following = tokens[at + 1] if at + 1 < len(tokens) else None
    if following is not None and following.key in STREET_TYPES:
        return None  # "Long Lane Close": the street goes on
    if kind.key == "st" and following is not None and following.is_word \
            and not _house_number_before(tokens, at - 2):
        return None  # "Chadwell St Mary": a saint, not a street
    name: list[str] = []
    index = at - 1
    while index >= 0 and len(name) < MOST_NAME_WORDS:
        token = tokens[index]
        if not token.is_word or token.key in FLAT_WORDS:
            break
        if name and (token.key in HOUSE_WORDS or token.key == "the"
                     or (token.key in STREET_TYPES and token.key not in SAINT_WORDS)):
            break
        name.insert(0, token.said)
        index -= 1
        if token.key == "the":
            break  # "The Avenue"
    if not name:
        return None
    certainty = (2 if _house_number_before(tokens, index) else 0) + (
        0 if kind.key in BUILDING_LIKE_TYPES else 1)
    return certainty, f"{_tidy(name)} {STREET_TYPES[kind.key]}"  # "Rd" said as "Road"


def _polish_street(tokens: list[_Token], at: int) -> tuple[int, str] | None:
    """"ul. Długa 5" -> "ul. Długa": the kind first, then the name up to the number."""
    if len(tokens[at].key) <= 2 and not tokens[at].dotted:
        return None  # "Al Amin Road": a name, not "al." for aleja
    name = []
    index = at + 1
    while index < len(tokens) and len(name) < MOST_NAME_WORDS:
        token = tokens[index]
        if not token.is_word or token.key in FLAT_WORDS:
            break
        name.append(token.said)
        index += 1
    if not name:
        return None
    prefix = tokens[at].said + ("." if len(tokens[at].key) <= 2 else "")
    certainty = 1 + (2 if index < len(tokens) and tokens[index].is_number else 0)
    return certainty, f"{prefix} {_tidy(name)}"


def _tidy(words: list[str]) -> str:
    """Capitals as a street's name is written, when it was typed all in one case."""
    phrase = " ".join(words)
    if phrase.islower() or phrase.isupper():
        phrase = " ".join(word[:1].upper() + word[1:].lower() for word in words)
    return phrase


def street_of(address_line: str | None) -> str | None:
    """The street's name in an address line, without house, flat or number: "Orsett Road"
    from "Flat 2, 36 Orsett Rd, Grays"; None when no street can be recognised ("Rose Cottage")."""
    found: list[tuple[int, str]] = []
    for part in _PARTS.split(clean(address_line or "")):
        tokens = _tokens(part)
        for at, token in enumerate(tokens):
            street = None
            if token.key in POLISH_STREET_PREFIXES:
                street = _polish_street(tokens, at)
            if street is None and token.key in STREET_TYPES:
                street = _english_street(tokens, at)
            if street is not None:
                found.append(street)
    if not found:
        return None
    best = max(certainty for certainty, _ in found)
    return next(street for certainty, street in found if certainty == best)


def home_in(text: str) -> str | None:
    """A house and street said in passing in a longer message ("hello it's Margaret at 12
    Orsett Road RM17 6SL, my curtain rail..."), as a guess to read back; None where there is
    none, or it follows words of going somewhere else ("the clinic at 45 High Street")."""
    said = clean(text)
    found = HOUSE_AND_STREET.search(said)
    if found is None or _ELSEWHERE.search(said[:found.start()]):
        return None
    return " ".join(found.group(0).split()).strip(" ,.")
