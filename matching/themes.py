"""A small, explicit vocabulary of lived-experience themes.

People describe the same experience in different words: a resident says "my
husband has dementia", a volunteer says "my mum had Alzheimer's". TF-IDF alone
sees no shared word. Before vectorising, each phrase below is replaced by one
theme token ("theme_dementia"), so the two texts share it. The list is kept
short and readable on purpose: every entry is a judgement about what counts
as the same experience, and a coordinator should be able to check it.
"""

from __future__ import annotations

import re

THEME_PREFIX = "theme_"

# theme -> phrases (regular expressions, matched on whole words, case-insensitive).
# Longer phrases come first within a theme so "looked after my" wins over "looked".
THEME_PHRASES: dict[str, tuple[str, ...]] = {
    "bereavement": (
        r"lost my (?:husband|wife|partner)",
        r"bereave(?:d|ment)",
        r"griev(?:e|ed|ing)",
        r"grief",
        r"widow(?:ed|er)?",
    ),
    "dementia": (r"dementia", r"alzheimer'?s?", r"memory loss"),
    "caring": (
        r"(?:caring|cared) for",
        r"(?:look|looks|looked|looking) after my",
        r"carers?",
    ),
    "cancer": (r"cancer", r"chemo(?:therapy)?", r"tumou?rs?"),
    "hearing_loss": (r"hearing loss", r"hard of hearing", r"hearing aids?", r"deaf(?:ness)?"),
    "mobility": (r"mobility", r"wheelchair", r"unsteady", r"walking frame", r"falls?"),
    "loneliness": (r"lonel(?:y|iness)", r"isolat(?:ed|ion)", r"alone"),
    "mental_health": (
        r"mental health",
        r"depress(?:ed|ion)",
        r"anxi(?:ety|ous)",
        r"panic attacks?",
    ),
}

# How a theme reads in a reason: "has lived experience of dementia".
THEME_DESCRIPTIONS: dict[str, str] = {
    "bereavement": "bereavement",
    "dementia": "dementia",
    "caring": "caring for someone",
    "cancer": "cancer",
    "hearing_loss": "hearing loss",
    "mobility": "mobility problems",
    "loneliness": "loneliness",
    "mental_health": "mental health problems",
}

# One pass over the text with one alternation; the group name says the theme.
_THEME_PATTERN = re.compile(
    "|".join(
        rf"(?P<{theme}>\b(?:{'|'.join(phrases)})\b)" for theme, phrases in THEME_PHRASES.items()
    ),
    re.IGNORECASE,
)


def theme_token(theme: str) -> str:
    return THEME_PREFIX + theme


def theme_of_token(token: str) -> str | None:
    """"theme_dementia" -> "dementia"; None for an ordinary word."""
    return token[len(THEME_PREFIX):] if token.startswith(THEME_PREFIX) else None


def replace_themes(text: str) -> str:
    """Lower-case text with each theme phrase replaced by its theme token."""
    # Typographic apostrophes would stop "Alzheimer’s" matching.
    text = text.lower().replace("\u2019", "'")
    return _THEME_PATTERN.sub(lambda match: f" {theme_token(match.lastgroup)} ", text)
