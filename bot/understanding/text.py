"""Text as the reader sees it: cleaned for storing, folded for matching and features.

People type "Środa", "sroda" and "SRODA" for the same day, "pleeease" for "please" and
"rm176sl" for a postcode. Cleaning keeps what they wrote (trimmed, one space, NFKC);
folding is for reading only: lower case, Polish marks dropped, runs of a letter cut to two,
and the exact things (postcodes, references) turned into placeholder words so a model learns
"a postcode is here" rather than one postcode.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

MAX_TEXT_LENGTH = 1000
# Enough for every message of a busy minute: each is read by several parts of a step.
TEXTS_CACHED = 512

_SPACES = re.compile(r"\s+")
# ł is a letter of its own in Unicode, not l with a mark: NFKD leaves it alone.
_MARKLESS = str.maketrans({"ł": "l", "’": "'", "‘": "'", "`": "'"})
_RUNS = re.compile(r"([^\W\d])\1{2,}")
# UK postcode: outward code (area + district) and inward code (sector + unit).
# Deliberately permissive about spacing and case: "rm176sl" is RM17 6SL.
POSTCODE_PATTERN = re.compile(
    r"\b([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][ABD-HJLNP-UW-Z]{2})\b", re.IGNORECASE)
# A request's or a partner's need's reference anywhere: "R-7Q4K", "r7q4k", "N-3KD9".
ANY_REFERENCE = re.compile(r"\b[RN]-?[2-9A-HJ-NP-Z]{4,5}\b", re.IGNORECASE)
_NON_WORD = re.compile(r"[^\w'+\-?!]+")


@lru_cache(maxsize=TEXTS_CACHED)
def clean(text: str) -> str:
    """Trimmed, whitespace-folded, Unicode-normalised, and cut to a sane length."""
    text = unicodedata.normalize("NFKC", text or "")
    text = _SPACES.sub(" ", text).strip()
    return text[:MAX_TEXT_LENGTH]


@lru_cache(maxsize=TEXTS_CACHED)
def strip_marks(text: str) -> str:
    """Lower case without diacritics, curly quotes straight: "Łódź, Środa" -> "lodz, sroda"."""
    lowered = unicodedata.normalize("NFKC", text or "").lower().translate(_MARKLESS)
    return "".join(ch for ch in unicodedata.normalize("NFKD", lowered)
                   if not unicodedata.combining(ch))


@lru_cache(maxsize=TEXTS_CACHED)
def words_of(text: str) -> str:
    """Lower-case text with punctuation (but not apostrophes) turned to spaces."""
    lowered = clean(text).lower().replace("’", "'")
    return " " + re.sub(r"[^\w'+\-]+", " ", lowered).strip() + " "


def fold(text: str) -> str:
    """The words of a message for reading: no marks, no punctuation but ' - + ? !, one space,
    runs of three or more of a letter cut to two ("pleeease" -> "please" stays close)."""
    folded = strip_marks(clean(text))
    folded = _RUNS.sub(r"\1\1", folded)
    folded = re.sub(r"([?!])", r" \1 ", folded)
    return " " + _SPACES.sub(" ", _NON_WORD.sub(" ", folded)).strip() + " "


@lru_cache(maxsize=TEXTS_CACHED)
def for_features(text: str) -> str:
    """What the statistical model reads: folded, with postcodes and references as placeholder
    words (the model should learn that a postcode is there, not which one)."""
    marked = ANY_REFERENCE.sub(" refcode ", clean(text))
    marked = POSTCODE_PATTERN.sub(" pstcode ", marked)
    return fold(marked).strip()


def has_letters_or_digits(text: str) -> bool:
    return any(ch.isalnum() for ch in text or "")
