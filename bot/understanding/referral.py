"""A request a coordinator records for someone else, read from their words:
"NEW shopping for Joan Smith, 01375 123456 (landline), 12 Orsett Road RM17 6SL, tomorrow,
referred by Sue at Thurrock discharge team 07700 900555".

The kind of help, the postcode and the time are read as a resident's are (parsing); a name
as a typed name is (names.tidy_name); an address as an answer to "what is your address?"
(addresses.read_address). What is new here is only who referred it and whether they are
family or a partner organisation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from bot.understanding import parsing
from bot.understanding.addresses import read_address
from bot.understanding.names import tidy_name
from bot.understanding.text import POSTCODE_PATTERN, clean, fold

SELF, FAMILY, PARTNER, COORDINATOR = "self", "family", "partner", "coordinator"
SOURCES = (SELF, FAMILY, PARTNER, COORDINATOR)
# Nine digits or more, spaced, hyphenated or bracketed as people write them ("01375 652802",
# "01375-652802", "(01375) 652802"); a date ("12-12-2026") has too few.
PHONE = re.compile(r"\+?\(?\d(?:[ ()-]{0,2}\d){8,}")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Where the referral starts: "referred by Sue at ...", "referral from the GP", "via her son".
REFERRAL = re.compile(r"\b(?:referred\s+(?:by|from)|referral\s+(?:by|from)|on\s+behalf\s+of|"
                      r"via|asked\s+by|from\s+(?:her|his|their)\s)", re.IGNORECASE)
NAME_AFTER_FOR = re.compile(r"\bfor\s+((?:mrs|mr|ms|miss|dr)\.?\s+)?([^\W\d_][\w'-]*"
                            r"(?:\s+[^\W\d_][\w'-]*)?)", re.IGNORECASE)
LANDLINE_NOTE = re.compile(r"\(?\b(?:landline|home\s+phone|no\s+mobile)\b\)?", re.IGNORECASE)
# Who asked, by the words for them. Family first: "her daughter, a nurse" is family.
FAMILY_WORDS = frozenset("""
daughter son wife husband mum mother dad father sister brother niece nephew grandson
granddaughter grandchild aunt uncle cousin family partner's relative carer neighbour friend
corka syn zona maz mama tata siostra brat rodzina
""".split())
PARTNER_WORDS = frozenset("""
gp surgery doctor nurse hospital discharge team therapist ot occupational social worker
council pharmacy pharmacist practice clinic nhs charity service services housing officer
paramedic health ward
""".split())
SELF_WORDS = frozenset("""
self themselves herself himself themself rang phoned called person resident sam sama
""".split())
COORDINATOR_WORDS = frozenset("coordinator me us hub check-up checkup campaign".split())


@dataclass(frozen=True)
class Referral:
    source: str
    name: str | None
    contact: str | None


@dataclass(frozen=True)
class IntakeWords:
    """What one message said about the request; None for what it did not say."""

    name: str | None = None
    phone: str | None = None  # as typed
    postcode: str | None = None
    address_line: str | None = None
    category: str | None = None
    needed_on: date | None = None
    when_text: str | None = None
    referral: Referral | None = None


def source_of(words: str) -> str | None:
    """"Sue at the discharge team" -> partner; "her daughter" -> family; None if unsaid."""
    folded = set(fold(words).replace(",", " ").replace(".", " ").split())
    if folded & FAMILY_WORDS:
        return FAMILY
    if folded & PARTNER_WORDS:
        return PARTNER
    if folded & COORDINATOR_WORDS:
        return COORDINATOR
    if folded & SELF_WORDS:
        return SELF
    return None


def read_referral(words: str) -> Referral | None:
    """Who referred it and how to reach them, from "Sue at Thurrock discharge team
    07700 900555"; None when the words say no referrer and no source."""
    said = clean(words)
    phone, email = PHONE.search(said), EMAIL.search(said)
    contact = phone.group(0) if phone else (email.group(0) if email else None)
    name = EMAIL.sub(" ", PHONE.sub(" ", said))
    name = " ".join(name.split()).strip(" ,.;:-()")
    source = source_of(name)
    if source is None and not name and contact is None:
        return None
    if source in (SELF, COORDINATOR):
        name, contact = "", None  # "she rang herself", "me": nobody else to name
    return Referral(source or PARTNER, name[:120] or None, contact)


def read_intake(text: str, today: date) -> IntakeWords:
    """Everything a NEW message (or one answer in the questions) names."""
    said = clean(text)
    referral = None
    split = REFERRAL.search(said)
    if split:
        referral = read_referral(said[split.end():])
        said = said[:split.start()]
    said = LANDLINE_NOTE.sub(" ", said)
    phone = PHONE.search(said)
    rest = PHONE.sub(" ", said) if phone else said
    postcodes = parsing.find_postcodes(rest)
    found_when = parsing.find_when(rest, today)
    return IntakeWords(
        name=name_after_for(rest, today), phone=phone.group(0).strip() if phone else None,
        postcode=postcodes[0] if postcodes else None,
        address_line=address_in(rest),
        category=parsing.find_category(rest),
        needed_on=found_when[0] if found_when else None,
        when_text=found_when[1] if found_when else None,
        referral=referral)


def name_after_for(text: str, today: date) -> str | None:
    """"shopping for Joan Smith, ..." -> "Joan Smith"; "for Mrs Patel" -> "Mrs Patel"; a second
    word is a surname only when capitalised ("for Bob tomorrow" is Bob)."""
    found = NAME_AFTER_FOR.search(text)
    if found is None:
        return None
    first, *second = found.group(2).split()
    words = [first] + [word for word in second if word[:1].isupper() and word.isalpha()]
    name = tidy_name(" ".join(words))
    if name is None or parsing.find_category(name) or parsing.find_when(name, today):
        return None
    title = (found.group(1) or "").strip().rstrip(".").title()
    return f"{title} {name}" if title else name


def address_in(text: str) -> str | None:
    """The part of the message that is a house and street ("12 Orsett Road")."""
    for part in clean(text).split(","):
        part = " ".join(POSTCODE_PATTERN.sub(" ", part).split()).strip(" .;:")
        found = read_address(part) if part else None
        if found is not None and found.certain:
            return found.line
    return None


def name_answer(text: str) -> str | None:
    """An answer to "what is their name?": "Joan Smith", "mrs joan smith"."""
    said = re.sub(r"^(?:mrs|mr|ms|miss|dr)\.?\s+", "", clean(text).strip(), flags=re.IGNORECASE)
    return tidy_name(said)
