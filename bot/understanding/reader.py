"""`read(text, context) -> Reading`: the one place a message's words are understood.

A short pipeline: clean the text; the model's chances for what it is for, which kinds of
help, and danger; exact rules where exactness matters (postcodes, references, YES/NO,
dates); names with their roles. Pure: the model is package data, trained or loaded once.
"""

from __future__ import annotations

from bot.understanding import danger as danger_words
from bot.understanding import names, parsing, polish
from bot.understanding.corpus import KINDS
from bot.understanding.danger import Danger
from bot.understanding.model import Prediction, shared_model
from bot.understanding.reading import Context, Intent, Reading, When
from bot.understanding.text import clean, has_letters_or_digits

# A kind of help is read as asked for from this chance up...
KIND_THRESHOLD = 0.5
# ...and when a request names none that clearly, the likeliest from this chance up.
KIND_FALLBACK = 0.2
# Danger from the model alone, from this chance up: low, because recall comes first
# (set on the training part's out-of-fold chances; see benchmarks/understanding.py).
DANGER_THRESHOLD = 0.3
# Messages this long or longer are never a plain YES or NO, whatever their first word.
LONGEST_YES_NO = 6


def read(text: str, context: Context | None = None) -> Reading:
    context = context or Context()
    said = clean(text)
    if not has_letters_or_digits(said):
        return Reading(said, context.language, (), ())
    prediction = shared_model().predict(said)
    intents = tuple(Intent(name, chance) for name, chance in prediction.intents)
    found_danger = decide_danger(said, prediction)
    return Reading(
        text=said,
        language="pl" if polish.looks_polish(said) else "en",
        intents=intents,
        kinds=decide_kinds(intents[0].name, prediction),
        kind_confidence=tuple((kind, prediction.kinds[kind]) for kind in KINDS),
        danger=found_danger,
        postcodes=tuple(parsing.find_postcodes(said)),
        references=tuple(reference for reference in (parsing.find_reference(said),
                                                      parsing.find_need_reference(said))
                         if reference),
        sender_name=names.writer_name(said),
        helped=names.helped_person(said),
        when=read_when(said, context),
        urgent=parsing.is_urgent(said) or found_danger is not None,
        yes_no=parsing.parse_yes_no(said) if len(said.split()) < LONGEST_YES_NO else None,
    )


def decide_kinds(intent: str, prediction: Prediction) -> tuple[str, ...]:
    """The kinds of help asked for: only a request asks for any."""
    if intent != "request":
        return ()
    chosen = [kind for kind in KINDS if prediction.kinds[kind] >= KIND_THRESHOLD]
    if not chosen:
        likeliest = max(KINDS, key=prediction.kinds.__getitem__)
        if prediction.kinds[likeliest] >= KIND_FALLBACK:
            chosen = [likeliest]
    return tuple(chosen)


def decide_danger(said: str, prediction: Prediction) -> Danger | None:
    """Danger if it is said plainly, or the model thinks it likely; its kind from the words
    where they name one, else from the model."""
    plain = danger_words.plainly_said(said)
    if not plain and prediction.danger < DANGER_THRESHOLD:
        return None
    kind = plain[0] if plain else prediction.danger_kinds[0][0]
    return Danger(kind, max(prediction.danger, 0.99 if plain else 0.0), bool(plain))


def read_when(said: str, context: Context) -> When | None:
    if context.today is None:
        return None
    found = parsing.find_when(said, context.today)
    return When(found[0], found[1]) if found else None
