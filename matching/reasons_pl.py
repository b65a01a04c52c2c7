"""Why a volunteer was asked, in Polish: the words `reasons.describe_reason` gives for "pl".

Polish volunteers read their offers in Polish, reasons included ("mieszka w tej
samej okolicy (0,8 km stąd)"). Decimal commas, and the plural forms Polish
counts with (1 zadanie, 2 zadania, 5 zadań).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from matching.types import VERY_CLOSE_KM

THEMES: Mapping[str, str] = MappingProxyType({
    "bereavement": "żałoba",
    "dementia": "demencja",
    "caring": "opieka nad bliską osobą",
    "cancer": "nowotwór",
    "hearing_loss": "utrata słuchu",
    "mobility": "problemy z poruszaniem się",
    "loneliness": "samotność",
    "mental_health": "problemy ze zdrowiem psychicznym",
})
# The language's name as in "mówi: polski" (a list a volunteer reads, so the adjective).
LANGUAGES: Mapping[str, str] = MappingProxyType({
    "ar": "arabski", "bg": "bułgarski", "bn": "bengalski", "cs": "czeski", "cy": "walijski",
    "de": "niemiecki", "el": "grecki", "en": "angielski", "es": "hiszpański", "fa": "perski",
    "fr": "francuski", "ga": "irlandzki", "gd": "szkocki gaelicki", "gu": "gudżarati",
    "hi": "hindi", "hu": "węgierski", "it": "włoski", "ku": "kurdyjski", "lt": "litewski",
    "lv": "łotewski", "pa": "pendżabski", "pl": "polski", "ps": "paszto", "pt": "portugalski",
    "ro": "rumuński", "ru": "rosyjski", "sk": "słowacki", "so": "somalijski", "sq": "albański",
    "ta": "tamilski", "ti": "tigrinia", "tr": "turecki", "uk": "ukraiński", "ur": "urdu",
    "zh": "chiński",
})


def describe(code: str, values: Mapping[str, Any]) -> str | None:
    """Polish words for one reason; None for a code not written in Polish yet."""
    match code:
        case "distance":
            return away(values["km"])
        case "same_area":
            return f"mieszka w tej samej okolicy ({away(values['km'])})"
        case "shared_experience":
            themes = values.get("themes") or ()
            if themes:
                named = [THEMES.get(theme, theme.replace("_", " ")) for theme in themes]
                return f"ma własne doświadczenie: {join(named)}"
            words = ", ".join(f"\u201e{word}\u201d" for word in values.get("words", ()))
            return f"pisze o podobnych sprawach ({words})"
        case "similar_age":
            return "podobny wiek"
        case "helped_before":
            name = values.get("resident_first_name")
            return f"już pomagał(a): {name}" if name else "już pomagał(a) tej osobie"
        case "fewer_recent_tasks":
            count = values["recent_tasks"]
            if count == 0:
                return "brak zadań w ostatnich 4 tygodniach"
            return f"tylko {count} {tasks_word(count)} w ostatnich 4 tygodniach"
        case "speaks_language":
            code = values["language"]
            return f"mówi: {LANGUAGES.get(code, code)}"
    return None


def away(distance: float) -> str:
    """"0,8 km stąd", or "bardzo blisko" when a number would tell the street or the postcode."""
    return "bardzo blisko" if distance < VERY_CLOSE_KM else f"{km(distance)} stąd"


def km(distance: float) -> str:
    """0,8 km, 3,4 km, 12 km."""
    rounded = round(distance, 1) if distance < 10 else round(distance)
    return f"{rounded:g} km".replace(".", ",")


def tasks_word(count: int) -> str:
    """zadanie, zadania or zadań, as Polish counts them."""
    if count == 1:
        return "zadanie"
    if count % 10 in (2, 3, 4) and count % 100 not in (12, 13, 14):
        return "zadania"
    return "zadań"


def join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " i " + words[-1]
