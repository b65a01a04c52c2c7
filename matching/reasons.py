"""What matching hands back: ranked candidates with reasons, or why nobody matched.

Reasons are data (a code and values) so the service layer can store them and
say them in the reader's language; `describe_reason` gives the English words,
or the Polish ones from `reasons_pl`. Any other language falls back to English
rather than failing, so a missing translation never blocks an offer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from matching import reasons_pl
from matching.themes import THEME_DESCRIPTIONS
from matching.types import VERY_CLOSE_KM

CATEGORY_DESCRIPTIONS: Mapping[str, str] = MappingProxyType(
    {
        "shopping": "shopping",
        "prescription": "prescription collection",
        "befriending": "befriending",
        "dog_walking": "dog walking",
        "transport": "transport",
        "other": "other help",
    }
)
CHECK_DESCRIPTIONS: Mapping[str, str] = MappingProxyType(
    {
        "id": "an ID check",
        "dbs_enhanced": "an enhanced DBS check",
        "befriending_training": "befriending training",
    }
)
# Languages a UK hub is most likely to meet; others are shown by their code.
LANGUAGE_NAMES: Mapping[str, str] = MappingProxyType(
    {
        "ar": "Arabic", "bg": "Bulgarian", "bn": "Bengali", "cs": "Czech", "cy": "Welsh",
        "de": "German", "el": "Greek", "en": "English", "es": "Spanish", "fa": "Persian",
        "fr": "French", "ga": "Irish", "gd": "Scottish Gaelic", "gu": "Gujarati", "hi": "Hindi",
        "hu": "Hungarian", "it": "Italian", "ku": "Kurdish", "lt": "Lithuanian", "lv": "Latvian",
        "pa": "Punjabi", "pl": "Polish", "ps": "Pashto", "pt": "Portuguese", "ro": "Romanian",
        "ru": "Russian", "sk": "Slovak", "so": "Somali", "sq": "Albanian", "ta": "Tamil",
        "ti": "Tigrinya", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "zh": "Chinese",
    }
)

REASON_SEPARATOR = " · "


@dataclass(frozen=True)
class Reason:
    code: str  # "distance", "same_area", "shared_experience", "similar_age", ...
    values: Mapping[str, Any] = field(default_factory=dict)

    def describe(self, lang: str = "en") -> str:
        return describe_reason(self, lang)


@dataclass(frozen=True)
class Candidate:
    volunteer_id: int
    score: float  # 0..1, higher is better
    distance_km: float  # WGS-84 geodesic
    reasons: tuple[Reason, ...]

    def explain(self, lang: str = "en", separator: str = REASON_SEPARATOR) -> str:
        """"0.8 km away · has lived experience of dementia · helped Betty before"."""
        return separator.join(describe_reason(reason, lang) for reason in self.reasons)


@dataclass(frozen=True)
class Rejection:
    """Why no volunteer qualified: the first rule that nobody nearby passed."""

    code: str  # "none_nearby", "missing_checks", "out_of_reach", "language", ...
    values: Mapping[str, Any] = field(default_factory=dict)

    def describe(self, lang: str = "en") -> str:
        return describe_rejection(self, lang)


@dataclass(frozen=True)
class MatchResult:
    request_id: int
    candidates: tuple[Candidate, ...]
    rejection: Rejection | None  # set when there are no candidates (unless not asked for)

    def __bool__(self) -> bool:
        return bool(self.candidates)


# ----- English words --------------------------------------------------------


def describe_reason(reason: Reason, lang: str = "en") -> str:
    """Plain words for one reason, e.g. "0.8 km away" or "helped Betty before"."""
    if lang == "pl":
        polish = reasons_pl.describe(reason.code, reason.values)
        if polish is not None:
            return polish
    values = reason.values
    match reason.code:
        case "distance":
            return away(values["km"])
        case "same_area":
            return f"lives in the same area ({away(values['km'])})"
        case "shared_experience":
            themes = values.get("themes") or ()
            if themes:
                phrases = [THEME_DESCRIPTIONS.get(theme, theme.replace("_", " ")) for theme in themes]
                return f"has lived experience of {join_words(phrases)}"
            words = ", ".join(f"\u201c{word}\u201d" for word in values.get("words", ()))
            return f"has written about similar things ({words})"
        case "similar_age":
            return "similar in age"
        case "helped_before":
            name = values.get("resident_first_name") or "this resident"
            return f"helped {name} before"
        case "fewer_recent_tasks":
            count = values["recent_tasks"]
            if count == 0:
                return "no tasks in the last 4 weeks"
            return f"only {count} task{'s' if count != 1 else ''} in the last 4 weeks"
        case "speaks_language":
            return f"speaks {language_name(values['language'])}"
    return reason.code.replace("_", " ")


def describe_rejection(rejection: Rejection, lang: str = "en") -> str:
    """Plain words for why nobody matched, e.g. "no approved volunteer with befriending within 10 km"."""
    del lang
    values = rejection.values
    who = f"no approved volunteer with {category_name(values.get('category', ''))}"
    where = f" within {format_km(values['within_km'])}" if values.get("within_km") else ""
    # Help by phone has no distance limit, so "within reach" would mean nothing.
    reach = " within reach" if values.get("within_km") else ""
    match rejection.code:
        case "none_nearby":
            return f"{who}{where}"
        case "missing_checks":
            checks = join_words([CHECK_DESCRIPTIONS.get(c, c) for c in values["checks"]])
            return f"{who}{where} has {checks}"
        case "out_of_reach":
            return (
                f"{who} travels this far: the nearest is "
                f"{format_km(values['nearest_km'])} away"
            )
        case "language":
            return f"{who}{reach} speaks {language_name(values['language'])}"
        case "unavailable":
            return f"{who}{reach} is free at the times asked"
        case "at_capacity":
            qualifier = "within reach" if reach else "free at the times asked"
            return _all_of(values["count"], qualifier, "reached their weekly limit", values)
        case "all_excluded":
            return _all_of(values["count"], "suitable", "already been offered this request", values)
    return rejection.code.replace("_", " ")


def _all_of(count: int, qualifier: str, what: str, values: Mapping[str, Any]) -> str:
    category = category_name(values.get("category", ""))
    if count == 1:
        if qualifier == "suitable":
            return f"the only suitable approved volunteer with {category} has {what}"
        return f"the only approved volunteer with {category} {qualifier} has {what}"
    if qualifier == "suitable":
        return f"all {count} suitable approved volunteers with {category} have {what}"
    return f"all {count} approved volunteers with {category} {qualifier} have {what}"


def away(km: float) -> str:
    """"0.8 km away", or "very close" when a number would tell the street or the postcode."""
    return "very close" if km < VERY_CLOSE_KM else f"{format_km(km)} away"


def format_km(km: float) -> str:
    """0.8 km, 3.4 km, 5 km, 12 km: one decimal below 10 km, none when it is zero."""
    rounded = round(km, 1) if km < 10 else round(km)
    return f"{rounded:g} km"


def join_words(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, f"the language \u201c{code}\u201d")


def category_name(category: str) -> str:
    return CATEGORY_DESCRIPTIONS.get(category, category.replace("_", " "))
